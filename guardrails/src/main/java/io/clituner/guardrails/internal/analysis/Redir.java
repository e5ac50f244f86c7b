package io.clituner.guardrails.internal.analysis;

import io.clituner.guardrails.internal.expand.Arg;

/** An expanded redirection: {@code fd op target}. */
public record Redir(int fd, String op, Arg target, int start, int end) {
    /** Opens the target for writing (truncating, appending or read-write). */
    public boolean writes() {
        return switch (op) {
            case ">", ">>", ">|", "&>", "&>>", "<>" -> true;
            case ">&" -> !isFdNumber();
            default -> false;
        };
    }

    /** Truncates the target (as opposed to appending). */
    public boolean truncates() {
        return op.equals(">") || op.equals(">|") || op.equals("&>") || (op.equals(">&") && !isFdNumber());
    }

    public boolean reads() {
        return op.equals("<") || op.equals("<>") || (op.equals("<&") && !isFdNumber());
    }

    public boolean isFdNumber() {
        String t = target.text();
        if (t.isEmpty()) {
            return false;
        }
        if (t.equals("-")) {
            return true;
        }
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (!(c >= '0' && c <= '9') && !(i == t.length() - 1 && c == '-')) {
                return false;
            }
        }
        return true;
    }
}
