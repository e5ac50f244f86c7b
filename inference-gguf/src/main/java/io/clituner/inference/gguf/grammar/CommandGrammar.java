package io.clituner.inference.gguf.grammar;

/**
 * GBNF grammars for llama.cpp's grammar-constrained sampling. With {@link #ONE_LINE} the sampler
 * can only produce one line of printable text that starts with a command character and ends with
 * a newline, after which the grammar is complete and only end-of-generation remains possible: no
 * code fences, no prose on further lines, no leading blank, by construction rather than by
 * post-processing. Length limits stay with the output validator and the max-token budget.
 */
public final class CommandGrammar {
    /**
     * First character: printable, not a space, backtick or {@code #} (no fences, no comments).
     * Then any printable characters (no control characters, so no second line, no tab, no escape
     * sequences), then the newline that ends the line.
     */
    public static final String ONE_LINE = String.join("\n",
            "root  ::= first rest \"\\n\"",
            "first ::= [^\\x00-\\x20\\x7F`#]",
            "rest  ::= [^\\x00-\\x1F\\x7F]*",
            "");

    private CommandGrammar() {}
}
