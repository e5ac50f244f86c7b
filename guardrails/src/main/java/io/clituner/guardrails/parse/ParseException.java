package io.clituner.guardrails.parse;

/** Bash would reject the input (or it exceeds the parser's limits): the analyzer fails closed on it. */
public final class ParseException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int offset;
    private final boolean limit;

    public ParseException(String message, int offset, boolean limit) {
        super(message, null, false, false);
        this.offset = offset;
        this.limit = limit;
    }

    public int offset() {
        return offset;
    }

    /** True when the input is beyond the analyzer's limits rather than syntactically wrong. */
    public boolean isLimit() {
        return limit;
    }
}
