package io.clituner.core.ingress;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link SafeQuery} with {@link QueryRules}; every violation's template is an ErrorCode name plus a message. */
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
        var problems = QueryRules.check(value, min, max);
        if (problems.isEmpty()) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        for (QueryRules.Problem p : problems) {
            // Escape EL/message-interpolation metacharacters: the message carries user-derived numbers only,
            // but keep it literal regardless.
            String template = p.code().name() + "|"
                    + p.message()
                            .replace("\\", "\\\\")
                            .replace("{", "\\{")
                            .replace("}", "\\}")
                            .replace("$", "\\$");
            context.buildConstraintViolationWithTemplate(template).addConstraintViolation();
        }
        return false;
    }
}
