package io.clituner.inference.djl.bank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.guardrails.parse.BashParser;
import io.clituner.guardrails.parse.ParseException;
import io.clituner.inference.djl.internal.action.ActionCheck;
import io.clituner.inference.djl.internal.action.CommandEffects;
import io.clituner.inference.djl.internal.action.RequestActions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The built-in bank, checked with the same parser and action check the engine uses. */
class BankQualityTest {
    private static final ExampleBank BANK = ExampleBank.builtIn();

    @Test
    void holdsAtLeast2500PairsOverAtLeast200Programs() {
        assertTrue(BANK.size() >= 2500, "size " + BANK.size());
        Set<String> programs = new HashSet<>();
        for (Example e : BANK.examples()) {
            programs.add(CommandPrograms.first(e.command()));
        }
        assertTrue(programs.size() >= 200, "programs " + programs.size());
    }

    @Test
    void everyCommandParsesWithTheGuardrailsParser() {
        List<String> bad = new ArrayList<>();
        for (Example e : BANK.examples()) {
            try {
                new BashParser(e.command(), 32).parse();
            } catch (ParseException ex) {
                bad.add(e.command() + " (" + ex.getMessage() + ")");
            }
        }
        assertEquals(List.of(), bad);
    }

    /** The bank itself holds no inversion: every request's action agrees with its own command's effect. */
    @Test
    void everyPairAgreesWithItsOwnAction() {
        RequestActions actions = new RequestActions();
        CommandEffects effects = new CommandEffects();
        List<String> inverted = new ArrayList<>();
        for (Example e : BANK.examples()) {
            ActionCheck c = ActionCheck.of(actions.classify(e.query()), effects.effects(e.command()));
            if (!c.agrees()) {
                inverted.add(e.query() + " → " + e.command() + ": " + c.reason());
            }
        }
        assertEquals(List.of(), inverted);
    }
}
