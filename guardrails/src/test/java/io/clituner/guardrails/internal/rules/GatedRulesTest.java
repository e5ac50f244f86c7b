package io.clituner.guardrails.internal.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.core.testing.SharedFiles;
import io.clituner.guardrails.internal.analysis.Invocation;
import io.clituner.guardrails.internal.analysis.Reporter;
import io.clituner.guardrails.internal.analysis.Walker;
import io.clituner.guardrails.policy.Limits;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A {@link Rule.Gate} promises that its rule's matcher returns null for every invocation the gate does not admit.
 * These tests hold the built-in gates to that promise: every invocation the walker produces from the rules' own
 * examples, the red-team probes and (when present) the shared corpora is judged with and without gates, and the
 * two must report exactly the same findings in the same order.
 */
class GatedRulesTest {
    private static final RuleBook BOOK = RuleBook.defaults();

    @Test
    void gatesNeverHideAFindingOnTheRulesOwnExamples() {
        List<String> commands = new ArrayList<>();
        for (Rule r : BOOK.all()) {
            commands.addAll(r.examples());
            commands.addAll(r.counterExamples());
        }
        assertSameFindings(commands);
    }

    @Test
    void gatesNeverHideAFindingOnTheRedTeamProbes() throws IOException {
        List<String> commands = new ArrayList<>();
        for (String file : List.of("redteam/probes.txt", "redteam/probes-round2.txt", "redteam/probes-round3.txt")) {
            try (InputStream in = GatedRulesTest.class.getClassLoader().getResourceAsStream(file)) {
                assertTrue(in != null, "missing test resource " + file);
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                for (String line; (line = r.readLine()) != null; ) {
                    String[] f = line.split("\\|", 3);
                    if (!line.startsWith("#") && f.length == 3) {
                        commands.add(f[2]);
                    }
                }
            }
        }
        assertTrue(commands.size() > 700, "probe files read: " + commands.size());
        assertSameFindings(commands);
    }

    @Test
    void gatesNeverHideAFindingOnTheSharedCorpora() throws IOException {
        Path corpora = SharedFiles.require("corpora");
        List<String> commands = new ArrayList<>();
        for (String name : List.of("dangerous-dev.txt", "benign-dev.txt", "benign-dev-unparsable.txt")) {
            commands.addAll(Files.readAllLines(corpora.resolve(name), StandardCharsets.UTF_8));
        }
        for (String name : List.of("benign-dev-excluded.tsv", "nl2bash-pairs-dev.tsv", "tldr-pairs.tsv")) {
            for (String row : Files.readAllLines(corpora.resolve(name), StandardCharsets.UTF_8)) {
                int tab = row.lastIndexOf('\t');
                if (tab >= 0) {
                    commands.add(row.substring(tab + 1));
                }
            }
        }
        assertTrue(commands.size() > 70_000, "corpus lines read: " + commands.size());
        assertSameFindings(commands);
    }

    @Test
    void theWipeLogsGateCoversEveryProgramItsMatcherNames() {
        assertTrue(
                SystemRules.PATH_WIPERS.containsAll(SystemRules.WIPERS),
                "wipe.logs is gated on PATH_WIPERS, which must hold every program of WIPERS");
    }

    @Test
    void aGatedRuleMeetsOnlyTheInvocationsItsGateAdmits() {
        AtomicInteger redirectCalls = new AtomicInteger();
        AtomicInteger programCalls = new AtomicInteger();
        AtomicInteger treeCalls = new AtomicInteger();
        AtomicInteger ungatedCalls = new AtomicInteger();
        RuleBook book = new RuleBook(List.of(
                counting("t.redirect", Rule.Gate.redirect(), redirectCalls),
                counting("t.program", Rule.Gate.programsOrRedirect(Set.of("tee")), programCalls),
                counting("t.tree", Rule.Gate.treeWalkOnly(), treeCalls),
                counting("t.ungated", null, ungatedCalls)));
        walk(book, "ls -la; du -sh .");
        assertEquals(
                List.of(0, 0, 0, 2),
                List.of(redirectCalls.get(), programCalls.get(), treeCalls.get(), ungatedCalls.get()));
        walk(book, "echo hi > out.txt");
        assertEquals(
                List.of(1, 1, 0, 3),
                List.of(redirectCalls.get(), programCalls.get(), treeCalls.get(), ungatedCalls.get()));
        walk(book, "tee log.txt");
        assertEquals(
                List.of(1, 2, 0, 4),
                List.of(redirectCalls.get(), programCalls.get(), treeCalls.get(), ungatedCalls.get()));
        walk(book, "find /var/log -name '*.gz' -exec rm {} +");
        assertTrue(treeCalls.get() >= 1, "a find -exec action is a tree walk");
    }

    @Test
    void rulesPastTheSixtyFourthStillRunInBookOrder() {
        List<Rule> rules = new ArrayList<>();
        List<String> fired = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            String id = "t.r" + i;
            rules.add(Rule.builder(id)
                    .onAny(i % 2 == 0 ? Rule.Gate.redirect() : new Rule.Gate(Set.of("cat"), false, false))
                    .when(inv -> {
                        fired.add(id);
                        return null;
                    })
                    .build());
        }
        new Walker(new RuleBook(rules), (id, s, e, d) -> {}, Limits.DEFAULT).analyze("cat a > b");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            expected.add("t.r" + i);
        }
        assertEquals(expected, fired);
    }

    private static Rule counting(String id, Rule.Gate gate, AtomicInteger calls) {
        Rule.Builder b = Rule.builder(id).review();
        b = gate == null ? b.onAny() : b.onAny(gate);
        return b.when(inv -> {
                    calls.incrementAndGet();
                    return null;
                })
                .build();
    }

    private static void walk(RuleBook book, String command) {
        new Walker(book, (id, s, e, d) -> {}, Limits.DEFAULT).analyze(command);
    }

    private static void assertSameFindings(List<String> commands) {
        List<String> differences = new ArrayList<>();
        int[] invocations = {0};
        int[] findings = {0};
        for (String command : commands) {
            Walker w = new Walker(
                    (Invocation inv, Reporter ignored) -> {
                        invocations[0]++;
                        List<String> gated = new ArrayList<>();
                        List<String> ungated = new ArrayList<>();
                        BOOK.evaluate(inv, (id, s, e, d) -> gated.add(id + "@" + s + ":" + e + " " + d));
                        BOOK.evaluateUngated(inv, (id, s, e, d) -> ungated.add(id + "@" + s + ":" + e + " " + d));
                        findings[0] += ungated.size();
                        if (!gated.equals(ungated) && differences.size() < 20) {
                            differences.add(command + "\n    gated:   " + gated + "\n    ungated: " + ungated);
                        }
                    },
                    (id, s, e, d) -> {},
                    Limits.DEFAULT);
            w.analyze(command);
        }
        assertEquals(List.of(), differences, "a gate hid findings");
        assertTrue(invocations[0] >= commands.size() / 2, "the walker produced invocations: " + invocations[0]);
        assertTrue(findings[0] > 0 || commands.isEmpty(), "some rule fired at all");
    }
}
