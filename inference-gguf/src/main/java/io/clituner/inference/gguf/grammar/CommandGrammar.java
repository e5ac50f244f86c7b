package io.clituner.inference.gguf.grammar;

/**
 * GBNF grammars for llama.cpp's grammar-constrained sampling. With {@link #ONE_LINE} the sampler
 * can only produce one line of printable text that starts with a command character and ends with
 * a newline, after which the grammar is complete and only end-of-generation remains possible: no
 * code fences, no prose on further lines, no leading blank, by construction rather than by
 * post-processing. The line is also bounded ({@link #MAX_LINE_CHARS} characters, the output
 * validator's default maximum), so a model that rambles ends its command instead of running into
 * the max-token budget and producing a cut-off command.
 */
public final class CommandGrammar {
    /**
     * First character: printable, not a space, backtick or {@code #} (no fences, no comments).
     * Then any printable characters (no control characters, so no second line, no tab, no escape
     * sequences), then the newline that ends the line.
     */
    public static final int MAX_LINE_CHARS = 200;

    public static final String ONE_LINE = oneLine(MAX_LINE_CHARS);

    /** One line of at most {@code maxChars} characters (at least 1). */
    public static String oneLine(int maxChars) {
        if (maxChars < 1) {
            throw new IllegalArgumentException("maxChars must be >= 1");
        }
        return String.join(
                "\n",
                "root  ::= first rest \"\\n\"",
                "first ::= [^\\x00-\\x20\\x7F`#]",
                "rest  ::= [^\\x00-\\x1F\\x7F]{0," + (maxChars - 1) + "}",
                "");
    }

    private CommandGrammar() {}
}
