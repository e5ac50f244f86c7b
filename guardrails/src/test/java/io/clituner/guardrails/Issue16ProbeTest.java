package io.clituner.guardrails;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.core.RiskLevel;
import io.clituner.core.SafetyLevel;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 16's families 1, 2, 3, 6, 7, 8, 10/14 and 11 as probe lines of our own ({@code redteam/probes-issue16-r4a.txt}):
 * dangerous forms over varied users, paths and option spellings that must be DANGEROUS, and benign look-alikes that
 * must stay below it. Same KIND|family|command format as {@link RedTeamProbeTest}.
 */
class Issue16ProbeTest {
    private static final Logger LOG = LoggerFactory.getLogger(Issue16ProbeTest.class);
    private static final BashCommandAnalyzer ANALYZER = new BashCommandAnalyzer();
    private static final String FILE = "redteam/probes-issue16-r4a.txt";

    static List<String[]> lines() {
        return RedTeamProbeTest.lines(FILE);
    }

    static Stream<Arguments> probes() {
        return lines().stream().map(f -> Arguments.of(f[0].charAt(0), f[1], f[2]));
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @MethodSource("probes")
    void probe(char kind, String family, String command) {
        new RedTeamProbeTest().probe(kind, family, command); // the same D/R/B/G semantics
    }

    /** Counts per family (dangerous caught/total, benign kept/total), logged for the issue's closing note. */
    @Test
    void everyFamilyHasDangerousAndBenignLines() {
        Map<String, int[]> counts = new TreeMap<>();
        for (String[] f : lines()) {
            int[] c = counts.computeIfAbsent(f[1], k -> new int[4]);
            RiskLevel risk = ANALYZER.analyze(f[2], SafetyLevel.STRICT).risk();
            if (f[0].equals("D")) {
                c[1]++;
                c[0] += risk == RiskLevel.DANGEROUS ? 1 : 0;
            } else if (f[0].equals("B")) {
                c[3]++;
                c[2] += risk != RiskLevel.DANGEROUS ? 1 : 0;
            }
        }
        counts.forEach((fam, c) ->
                LOG.info("issue-16 probes {}: dangerous {}/{}, benign kept {}/{}", fam, c[0], c[1], c[2], c[3]));
        counts.forEach(
                (fam, c) -> assertTrue(c[1] >= 5 && c[3] >= 5, fam + " needs at least 5 dangerous and 5 benign lines"));
    }
}
