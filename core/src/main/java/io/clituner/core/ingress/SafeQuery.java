package io.clituner.core.ingress;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A natural-language query the pipeline accepts: not null, {@link #min()}–{@link #max()}
 * characters after trimming, no control characters other than tab/CR/LF, no bidirectional
 * override characters, no unpaired UTF-16 surrogates. Each problem is reported separately with
 * the {@link io.clituner.core.error.ErrorCode} name as its message template.
 */
@Documented
@Constraint(validatedBy = SafeQueryValidator.class)
@Target({
    ElementType.FIELD,
    ElementType.METHOD,
    ElementType.PARAMETER,
    ElementType.RECORD_COMPONENT,
    ElementType.TYPE_USE
})
@Retention(RetentionPolicy.RUNTIME)
public @interface SafeQuery {
    String message() default "invalid query";

    int min() default 3;

    int max() default 500;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
