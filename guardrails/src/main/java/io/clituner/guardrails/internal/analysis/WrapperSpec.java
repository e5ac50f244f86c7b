package io.clituner.guardrails.internal.analysis;

import java.util.HashMap;
import java.util.Map;

/** Builds the {@link ExecWrappers.Shape} of one wrapper from its manual's option syntax and adds it to a table. */
final class WrapperSpec {
    private final Map<String, ExecWrappers.Shape> table;
    private final String key;
    private final Map<String, Integer> opts = new HashMap<>();
    private String letters = "";
    private int leading;
    private boolean assignments;

    /** A wrapper named by {@code key}: one word ({@code nice}) or two for a subcommand ({@code perf stat}). */
    WrapperSpec(Map<String, ExecWrappers.Shape> table, String key) {
        this.table = table;
        this.key = key;
    }

    /** Option words that take one value each (long or short spelling). */
    WrapperSpec opts(String... words) {
        for (String w : words) {
            opts.put(w, 1);
        }
        return this;
    }

    /** Option words that take two values ({@code --bind SRC DEST}). */
    WrapperSpec opts2(String... words) {
        for (String w : words) {
            opts.put(w, 2);
        }
        return this;
    }

    WrapperSpec letters(String valueLetters) {
        this.letters = valueLetters;
        return this;
    }

    WrapperSpec leading(int operands) {
        this.leading = operands;
        return this;
    }

    WrapperSpec assignments() {
        this.assignments = true;
        return this;
    }

    void add() {
        table.put(
                key,
                new ExecWrappers.Shape(key.indexOf(' ') > 0 ? 2 : 1, Map.copyOf(opts), letters, leading, assignments));
    }
}
