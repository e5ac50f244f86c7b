package io.clituner.guardrails;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.clituner.core.RiskLevel;
import io.clituner.core.SafetyLevel;
import io.clituner.core.analysis.Verdict;
import io.clituner.guardrails.policy.Limits;
import io.clituner.guardrails.policy.Policy;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Analysis work is linear in the input and bounded by a budget of steps and bytes that ends in the fail-closed
 * {@code analysis.limit} verdict. Work is measured as bytes allocated by the analysing thread (deterministic enough
 * to compare a shape at n and 2n repetitions; no clock is read): doubling the input must not quadruple it.
 */
class AnalysisBudgetTest {
    private static final BashCommandAnalyzer ANALYZER = new BashCommandAnalyzer();

    /** Shapes that once cost the square of their length (repeated unit, first line of the table is the issue's). */
    @ParameterizedTest(name = "linear: {0}")
    @CsvSource(
            delimiter = '#',
            value = {
                "find .# | xargs rm -f#600",
                "cat /etc/shadow# | base64#600",
                "ls# >x#3000",
                "echo x# | tee -a f#500",
                "echo ls# | sh -c 'cat'#300",
                "ls# | cat a | nc h 1; ls#300",
                "#v=1; ls | cat; #300"
            })
    void workGrowsLinearlyWithRepetitions(String head, String unit, int n) {
        com.sun.management.ThreadMXBean mx = threadBean();
        String small = (head == null ? "" : head) + unit.repeat(n);
        String large = (head == null ? "" : head) + unit.repeat(2 * n);
        for (int i = 0; i < 3; i++) { // warm up so the JIT settles before counting
            ANALYZER.analyze(small, SafetyLevel.STRICT);
            ANALYZER.analyze(large, SafetyLevel.STRICT);
        }
        long a = allocated(mx, small);
        long b = allocated(mx, large);
        assertFalse(
                ANALYZER.analyze(large, SafetyLevel.STRICT).ruleIds().contains("analysis.limit"),
                "the shape must stay under the budget for the comparison to mean anything");
        assertTrue(b < 3 * a, "2x the input allocated " + b + " bytes vs " + a + " (quadratic would be 4x)");
    }

    @Test
    void theIssuesPipelineOf2047StagesEndsInTheBudgetVerdictAfterLinearWork() {
        com.sun.management.ThreadMXBean mx = threadBean();
        String line = "find ." + " | xargs rm -f".repeat(2047);
        ANALYZER.analyze(line, SafetyLevel.STRICT);
        long bytes = allocated(mx, line);
        Verdict v = ANALYZER.analyze(line, SafetyLevel.STRICT);
        assertEquals(RiskLevel.DANGEROUS, v.risk());
        assertTrue(v.ruleIds().contains("analysis.limit"), v.ruleIds().toString());
        assertTrue(bytes < 200L << 20, "allocated " + (bytes >> 20) + " MiB (was 1.13 GB)");
    }

    /** Each budget ends the analysis with analysis.limit: DANGEROUS under STRICT, REVIEW under MODERATE. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '#',
            value = {
                "steps: many short commands#ls; #200#100#1000000",
                "steps: many words#echo a #400#100#1000000",
                "bytes: brace expansion#echo {a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}; #20#100000#20000",
                "bytes: appended array#a+=(xxxxxxxx); #200#100000#20000",
                "bytes: nested code#sh -c 'sh -c \"ls -la /tmp\"'; #200#100000#2000"
            })
    void aBudgetRunsOutIntoTheLimitVerdict(String what, String unit, int n, int steps, int bytes) {
        Limits tight = new Limits(1 << 16, 96, 12, 1 << 20, steps, bytes);
        String line = unit.repeat(n);
        Verdict strict = new BashCommandAnalyzer(Policy.strict(), tight).analyze(line, SafetyLevel.STRICT);
        Verdict moderate = new BashCommandAnalyzer(Policy.strict(), tight).analyze(line, SafetyLevel.MODERATE);
        assertTrue(strict.ruleIds().contains("analysis.limit"), what + ": " + strict.ruleIds());
        assertEquals(RiskLevel.DANGEROUS, strict.risk(), what);
        assertEquals(RiskLevel.REVIEW, moderate.risk(), what);
        Verdict roomy = ANALYZER.analyze(line, SafetyLevel.STRICT);
        assertFalse(roomy.ruleIds().contains("analysis.limit"), what + " fits the default budget: " + roomy.ruleIds());
    }

    /** What was judged before the budget ran out still counts. */
    @Test
    void findingsBeforeTheLimitStand() {
        Limits tight = new Limits(1 << 16, 96, 12, 1 << 20, 50, 1 << 20);
        Verdict v = new BashCommandAnalyzer(Policy.strict(), tight)
                .analyze("rm -rf /; " + "ls; ".repeat(100), SafetyLevel.MODERATE);
        assertTrue(v.ruleIds().contains("delete.system-path"), v.ruleIds().toString());
        assertTrue(v.ruleIds().contains("analysis.limit"), v.ruleIds().toString());
    }

    /** A line bash rejects is judged by the commands before the error: running out there is still the limit. */
    @Test
    void theBudgetCountsTheCommandsBeforeAParseError() {
        Limits tight = new Limits(1 << 16, 96, 12, 1 << 20, 50, 1 << 20);
        Verdict v =
                new BashCommandAnalyzer(Policy.strict(), tight).analyze("ls; ".repeat(100) + "(", SafetyLevel.STRICT);
        assertTrue(v.ruleIds().contains("parse.error"), v.ruleIds().toString());
        assertTrue(v.ruleIds().contains("analysis.limit"), v.ruleIds().toString());
    }

    @Test
    void limitsMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new Limits(1 << 16, 96, 12, 4096, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Limits(1 << 16, 96, 12, 4096, 1, -1));
    }

    private static com.sun.management.ThreadMXBean threadBean() {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        assumeTrue(
                mx instanceof com.sun.management.ThreadMXBean sun && sun.isThreadAllocatedMemorySupported(),
                "this JVM cannot count allocated bytes per thread");
        com.sun.management.ThreadMXBean sun = (com.sun.management.ThreadMXBean) mx;
        sun.setThreadAllocatedMemoryEnabled(true);
        return sun;
    }

    private static long allocated(com.sun.management.ThreadMXBean mx, String line) {
        long id = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(id);
        ANALYZER.analyze(line, SafetyLevel.STRICT);
        return mx.getThreadAllocatedBytes(id) - before;
    }
}
