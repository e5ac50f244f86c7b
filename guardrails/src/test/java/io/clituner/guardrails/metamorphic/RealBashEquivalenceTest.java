package io.clituner.guardrails.metamorphic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the rewrites themselves against real bash, so that the metamorphic test's premise holds: every variant
 * (dangerous ones included) is valid bash ({@code bash -n}, which never runs anything), and variants of commands that
 * only print run to exactly the output of their seed. Skipped where bash is not installed.
 */
class RealBashEquivalenceTest {
    private static final long SEED = Long.getLong("clituner.metamorphic.seed", 0x5EED_2026_1202L);

    /** Seeds whose every effect is their output; "rm -rf /" here is only printed. */
    private static final List<Seed> PRINTING = List.of(
            Seed.simple("echo alpha beta"),
            Seed.simple("echo rm -rf /"),
            Seed.simple("echo ~/x $HOME"),
            Seed.argv("printf", "%s-", "a b", "c"),
            Seed.simple("echo mixed Case", " | tr a-z A-Z", false),
            Seed.code("for i in 1 2; do echo \"n$i\"; done", false),
            Seed.code("f() { echo \"in $1\"; }; f x", false));

    @Test
    void everyVariantIsValidBash(@TempDir Path dir) throws Exception {
        assumeTrue(bash(), "bash is not installed: the rewrites cannot be checked against it");
        SplittableRandom rnd = new SplittableRandom(SEED);
        StringBuilder script = new StringBuilder();
        List<String> variants = new ArrayList<>();
        for (List<Seed> seeds : List.of(Seeds.DANGEROUS, Seeds.SAFE, PRINTING)) {
            for (Seed s : seeds) {
                for (int k = 0; k < 20; k++) {
                    variants.add(Rewrites.variant(s, rnd).code());
                }
            }
        }
        int line = 1;
        List<Integer> starts = new ArrayList<>();
        for (String v : variants) {
            starts.add(line);
            script.append("v() {\n").append(v).append("\n}\n"); // a function body: parsed, never called
            line += 3 + (int) v.chars().filter(c -> c == '\n').count();
        }
        Path file = dir.resolve("variants.sh");
        Files.writeString(file, script, StandardCharsets.UTF_8);
        Run r = run(dir, "bash", "-n", file.toString());
        String where = "";
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("line (\\d+)").matcher(r.err());
        if (m.find()) {
            int bad = Integer.parseInt(m.group(1));
            for (int k = starts.size() - 1; k >= 0; k--) {
                if (starts.get(k) <= bad) {
                    where = "\nvariant: " + variants.get(k);
                    break;
                }
            }
        }
        assertEquals(0, r.exit(), "bash -n rejects a variant (seed " + SEED + "): " + r.err() + where);
    }

    @Test
    void variantsOfPrintingCommandsPrintTheSame(@TempDir Path dir) throws Exception {
        assumeTrue(bash(), "bash is not installed: the rewrites cannot be checked against it");
        SplittableRandom rnd = new SplittableRandom(SEED);
        int compared = 0;
        for (Seed s : PRINTING) {
            String expected = run(dir, "bash", "-c", s.text()).out();
            assertTrue(!expected.isBlank(), s.text());
            for (int k = 0; k < 12; k++) {
                Rewrites.Variant v = Rewrites.variant(s, rnd);
                Run r = run(dir, "bash", "-c", v.code());
                assertEquals(
                        expected,
                        r.out(),
                        "seed " + SEED + ", rewrites " + v.steps() + ":\n" + v.code() + "\n" + r.err());
                compared++;
            }
        }
        assertEquals(PRINTING.size() * 12, compared);
    }

    private record Run(int exit, String out, String err) {}

    private static Run run(Path dir, String... cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().put("HOME", "/home/metamorphic");
        pb.environment().remove("IFS");
        Process p = pb.start();
        p.getOutputStream().close();
        if (!p.waitFor(30, TimeUnit.SECONDS)) { // a hang guard, not a speed assertion
            p.destroyForcibly();
            throw new AssertionError("bash did not finish: " + String.join(" ", cmd));
        }
        return new Run(
                p.exitValue(),
                new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static boolean bash() {
        try {
            return new ProcessBuilder("bash", "-c", "true").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
