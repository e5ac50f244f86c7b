package io.clituner.guardrails;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.core.RiskLevel;
import io.clituner.core.SafetyLevel;
import io.clituner.core.analysis.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fifth red-team round ({@code redteam/probes-round5-code.txt}): nested code through every shell, code fed from
 * stdin and descriptors, reverse and bind shells in any runtime, code run from environment variables and options,
 * and expansion details; each family with dangerous forms and benign look-alikes. D must be DANGEROUS at STRICT and
 * MODERATE, R at least REVIEW, B never DANGEROUS, G a known gap (fails once caught).
 */
class CodeFamilyProbeTest {
    private static final BashCommandAnalyzer ANALYZER = new BashCommandAnalyzer();
    private static final String FILE = "redteam/probes-round5-code.txt";

    private record Probe(char kind, String family, String command) {}

    private static List<Probe> read() {
        List<Probe> out = new ArrayList<>();
        try (InputStream in = CodeFamilyProbeTest.class.getClassLoader().getResourceAsStream(FILE)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + FILE);
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\\|", 3);
                if (f.length != 3 || f[0].length() != 1 || "DRBG".indexOf(f[0].charAt(0)) < 0) {
                    throw new IllegalStateException(FILE + ": malformed probe line: " + line);
                }
                out.add(new Probe(
                        f[0].charAt(0), f[1], f[2].replace("\\n", "\n").replace("\\t", "\t")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static Stream<Arguments> probes() {
        return read().stream().map(p -> Arguments.of(p.kind(), p.family(), p.command()));
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @MethodSource("probes")
    void probe(char kind, String family, String command) {
        Verdict strict = ANALYZER.analyze(command, SafetyLevel.STRICT);
        String why = family + ": " + command + " -> " + strict.risk() + " " + strict.ruleIds();
        switch (kind) {
            case 'D' -> {
                assertEquals(RiskLevel.DANGEROUS, strict.risk(), why);
                assertEquals(
                        RiskLevel.DANGEROUS,
                        ANALYZER.analyze(command, SafetyLevel.MODERATE).risk(),
                        why);
            }
            case 'R' -> assertNotEquals(RiskLevel.SAFE, strict.risk(), why);
            case 'B' -> assertNotEquals(RiskLevel.DANGEROUS, strict.risk(), why);
            default ->
                assertNotEquals(RiskLevel.DANGEROUS, strict.risk(), "known gap now caught, move it to D: " + why);
        }
    }

    /** Every family has dangerous forms and benign look-alikes, so neither direction goes untested. */
    @Test
    void everyFamilyHasBothDirections() {
        Map<String, int[]> counts = new TreeMap<>();
        for (Probe p : read()) {
            int[] c = counts.computeIfAbsent(p.family(), k -> new int[2]);
            c[p.kind() == 'B' ? 1 : 0]++;
        }
        assertEquals(5, counts.size(), counts.keySet().toString());
        counts.forEach((family, c) ->
                assertTrue(c[0] >= 10 && c[1] >= 5, family + ": " + c[0] + " dangerous, " + c[1] + " benign"));
    }
}
