package io.clituner.guardrails.internal.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.core.RiskLevel;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A rule always has a matcher: structural rules get one that never matches, and null is refused where it is given. */
class RuleTest {

    @Test
    void structuralRulesNeverMatchAnInvocation() {
        Rule r = Rule.builder("test.structural")
                .structural()
                .says("raised by the walker")
                .build();
        assertTrue(r.structural());
        // the walker raises it; the rule book skips it, and its matcher would say "no match" for any invocation
        assertNull(r.matcher().match(null));
    }

    @Test
    void nullMatcherIsRefused() {
        NullPointerException e = assertThrows(
                NullPointerException.class,
                () -> new Rule("x", RiskLevel.REVIEW, false, "d", Set.of("ls"), null, null, List.of(), List.of()));
        assertEquals("matcher", e.getMessage());
        assertThrows(NullPointerException.class, () -> Rule.builder("x").when(null));
    }
}
