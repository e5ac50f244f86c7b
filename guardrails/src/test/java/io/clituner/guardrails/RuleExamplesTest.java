package io.clituner.guardrails;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.core.SafetyLevel;
import io.clituner.core.analysis.Verdict;
import io.clituner.guardrails.internal.rules.Rule;
import io.clituner.guardrails.internal.rules.RuleBook;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rule's own table: its examples must fire it and its counter-examples must not. One row per
 * (rule, command), so a failure names the rule family and the command.
 */
class RuleExamplesTest {
    private static final BashCommandAnalyzer ANALYZER = new BashCommandAnalyzer();

    static Stream<Arguments> examples() {
        return RuleBook.defaultRules().stream()
                .flatMap(r -> r.examples().stream().map(e -> Arguments.of(r.id(), e)));
    }

    static Stream<Arguments> counterExamples() {
        return RuleBook.defaultRules().stream()
                .flatMap(r -> r.counterExamples().stream().map(e -> Arguments.of(r.id(), e)));
    }

    @ParameterizedTest(name = "{0} fires on: {1}")
    @MethodSource("examples")
    void ruleFiresOnItsExamples(String ruleId, String command) {
        Verdict v = ANALYZER.analyze(command, SafetyLevel.STRICT);
        assertTrue(v.ruleIds().contains(ruleId), () -> ruleId + " did not fire on `" + command + "`: " + v.ruleIds());
    }

    @ParameterizedTest(name = "{0} stays quiet on: {1}")
    @MethodSource("counterExamples")
    void ruleIgnoresItsCounterExamples(String ruleId, String command) {
        Verdict v = ANALYZER.analyze(command, SafetyLevel.STRICT);
        assertFalse(v.ruleIds().contains(ruleId), () -> ruleId + " fired on counter-example `" + command + "`");
    }

    @Test
    void everyRuleHasAnExampleAndADescription() {
        for (Rule r : RuleBook.defaultRules()) {
            assertFalse(r.examples().isEmpty(), r.id() + " has no example");
            assertFalse(r.description().isBlank(), r.id() + " has no description");
        }
    }
}
