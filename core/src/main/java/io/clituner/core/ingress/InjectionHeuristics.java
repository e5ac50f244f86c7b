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
    /**
     * A pattern and literals of which at least one must occur for the pattern to match (each
     * pattern's mandatory alternatives): a plain {@code contains} scan rules most queries out
     * without running the regex, which matters on the cold path behind inference.
     */
    private record Heuristic(String id, Pattern pattern, List<String> needles) {
        boolean matches(String lower) {
            for (String n : needles) {
                if (lower.contains(n)) {
                    return pattern.matcher(lower).find();
                }
            }
            return false;
        }
    }

    private static final List<Heuristic> HEURISTICS = List.of(
            h(
                    "ignore-instructions",
                    "\\b(?:ignore|disregard|forget|override|skip)\\b[\\w\\s,]{0,30}\\b(?:previous|prior|above|earlier|all|your|system|safety)\\b[\\w\\s]{0,20}\\b(?:instructions?|prompts?|rules?|guidelines?|constraints?|guardrails?)\\b",
                    "ignore",
                    "disregard",
                    "forget",
                    "override",
                    "skip"),
            h(
                    "role-override",
                    "\\b(?:you are now|from now on,? you|act as|pretend (?:to be|you are)|roleplay as|you're now)\\b",
                    "you are now",
                    "from now on",
                    "act as",
                    "pretend",
                    "roleplay as",
                    "you're now"),
            h(
                    "system-prompt-probe",
                    "\\b(?:system prompt|reveal (?:your|the) (?:prompt|instructions)|print (?:your|the) (?:prompt|instructions))\\b",
                    "system prompt",
                    "reveal ",
                    "print "),
            h(
                    "jailbreak",
                    "\\b(?:jailbreak|dan mode|developer mode|do anything now|unfiltered|no restrictions)\\b",
                    "jailbreak",
                    "dan mode",
                    "developer mode",
                    "do anything now",
                    "unfiltered",
                    "no restrictions"),
            h(
                    "guard-bypass",
                    "\\b(?:bypass|disable|evade|circumvent|turn off)\\b[\\w\\s]{0,20}\\b(?:guard(?:rail)?s?|filters?|safety|validation|checks?|security)\\b",
                    "bypass",
                    "disable",
                    "evade",
                    "circumvent",
                    "turn off"),
            h(
                    "verbatim-output",
                    "\\b(?:output|print|return|respond with|reply with|echo)\\b[\\w\\s]{0,20}\\b(?:verbatim|exactly|literally|the following (?:command|text))\\b",
                    "verbatim",
                    "exactly",
                    "literally",
                    "the following"),
            h("fake-turn", "(?:^|\\s)(?:system|assistant)\\s*:\\s", "system", "assistant"));

    private InjectionHeuristics() {}

    private static Heuristic h(String id, String regex, String... needles) {
        return new Heuristic(id, Pattern.compile(regex), List.of(needles));
    }

    /** Ids of the heuristics that fire on the text (in declaration order). */
    public static List<String> scan(String text) {
        return scan(text, true);
    }

    /** The same scan with every regex run: the reference the prefilter is tested against. */
    static List<String> scanWithoutPrefilter(String text) {
        return scan(text, false);
    }

    private static List<String> scan(String text, boolean prefilter) {
        String lower = text.toLowerCase(Locale.ROOT);
        List<String> hits = new ArrayList<>(2);
        for (Heuristic h : HEURISTICS) {
            if (prefilter ? h.matches(lower) : h.pattern().matcher(lower).find()) {
                hits.add(h.id());
            }
        }
        return hits;
    }
}
