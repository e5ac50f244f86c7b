package io.clituner.guardrails;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.clituner.core.SafetyLevel;
import io.clituner.core.analysis.Verdict;
import io.clituner.guardrails.internal.rules.Rule;
import io.clituner.guardrails.internal.rules.RuleBook;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Verdict invariance: every line of the shared corpora and of the repository's own probe sets (the rule book's
 * examples and counter-examples, the red-team probes) must get the same verdict — risk and sorted rule ids, under
 * every {@link SafetyLevel} — as recorded in a golden file under {@code src/test/resources/golden/} (named {@code verdicts-SOURCE.golden}: hashes and verdicts, never corpus text). A refactoring of
 * the engine must leave every golden untouched; a change that alters verdicts on purpose regenerates them and says in
 * its commit message which verdicts changed and why.
 *
 * <p>A golden holds, per source, the line count, a SHA-256 over every line's entry in order, and the entries of the
 * lines that are not SAFE at every level, keyed by a 12-hex SHA-256 prefix of the line: never the corpus text itself.
 *
 * <p>Regenerate (needs ../shared/corpora for the corpus goldens):
 * {@code mvn -B -o -q -pl guardrails -am test -Dtest=VerdictInvarianceTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dclituner.golden.update=true}
 */
class VerdictInvarianceTest {
    /** The system property that makes the test rewrite its goldens instead of comparing against them. */
    static final String UPDATE_PROPERTY = "clituner.golden.update";

    private static final BashCommandAnalyzer ANALYZER = new BashCommandAnalyzer();
    private static final String ALL_SAFE = entryOfSafeLine();
    private static final int SHOWN_DIFFERENCES = 25;

    @Test
    void ruleBookExamplesAndCounterExamples() throws IOException {
        List<String> lines = new ArrayList<>();
        for (Rule r : RuleBook.defaultRules()) {
            lines.addAll(r.examples());
            lines.addAll(r.counterExamples());
        }
        assertTrue(lines.size() > 300, "rule examples read: " + lines.size());
        check("rule-examples", lines);
    }

    @Test
    void redTeamProbes() throws IOException {
        List<String> lines = new ArrayList<>();
        for (String file : List.of("probes.txt", "probes-round2.txt", "probes-round3.txt", "probes-round4.txt")) {
            try (InputStream in = VerdictInvarianceTest.class.getClassLoader().getResourceAsStream("redteam/" + file)) {
                assertTrue(in != null, "missing test resource redteam/" + file);
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                for (String line; (line = r.readLine()) != null; ) {
                    String[] f = line.split("\\|", 3);
                    if (!line.startsWith("#") && f.length == 3) {
                        lines.add(f[2]);
                    }
                }
            }
        }
        assertTrue(lines.size() > 900, "probe lines read: " + lines.size());
        check("redteam-probes", lines);
    }

    @Test
    void dangerousDev() throws IOException {
        check("dangerous-dev", CorpusTest.lines("dangerous-dev.txt"));
    }

    @Test
    void benignDev() throws IOException {
        check("benign-dev", CorpusTest.lines("benign-dev.txt"));
    }

    @Test
    void benignDevUnparsable() throws IOException {
        check("benign-dev-unparsable", CorpusTest.lines("benign-dev-unparsable.txt"));
    }

    @Test
    void benignDevExcluded() throws IOException {
        List<String> lines = new ArrayList<>();
        for (String row : CorpusTest.lines("benign-dev-excluded.tsv")) {
            String[] f = row.split("\t", 3); // source TAB reason TAB command
            if (f.length == 3) {
                lines.add(f[2]);
            }
        }
        check("benign-dev-excluded", lines);
    }

    @Test
    void nl2bashPairs() throws IOException {
        check("nl2bash-pairs-dev", lastColumn(CorpusTest.lines("nl2bash-pairs-dev.tsv")));
    }

    @Test
    void tldrPairs() throws IOException {
        check("tldr-pairs", lastColumn(CorpusTest.lines("tldr-pairs.tsv")));
    }

    private static List<String> lastColumn(List<String> rows) {
        List<String> out = new ArrayList<>();
        for (String row : rows) {
            int tab = row.lastIndexOf('\t'); // description TAB command; the description holds no tab
            if (tab >= 0) {
                out.add(row.substring(tab + 1));
            }
        }
        return out;
    }

    /** One line's verdicts: "RISK id,id|RISK id,id" in {@link SafetyLevel} order, rule ids sorted. */
    static String entry(String line) {
        StringBuilder sb = new StringBuilder();
        for (SafetyLevel level : SafetyLevel.values()) {
            Verdict v = ANALYZER.analyze(line, level);
            if (sb.length() > 0) {
                sb.append('|');
            }
            sb.append(v.risk())
                    .append(' ')
                    .append(String.join(",", v.ruleIds().stream().sorted().toList()));
        }
        return sb.toString();
    }

