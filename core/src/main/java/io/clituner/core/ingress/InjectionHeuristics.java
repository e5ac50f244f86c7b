package io.clituner.core.ingress;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Phrases typical of prompt injection. A hit does not reject the request (the output guardrail
 * is the real protection, and "ignore case" is a fine query): it is recorded in provenance and
 * the audit log so that reviewers can see who tried what. Patterns run on the NFKC, lower-cased
 * text.
 */
public final class InjectionHeuristics {
    private record Heuristic(String id, Pattern pattern) {}

    private static final List<Heuristic> HEURISTICS = List.of(
            h("ignore-instructions", "\\b(?:ignore|disregard|forget|override|skip)\\b[\\w\\s,]{0,30}\\b(?:previous|prior|above|earlier|all|your|system|safety)\\b[\\w\\s]{0,20}\\b(?:instructions?|prompts?|rules?|guidelines?|constraints?|guardrails?)\\b"),
            h("role-override", "\\b(?:you are now|from now on,? you|act as|pretend (?:to be|you are)|roleplay as|you're now)\\b"),
            h("system-prompt-probe", "\\b(?:system prompt|reveal (?:your|the) (?:prompt|instructions)|print (?:your|the) (?:prompt|instructions))\\b"),
            h("jailbreak", "\\b(?:jailbreak|dan mode|developer mode|do anything now|unfiltered|no restrictions)\\b"),
            h("guard-bypass", "\\b(?:bypass|disable|evade|circumvent|turn off)\\b[\\w\\s]{0,20}\\b(?:guard(?:rail)?s?|filters?|safety|validation|checks?|security)\\b"),
            h("verbatim-output", "\\b(?:output|print|return|respond with|reply with|echo)\\b[\\w\\s]{0,20}\\b(?:verbatim|exactly|literally|the following (?:command|text))\\b"),
            h("fake-turn", "(?:^|\\s)(?:system|assistant)\\s*:\\s"));

    private InjectionHeuristics() {}

    private static Heuristic h(String id, String regex) {
        return new Heuristic(id, Pattern.compile(regex));
    }

    /** Ids of the heuristics that fire on the text (in declaration order). */
    public static List<String> scan(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        List<String> hits = new ArrayList<>(2);
        for (Heuristic h : HEURISTICS) {
            if (h.pattern().matcher(lower).find()) {
                hits.add(h.id());
            }
        }
        return hits;
    }
}
