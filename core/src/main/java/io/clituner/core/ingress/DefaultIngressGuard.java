package io.clituner.core.ingress;

import io.clituner.core.NormalizedRequest;
import io.clituner.core.error.ErrorCode;
import io.clituner.core.error.InvalidRequestException;
import io.clituner.core.error.InvalidRequestException.Violation;
import io.clituner.core.prompt.Normalizer;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * Validates a {@link CommandRequest} against its Bean Validation constraints (checked directly for
 * valid requests, reported by Hibernate Validator for invalid ones; see {@link RequestConstraints}),
 * then normalizes (NFKC, whitespace),
 * strips chat-template tokens and records prompt-injection heuristics as flags.
 */
public final class DefaultIngressGuard implements IngressGuard {
    /** Built once per class loader: bootstrapping Hibernate Validator costs hundreds of milliseconds. */
    private static final class Holder {
        static final ValidatorFactory FACTORY = Validation.byDefaultProvider()
                .configure()
                .messageInterpolator(new ParameterMessageInterpolator())
                .buildValidatorFactory();
        static final Validator VALIDATOR = FACTORY.getValidator();
    }

    private final int minLength;

    public DefaultIngressGuard() {
        this(3);
    }

    /** @param minLength minimum query length left after chat tokens are stripped */
    public DefaultIngressGuard(int minLength) {
        this.minLength = minLength;
    }

    @Override
    public NormalizedRequest admit(CommandRequest request) {
        if (request == null) {
            throw new InvalidRequestException(
                    List.of(new Violation("request", ErrorCode.INVALID_REQUEST, "request is null")));
        }
        if (!RequestConstraints.satisfiedBy(request)) {
            Set<ConstraintViolation<CommandRequest>> violations = Holder.VALIDATOR.validate(request);
            throw new InvalidRequestException(
                    violations.isEmpty()
                            ? List.of(new Violation(
                                    "request", ErrorCode.INVALID_REQUEST, "request violates its constraints"))
                            : toViolations(violations));
        }
        List<String> flags = new ArrayList<>(2);
        List<ChatTokenFilter.Removal> removals = new ArrayList<>(0);
        // NFKC first: full-width look-alikes of chat tokens become real ones and are then stripped.
        String text = ChatTokenFilter.strip(Normalizer.normalize(request.query()), removals);
        for (ChatTokenFilter.Removal r : removals) {
            flags.add("chat-token:" + r.family());
        }
        if (!removals.isEmpty()) {
            text = Normalizer.normalize(text);
        }
        if (text.length() < minLength) {
            throw new InvalidRequestException(List.of(new Violation(
                    "query",
                    ErrorCode.QUERY_TOO_SHORT,
                    "fewer than " + minLength + " characters remain once chat-template tokens are removed")));
        }
        for (String hit : InjectionHeuristics.scan(text)) {
            flags.add("injection:" + hit);
        }
        return new NormalizedRequest(
                request.query(), text, request.shellType(), request.safetyLevel(), request.userId(), flags);
    }

    private static List<Violation> toViolations(Set<ConstraintViolation<CommandRequest>> violations) {
        List<Violation> out = new ArrayList<>(violations.size());
        for (ConstraintViolation<CommandRequest> v : violations) {
            String field = v.getPropertyPath().toString();
            String msg = v.getMessage();
            int bar = msg.indexOf('|');
            ErrorCode code = ErrorCode.INVALID_REQUEST;
            if (bar > 0) {
                try {
                    code = ErrorCode.valueOf(msg.substring(0, bar));
                    msg = msg.substring(bar + 1);
                } catch (IllegalArgumentException notACode) {
                    // a plain message from a standard constraint
                }
            } else if (field.equals("shellType")) {
                code = ErrorCode.UNSUPPORTED_SHELL;
            }
            out.add(new Violation(field, code, msg));
        }
        out.sort(Comparator.comparing(Violation::field)
                .thenComparing(v -> v.code().name()));
        return out;
    }
}
