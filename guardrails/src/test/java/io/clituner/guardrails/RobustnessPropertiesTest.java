package io.clituner.guardrails;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.core.RiskLevel;
import io.clituner.core.SafetyLevel;
import io.clituner.core.analysis.Finding;
import io.clituner.core.analysis.Verdict;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

/**
 * Any input up to 64 KiB gets a verdict quickly and never an exception; deep nesting fails closed
 * instead of overflowing the stack; spans always lie inside the input.
 */
class RobustnessPropertiesTest {
    private static final BashCommandAnalyzer ANALYZER = new BashCommandAnalyzer();
    private static final long BOUND_NANOS = 2_000_000_000L;

    private static Verdict timed(String input, SafetyLevel level) {
        long t0 = System.nanoTime();
        Verdict v = ANALYZER.analyze(input, level);
        long took = System.nanoTime() - t0;
        assertTrue(took < BOUND_NANOS, "analysis of " + input.length() + " chars took " + took / 1_000_000 + " ms");
        assertNotNull(v);
        for (Finding f : v.findings()) {
            assertTrue(f.start() >= 0 && f.end() <= input.length() && f.start() <= f.end(), "span out of input: " + f);
        }
        return v;
    }

    @Property(tries = 300)
    void arbitraryUnicodeGetsAVerdict(@ForAll @StringLength(max = 2000) String input) {
        timed(input, SafetyLevel.STRICT);
        timed(input, SafetyLevel.MODERATE);
    }

    @Provide
    Arbitrary<String> shellish() {
        Arbitrary<String> token = Arbitraries.of("rm", "-rf", "/", "~", "$", "$(", ")", "`", "'", "\"", "\\", "{", "}",
                ",", "(", ")", "|", "||", "&&", ";", "&", "<", ">", ">>", "<<<", "<<EOF\n", "\nEOF\n", "${", ":-", "#",
                "$'\\x72'", "*", "?", "[", "]", " ", " ", "\n", "if", "then", "fi", "for", "in", "do", "done", "case",
                "esac", "while", "f()", "eval", "sh", "-c", "IFS", "=", "a", "x=", "$x", "$@", "\"$@\"", "set", "--",
                "find", "-exec", "{}", "\\;", "xargs", "curl", "base64", "-d", "dd", "of=/dev/sda", "<(", ">(", "[[",
                "]]", "((", "))", "!", "coproc", "function", "select", "time", "alias", "declare", "-a", "arr=(", "${#",
                "${!", "%%", "//", "^^");
        return token.list().ofMaxSize(400).map(l -> String.join("", l));
    }

    @Property(tries = 1500)
    void shellShapedNoiseGetsAVerdict(@ForAll("shellish") String input) {
        timed(input, SafetyLevel.STRICT);
    }

    @Provide
    Arbitrary<String> big() {
        return Combinators.combine(shellish(), Arbitraries.integers().between(1, 200))
                .as((s, n) -> s.repeat(n).substring(0, Math.min(s.length() * n, 65_536)));
    }

    @Property(tries = 40)
    void inputsUpTo64KiBGetAVerdict(@ForAll("big") String input) {
        timed(input, SafetyLevel.STRICT);
    }

    @Property(tries = 12)
    void deepNestingFailsClosedWithoutStackOverflow(@ForAll @IntRange(min = 100, max = 5000) int depth,
                                                    @ForAll("nesters") String open) {
        String close = switch (open) {
            case "$(", "cat <(" -> ")";
            case "( " -> " )";
            case "{ " -> "; }";
            default -> "}";
        };
        String input = (open.equals("( ") || open.equals("{ ") ? "" : "echo ") + open.repeat(depth) + "x" + close.repeat(depth);
        Verdict strict = timed(input, SafetyLevel.STRICT);
        Verdict moderate = timed(input, SafetyLevel.MODERATE);
        assertEquals(RiskLevel.DANGEROUS, strict.risk(), () -> "deep nesting must fail closed: " + strict.ruleIds());
        assertNotEquals(RiskLevel.SAFE, moderate.risk());
    }

    @Provide
    Arbitrary<String> nesters() {
        return Arbitraries.of("$(", "( ", "cat <(", "{ ", "${x:-");
    }

    @Property(tries = 10)
    void timeGrowsLinearlyWithInputLength(@ForAll @IntRange(min = 1, max = 4) int k) {
        String unit = "a=rm; b=\"$a -f ./x\"; echo ${b} | grep -v y && ls -la ./dir || true; ";
        String small = unit.repeat(50 * k);
        String large = unit.repeat(400 * k);
        ANALYZER.analyze(large, SafetyLevel.STRICT); // warm up
        long t1 = median(small);
        long t2 = median(large);
        // 8x the input must cost well under 8x squared; allow generous noise on shared CI machines
        assertTrue(t2 < t1 * 40 + 5_000_000, "8x input took " + t2 + " ns vs " + t1 + " ns");
    }

    private static long median(String s) {
        long[] t = new long[5];
        for (int i = 0; i < t.length; i++) {
            long t0 = System.nanoTime();
            ANALYZER.analyze(s, SafetyLevel.STRICT);
            t[i] = System.nanoTime() - t0;
        }
        java.util.Arrays.sort(t);
        return t[2];
    }
}
