package io.clituner.guardrails.internal.rules;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.core.RiskLevel;
import io.clituner.guardrails.BashCommandAnalyzer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** RULES_VERSION follows the rule book: any change to a rule's definition or to the guardrails' code changes it. */
class RuleBookDigestTest {

    @Test
    void versionIsTheReadablePrefixPlusAHashAndIsStable() {
        assertTrue(
                BashCommandAnalyzer.RULES_VERSION.matches("guardrails-\\d{4}\\.\\d+\\.\\d+\\+[0-9a-f]{16}"),
                BashCommandAnalyzer.RULES_VERSION);
        assertEquals(BashCommandAnalyzer.RULES_VERSION, RuleBookDigest.version("guardrails-2026.12.1"));
        assertTrue(new BashCommandAnalyzer().policyVersion().startsWith(BashCommandAnalyzer.RULES_VERSION + "+"));
    }

    @Test
    void theGuardrailsCodeIsPartOfTheHash() {
        byte[] code = RuleBookDigest.code(RuleBookDigest.class);
        assertEquals(32, code.length, "a SHA-256 of the class files, not the 'unknown code source' fallback");
        assertArrayEquals(code, RuleBookDigest.code(RuleBookDigest.class));
        assertFalse(new String(code, StandardCharsets.UTF_8).equals("unknown code source"));
    }

    @Test
    void everyPartOfARuleDefinitionChangesTheDigest() {
        List<Rule> book = RuleBook.defaultRules();
        byte[] base = RuleBookDigest.definitions(book);
        assertArrayEquals(base, RuleBookDigest.definitions(RuleBook.defaultRules()), "deterministic");
        Rule first = book.get(0);
        List<UnaryOperator<Rule>> edits = List.of(
                r -> copy(r, r.id() + "x", r.risk(), r.description(), r.examples()),
                r -> copy(r, r.id(), RiskLevel.REVIEW, r.description(), r.examples()),
                r -> copy(r, r.id(), r.risk(), r.description() + ".", r.examples()),
                r -> copy(r, r.id(), r.risk(), r.description(), append(r.examples(), "rm -rf /boot")),
                r -> new Rule(
                        r.id(),
                        r.risk(),
                        !r.strictOnly(),
                        r.description(),
                        r.programs(),
                        r.gate(),
                        r.matcher(),
                        r.examples(),
                        r.counterExamples()),
                r -> new Rule(
                        r.id(),
                        r.risk(),
                        r.strictOnly(),
                        r.description(),
                        r.programs(),
                        r.gate(),
                        r.matcher(),
                        r.examples(),
                        append(r.counterExamples(), "ls")));
        for (UnaryOperator<Rule> edit : edits) {
            List<Rule> changed = new ArrayList<>(book);
            changed.set(0, edit.apply(first));
            assertFalse(java.util.Arrays.equals(base, RuleBookDigest.definitions(changed)), "edit of " + first.id());
        }
        List<Rule> reordered = new ArrayList<>(book);
        java.util.Collections.swap(reordered, 0, 1);
        assertNotEquals(
                new String(base, StandardCharsets.UTF_8),
                new String(RuleBookDigest.definitions(reordered), StandardCharsets.UTF_8),
                "book order is reported order");
    }

    private static Rule copy(Rule r, String id, RiskLevel risk, String description, List<String> examples) {
        return new Rule(
                id,
                risk,
                r.strictOnly(),
                description,
                r.programs(),
                r.gate(),
                r.matcher(),
                examples,
                r.counterExamples());
    }

    private static List<String> append(List<String> list, String more) {
        List<String> out = new ArrayList<>(list);
        out.add(more);
        return out;
    }
}
