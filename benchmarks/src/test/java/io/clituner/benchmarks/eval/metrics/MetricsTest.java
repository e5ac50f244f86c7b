package io.clituner.benchmarks.eval.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.benchmarks.eval.metrics.ConfidenceCalibration.Scored;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MetricsTest {
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "ls  -la|ls -la",
                "find . -name '*.pdf'|find . -name \"*.pdf\"",
                "find . -name '*.pdf'|find . -name \\*.pdf",
                "grep -c x f|grep -c 'x' f",
                "sort f>out|sort f > out",
                "cmd 2>/dev/null|cmd 2> /dev/null",
                "echo hi;|echo hi",
            })
    void equivalentSpellingsNormaliseAlike(String a, String b) {
        assertEquals(ShellTokens.normalise(a), ShellTokens.normalise(b));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "ls *.pdf|ls '*.pdf'",
                "echo \"$HOME\"|echo $HOME",
                "ls -la|ls -al",
            })
    void differentCommandsStayDifferent(String a, String b) {
        assertNotEquals(ShellTokens.normalise(a), ShellTokens.normalise(b));
    }

    @Test
    void shapeReadsUtilitiesAndFlagsThroughPipelinesAndSubstitutions() {
        CommandShape s = CommandShape.of("cat $(find . -name '*.py') | sort -rn | head -n 3");
        assertTrue(s.parses());
        assertEquals(
                List.of("cat", "find", "sort", "head"),
                s.utilities().stream().map(CommandShape.Invocation::utility).toList());
        assertEquals("cat", s.firstUtility());
        assertEquals(Set.of("-r", "-n"), s.utilities().get(2).flags());
        assertEquals(Set.of("-name"), s.utilities().get(1).flags());
        assertEquals("ls", CommandShape.of("/bin/ls -la").firstUtility());
        assertFalse(CommandShape.of("ls (").parses());
    }

    @Test
    void nlc2cmdScoreFollowsTheCompetitionFormula() {
        CommandShape ref = CommandShape.of("ls -l -a");
        assertEquals(1.0, CommandShape.of("ls -al").nlc2cmdScore(ref), 1e-12);
        // same utility, flags {-l} vs {-l,-a}: S_F = (2*1 - 2)/2 = 0, so (1 + 0)/2
        assertEquals(0.5, CommandShape.of("ls -l").nlc2cmdScore(ref), 1e-12);
        assertEquals(-1.0, CommandShape.of("cat x").nlc2cmdScore(ref), 1e-12);
        // two positions: first right without flags on either side (1), second missing (-1)
        assertEquals(0.0, CommandShape.of("sort f").nlc2cmdScore(CommandShape.of("sort f | uniq")), 1e-12);
    }

    @Test
    void bleuIsOneForIdenticalAndZeroForDisjoint() {
        List<String> c = ShellTokens.tokenize("find . -type f -name '*.py'");
        assertEquals(1.0, Bleu.score(c, List.of(c)), 1e-12);
        assertEquals(0.0, Bleu.score(ShellTokens.tokenize("pwd"), List.of(c)));
        double partial = Bleu.score(ShellTokens.tokenize("find . -name '*.py'"), List.of(c));
        assertTrue(partial > 0.2 && partial < 1, "partial " + partial);
        // the best reference counts
        assertEquals(1.0, Bleu.score(c, List.of(ShellTokens.tokenize("ls"), c)), 1e-12);
    }

    @Test
    void wilsonAndBootstrapIntervals() {
        Estimate e = Estimates.rate(8, 10);
        assertEquals(0.8, e.value());
        assertEquals(0.4902, e.low(), 1e-4);
        assertEquals(0.9433, e.high(), 1e-4);
        Estimate none = Estimates.rate(0, 50);
        assertEquals(0.0, none.low());
        assertTrue(none.high() > 0.05 && none.high() < 0.09);
        Estimate m = Estimates.mean(new double[] {1, 1, 1, 0, 0, 0, 1, 0, 1, 0});
        assertEquals(0.5, m.value(), 1e-12);
        assertTrue(m.low() < 0.5 && m.high() > 0.5 && m.low() >= 0 && m.high() <= 1);
        assertEquals(
                m, Estimates.mean(new double[] {1, 1, 1, 0, 0, 0, 1, 0, 1, 0}), "seeded: same data, same interval");
        assertEquals(3.0, Estimates.percentile(new double[] {5, 1, 3, 2, 4}, 50));
        assertEquals(5.0, Estimates.percentile(new double[] {5, 1, 3, 2, 4}, 95));
    }

    @Test
    void aurocBucketsAndSelectiveAccuracy() {
        List<Scored> perfect =
                List.of(new Scored(0.9, true), new Scored(0.8, true), new Scored(0.3, false), new Scored(0.1, false));
        ConfidenceCalibration c = ConfidenceCalibration.of(perfect);
        assertEquals(1.0, c.auroc());
        assertEquals(1.0, c.accuracyAtCoverage(0.5));
        assertEquals(0.5, c.accuracyAtCoverage(1.0));
        assertEquals(4, c.buckets().size());
        List<Scored> inverted = List.of(new Scored(0.9, false), new Scored(0.1, true));
        assertEquals(0.0, ConfidenceCalibration.of(inverted).auroc());
        List<Scored> ties = List.of(new Scored(0.5, false), new Scored(0.5, true));
        assertEquals(0.5, ConfidenceCalibration.of(ties).auroc());
        assertEquals(
                1, ConfidenceCalibration.of(ties).selective().size(), "tied confidences are one point of the curve");
        assertNull(ConfidenceCalibration.of(List.of(new Scored(0.5, true))).auroc());
        // ECE: one bucket at confidence 0.9 with accuracy 0.5
        assertEquals(
                0.4,
                ConfidenceCalibration.of(List.of(new Scored(0.9, true), new Scored(0.9, false)))
                        .ece(),
                1e-12);
    }
}
