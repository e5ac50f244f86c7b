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

    private static Verdict judged(String input, SafetyLevel level) {
        // Time is measured by AnalysisScalingBenchmark (JMH), not asserted here; the budget is AnalysisBudgetTest's.
        Verdict v = ANALYZER.analyze(input, level);
        assertNotNull(v);
        for (Finding f : v.findings()) {
            assertTrue(f.start() >= 0 && f.end() <= input.length() && f.start() <= f.end(), "span out of input: " + f);
        }
        return v;
    }

    @Property(tries = 300)
    void arbitraryUnicodeGetsAVerdict(@ForAll @StringLength(max = 2000) String input) {
        judged(input, SafetyLevel.STRICT);
        judged(input, SafetyLevel.MODERATE);
    }

    @Provide
    Arbitrary<String> shellish() {
        Arbitrary<String> token = Arbitraries.of(
                "rm",
                "-rf",
                "/",
                "~",
                "$",
                "$(",
                ")",
                "`",
                "'",
                "\"",
                "\\",
                "{",
                "}",
                ",",
                "(",
                ")",
                "|",
                "||",
                "&&",
                ";",
                "&",
                "<",
                ">",
                ">>",
                "<<<",
                "<<EOF\n",
                "\nEOF\n",
                "${",
                ":-",
                "#",
                "$'\\x72'",
                "*",
                "?",
                "[",
                "]",
                " ",
                " ",
                "\n",
                "if",
                "then",
                "fi",
                "for",
                "in",
                "do",
                "done",
                "case",
                "esac",
                "while",
                "f()",
                "eval",
                "sh",
                "-c",
                "IFS",
                "=",
                "a",
                "x=",
                "$x",
                "$@",
                "\"$@\"",
                "set",
                "--",
                "find",
                "-exec",
                "{}",
                "\\;",
                "xargs",
                "curl",
                "base64",
                "-d",
                "dd",
                "of=/dev/sda",
                "<(",
                ">(",
                "[[",
                "]]",
                "((",
                "))",
                "!",
                "coproc",
                "function",
                "select",
                "time",
                "alias",
                "declare",
                "-a",
                "arr=(",
                "${#",
                "${!",
                "%%",
                "//",
                "^^");
        return token.list().ofMaxSize(400).map(l -> String.join("", l));
    }

    @Property(tries = 1500)
    void shellShapedNoiseGetsAVerdict(@ForAll("shellish") String input) {
        judged(input, SafetyLevel.STRICT);
    }

    @Provide
    Arbitrary<String> big() {
        return Combinators.combine(shellish(), Arbitraries.integers().between(1, 200))
                .as((s, n) -> s.repeat(n).substring(0, Math.min(s.length() * n, 65_536)));
    }

    @Property(tries = 40)
    void inputsUpTo64KiBGetAVerdict(@ForAll("big") String input) {
        judged(input, SafetyLevel.STRICT);
    }

    @Property(tries = 12)
    void deepNestingFailsClosedWithoutStackOverflow(
            @ForAll @IntRange(min = 100, max = 5000) int depth, @ForAll("nesters") String open) {
        String close = switch (open) {
            case "$(", "cat <(" -> ")";
            case "( " -> " )";
            case "{ " -> "; }";
            default -> "}";
        };
        String input = (open.equals("( ") || open.equals("{ ") ? "" : "echo ") + open.repeat(depth) + "x"
                + close.repeat(depth);
        Verdict strict = judged(input, SafetyLevel.STRICT);
        Verdict moderate = judged(input, SafetyLevel.MODERATE);
        assertEquals(RiskLevel.DANGEROUS, strict.risk(), () -> "deep nesting must fail closed: " + strict.ruleIds());
        assertNotEquals(RiskLevel.SAFE, moderate.risk());
    }

    @Provide
    Arbitrary<String> nesters() {
        return Arbitraries.of("$(", "( ", "cat <(", "{ ", "${x:-");
    }
}
