package io.clituner.guardrails;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.clituner.core.RiskLevel;
import io.clituner.core.SafetyLevel;
import io.clituner.core.analysis.Verdict;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The red-team probe sets in {@code src/test/resources/redteam/} as regression tests: obfuscated, wrapped and
 * interpreter forms of every dangerous family, judgement calls that must at least be reviewed, benign commands that only
 * look risky, and the known gaps. Each line is "KIND|family|command":
 * <ul>
 *   <li>D: DANGEROUS under STRICT;</li>
 *   <li>R: at least REVIEW (a judgement call, or a form benign-dev also holds);</li>
 *   <li>B: never DANGEROUS;</li>
 *   <li>G: a known gap, dangerous but not yet DANGEROUS; this fails once the gap closes, so the line moves to D.</li>
 * </ul>
 */
class RedTeamProbeTest {
    private static final BashCommandAnalyzer ANALYZER = new BashCommandAnalyzer();

    static Stream<Arguments> probes() {
        List<Arguments> out = new ArrayList<>();
        for (String file : List.of(
                "redteam/probes.txt",
                "redteam/probes-round2.txt",
                "redteam/probes-round3.txt",
                "redteam/probes-round4.txt")) {
            for (String[] f : lines(file)) {
                out.add(Arguments.of(f[0].charAt(0), f[1], f[2]));
            }
        }
        return out.stream();
    }

    /** One probe file's lines as {KIND, family, command}. */
    static List<String[]> lines(String file) {
        List<String[]> out = new ArrayList<>();
        try (InputStream in = RedTeamProbeTest.class.getClassLoader().getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + file);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\\|", 3);
                if (f.length != 3 || f[0].length() != 1 || "DRBG".indexOf(f[0].charAt(0)) < 0) {
                    throw new IllegalStateException(file + ": malformed probe line: " + line);
                }
                out.add(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @MethodSource("probes")
    void probe(char kind, String family, String command) {
        Verdict v = ANALYZER.analyze(command, SafetyLevel.STRICT);
        String why = command + " -> " + v.risk() + " " + v.ruleIds();
        switch (kind) {
            case 'D' -> assertEquals(RiskLevel.DANGEROUS, v.risk(), why);
            case 'R' -> assertNotEquals(RiskLevel.SAFE, v.risk(), why);
            case 'B' -> assertNotEquals(RiskLevel.DANGEROUS, v.risk(), why);
            case 'G' -> assertNotEquals(RiskLevel.DANGEROUS, v.risk(), "known gap now caught, move it to D: " + why);
            default -> throw new IllegalArgumentException("kind " + kind);
        }
    }
}