    private static String entryOfSafeLine() {
        StringBuilder sb = new StringBuilder();
        for (SafetyLevel ignored : SafetyLevel.values()) {
            sb.append(sb.length() > 0 ? "|" : "").append("SAFE ");
        }
        return sb.toString();
    }

    private static void check(String source, List<String> lines) throws IOException {
        String[] keys = new String[lines.size()];
        String[] entries = new String[lines.size()];
        IntStream.range(0, lines.size()).parallel().forEach(i -> {
            keys[i] = key(lines.get(i));
            entries[i] = entry(lines.get(i));
        });
        Golden actual = Golden.of(keys, entries);
        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            Path file = sourceGolden(source);
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual.render(source), StandardCharsets.UTF_8);
            return;
        }
        Golden expected = Golden.read(source);
        List<String> diffs = new ArrayList<>();
        int differing = 0;
        for (int i = 0; i < lines.size(); i++) {
            String want = expected.nonSafe.getOrDefault(keys[i], ALL_SAFE);
            if (!want.equals(entries[i])) {
                differing++;
                if (diffs.size() < SHOWN_DIFFERENCES) {
                    diffs.add("line " + (i + 1) + " [" + keys[i] + "] `" + lines.get(i) + "`\n    golden: " + want
                            + "\n    now:    " + entries[i]);
                }
            }
        }
        if (differing > 0) {
            fail(source + ": " + differing + " of " + lines.size() + " lines changed verdict (first "
                    + diffs.size() + " below; if intended, rerun with -D" + UPDATE_PROPERTY + "=true and say why in the"
                    + " commit)\n" + String.join("\n", diffs));
        }
        assertEquals(expected.count, actual.count, source + ": line count differs from the golden");
        assertEquals(expected.sha256, actual.sha256, source + ": entry digest differs from the golden");
    }

    static String key(String line) {
        return HexFormat.of()
                .formatHex(sha256(line.getBytes(StandardCharsets.UTF_8)))
                .substring(0, 12);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    /** Where the update mode writes: the module's test resources (surefire runs in the module folder). */
    private static Path sourceGolden(String source) {
        Path resources = Path.of(System.getProperty("user.dir"), "src", "test", "resources");
        assertTrue(Files.isDirectory(resources), "run the update from the guardrails module: " + resources);
        return resources.resolve("golden").resolve("verdicts-" + source + ".golden");
    }

    /** A parsed or computed golden: count, digest over every entry in order, and the non-SAFE entries by key. */
    private record Golden(int count, String sha256, Map<String, String> nonSafe) {
        static Golden of(String[] keys, String[] entries) {
            StringBuilder all = new StringBuilder();
            Map<String, String> nonSafe = new TreeMap<>();
            for (int i = 0; i < keys.length; i++) {
                all.append(keys[i]).append('\t').append(entries[i]).append('\n');
                if (!entries[i].equals(ALL_SAFE)) {
                    nonSafe.put(keys[i], entries[i]);
                }
            }
            String digest = HexFormat.of()
                    .formatHex(VerdictInvarianceTest.sha256(all.toString().getBytes(StandardCharsets.UTF_8)));
            return new Golden(keys.length, digest, nonSafe);
        }

        static Golden read(String source) throws IOException {
            String name = "golden/verdicts-" + source + ".golden";
            try (InputStream in = VerdictInvarianceTest.class.getClassLoader().getResourceAsStream(name)) {
                assertTrue(in != null, "missing golden " + name + " (generate it with -D" + UPDATE_PROPERTY + "=true)");
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                int count = -1;
                String digest = "";
                Map<String, String> nonSafe = new LinkedHashMap<>();
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.startsWith("#") || line.isBlank()) {
                        continue;
                    }
                    String[] f = line.split("\t", 2);
                    switch (f[0]) {
                        case "count" -> count = Integer.parseInt(f[1]);
                        case "sha256" -> digest = f[1];
                        default -> nonSafe.put(f[0], f[1]);
                    }
                }
                return new Golden(count, digest, nonSafe);
            }
        }

        String render(String source) {
            StringBuilder sb = new StringBuilder();
            sb.append("# Verdict golden for ")
                    .append(source)
                    .append(": count, SHA-256 over every line's entry in order,\n")
                    .append("# then the lines not SAFE at every level, keyed by a 12-hex SHA-256 prefix of the line.\n")
                    .append("# Entry: RISK rule,ids per SafetyLevel (")
                    .append(List.of(SafetyLevel.values()))
                    .append("), '|'-separated. Written by VerdictInvarianceTest with -D")
                    .append(UPDATE_PROPERTY)
                    .append("=true.\n");
            sb.append("count\t").append(count).append('\n');
            sb.append("sha256\t").append(sha256).append('\n');
            for (Map.Entry<String, String> e : nonSafe.entrySet()) {
                sb.append(e.getKey()).append('\t').append(e.getValue()).append('\n');
            }
            return sb.toString();
        }
    }
}
