package io.clituner.core.ingress;

import io.clituner.core.error.ErrorCode;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link SafeQuery}; every violation's template is an {@link ErrorCode} name plus a message. */
public final class SafeQueryValidator implements ConstraintValidator<SafeQuery, String> {
    private int min;
    private int max;

    @Override
    public void initialize(SafeQuery annotation) {
        this.min = annotation.min();
        this.max = annotation.max();
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        context.disableDefaultConstraintViolation();
        if (value == null || value.isBlank()) {
            add(context, ErrorCode.QUERY_EMPTY, "query is empty");
            return false;
        }
        boolean ok = true;
        int length = value.strip().length();
        if (length < min) {
            ok = add(context, ErrorCode.QUERY_TOO_SHORT, "query has " + length + " characters after trimming; at least " + min + " needed");
        } else if (length > max) {
            ok = add(context, ErrorCode.QUERY_TOO_LONG, "query has " + length + " characters after trimming; at most " + max + " allowed");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                ok = add(context, ErrorCode.UNPAIRED_SURROGATE, "unpaired high surrogate at index " + i);
                break;
            }
            if (Character.isLowSurrogate(c)) {
                ok = add(context, ErrorCode.UNPAIRED_SURROGATE, "unpaired low surrogate at index " + i);
                break;
            }
            if (isForbiddenControl(c)) {
                ok = add(context, ErrorCode.CONTROL_CHARACTER,
                        String.format("control character U+%04X at index %d", (int) c, i));
                break;
            }
        }
        return ok;
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

    private static boolean add(ConstraintValidatorContext context, ErrorCode code, String message) {
        // Escape EL/message-interpolation metacharacters: the message carries user-derived numbers only,
        // but keep it literal regardless.
        String template = code.name() + "|" + message.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
        context.buildConstraintViolationWithTemplate(template).addConstraintViolation();
        return false;
    }
}
