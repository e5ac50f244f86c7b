package io.clituner.benchmarks.eval.metrics;

import io.clituner.guardrails.parse.Ast;
import io.clituner.guardrails.parse.BashParser;
import io.clituner.guardrails.parse.ParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The utilities of a command in source order, each with its flags, read with the project's bash
 * parser (so utilities inside pipelines, lists and substitutions count).
 *
 * @param parses    whether the project's parser accepted the command
 * @param utilities each simple command's utility and flags, by position in the source
 */
public record CommandShape(boolean parses, List<Invocation> utilities) {
    /** Tools whose single-dash options are words ({@code find -name}), not bundles of letters. */
    private static final Set<String> WORD_OPTIONS =
            Set.of("find", "test", "[", "[[", "expr", "java", "gcc", "xmlstarlet");

    /** One simple command's utility (base name) and distinct flags ({@code -la} → {@code -l}, {@code -a}). */
    public record Invocation(String utility, Set<String> flags) {
        public Invocation {
            flags = Set.copyOf(flags);
        }
    }

    public CommandShape {
        utilities = List.copyOf(utilities);
    }

    public static CommandShape of(String command) {
        BashParser parser = new BashParser(command, 16);
        boolean parses;
        try {
            parser.parse();
            parses = true;
        } catch (ParseException | RuntimeException e) {
            parses = false;
        }
        List<Ast.Simple> simples = new ArrayList<>(parser.seenCommands());
        simples.sort(Comparator.comparingInt(Ast.Simple::start));
        List<Invocation> out = new ArrayList<>();
        for (Ast.Simple s : simples) {
            if (s.words().isEmpty()) {
                continue;
            }
            String first = s.words().get(0).literal();
            if (first == null) {
                continue;
            }
            String utility = first.substring(first.lastIndexOf('/') + 1);
            Set<String> flags = new LinkedHashSet<>();
            for (int i = 1; i < s.words().size(); i++) {
                String w = s.words().get(i).literal();
                if (w == null || !w.startsWith("-") || w.equals("-") || w.equals("--")) {
                    continue;
                }
                String name = w.contains("=") ? w.substring(0, w.indexOf('=')) : w;
                if (!name.startsWith("--")
                        && name.length() > 2
                        && !WORD_OPTIONS.contains(utility)
                        && name.substring(1).chars().allMatch(Character::isLetter)) {
                    for (char c : name.substring(1).toCharArray()) {
                        flags.add("-" + c);
                    }
                } else {
                    flags.add(name);
                }
            }
            out.add(new Invocation(utility, flags));
        }
        return new CommandShape(parses, out);
    }

    /** The first utility, or {@code null} when none could be read. */
    public @Nullable String firstUtility() {
        return utilities.isEmpty() ? null : utilities.get(0).utility();
    }

    /**
     * The NLC2CMD competition's score of this prediction against a reference (Agarwal et al., 2021),
     * in [-1, 1]: over T = max(#utilities) positions, a matching utility earns
     * (1 + S_F) / 2 where S_F = (2·|F_p ∩ F_r| − |F_p ∪ F_r|) / max(|F_p|, |F_r|) (1 when neither has
     * flags), a wrong or missing one costs 1; the sum is divided by T.
     */
    public double nlc2cmdScore(CommandShape reference) {
        int t = Math.max(utilities.size(), reference.utilities.size());
        if (t == 0) {
            return 0.0;
        }
        double sum = 0;
        for (int i = 0; i < t; i++) {
            Invocation p = i < utilities.size() ? utilities.get(i) : null;
            Invocation r = i < reference.utilities.size() ? reference.utilities.get(i) : null;
            if (p != null && r != null && p.utility().equals(r.utility())) {
                sum += (1 + flagScore(p.flags(), r.flags())) / 2;
            } else {
                sum -= 1;
            }
        }
        return sum / t;
    }

    static double flagScore(Set<String> p, Set<String> r) {
        int max = Math.max(p.size(), r.size());
        if (max == 0) {
            return 1.0;
        }
        Set<String> union = new LinkedHashSet<>(p);
        union.addAll(r);
        long both = p.stream().filter(r::contains).count();
        return (2.0 * both - union.size()) / max;
    }
}
