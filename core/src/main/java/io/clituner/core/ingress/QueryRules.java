package io.clituner.core.ingress;

import io.clituner.core.error.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The checks behind {@link SafeQuery}, as a plain function. Hibernate Validator runs them through
 * {@link SafeQueryValidator}; the ingress guard's fast path calls them directly (see
 * {@link RequestConstraints}), so both always agree.
 */
public final class QueryRules {
    /** One failed check: the error code and a message a user can act on. */
    public record Problem(ErrorCode code, String message) {}

    private QueryRules() {}

    /** Every problem of {@code value}, in a fixed order; empty when the query is acceptable. */
    public static List<Problem> check(String value, int min, int max) {
        if (value == null || value.isBlank()) {
            return List.of(new Problem(ErrorCode.QUERY_EMPTY, "query is empty"));
        }
        List<Problem> problems = null;
        int length = value.strip().length();
        if (length < min) {
            problems = add(
                    problems,
                    ErrorCode.QUERY_TOO_SHORT,
                    "query has " + length + " characters after trimming; at least " + min + " needed");
        } else if (length > max) {
            problems = add(
                    problems,
                    ErrorCode.QUERY_TOO_LONG,
                    "query has " + length + " characters after trimming; at most " + max + " allowed");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c < 0x7F) {
                continue; // printable ASCII: the common case, nothing to check
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                problems = add(problems, ErrorCode.UNPAIRED_SURROGATE, "unpaired high surrogate at index " + i);
                break;
            }
            if (Character.isLowSurrogate(c)) {
                problems = add(problems, ErrorCode.UNPAIRED_SURROGATE, "unpaired low surrogate at index " + i);
                break;
            }
            if (isForbiddenControl(c)) {
                problems = add(
                        problems,
                        ErrorCode.CONTROL_CHARACTER,
                        String.format("control character U+%04X at index %d", (int) c, i));
                break;
            }
        }
        return problems == null ? List.of() : problems;
    }

    /** C0/C1 controls except tab, LF, CR (whitespace the normalizer collapses), and bidi overrides (Trojan Source). */
    static boolean isForbiddenControl(char c) {
        if (c == '\t' || c == '\n' || c == '\r') {
            return false;
        }
        if (Character.getType(c) == Character.CONTROL) {
            return true;
        }
        return (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069') || c == '\u200E' || c == '\u200F';
    }

    private static List<Problem> add(@Nullable List<Problem> problems, ErrorCode code, String message) {
        List<Problem> out = problems == null ? new ArrayList<>(2) : problems;
        out.add(new Problem(code, message));
        return out;
    }
}
