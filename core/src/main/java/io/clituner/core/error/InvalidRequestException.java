package io.clituner.core.error;

import java.util.List;

/** A request was rejected at the ingress boundary; {@link #violations()} lists every problem found. */
public class InvalidRequestException extends CliTunerException {
    private static final long serialVersionUID = 1L;

    /** One problem with a request: which field, which code, and a message a user can act on. */
    public record Violation(String field, ErrorCode code, String message) {}

    private final List<Violation> violations;

    public InvalidRequestException(List<Violation> violations) {
        super(
                violations.isEmpty()
                        ? ErrorCode.INVALID_REQUEST
                        : violations.get(0).code(),
                describe(violations));
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }

    private static String describe(List<Violation> violations) {
        StringBuilder sb = new StringBuilder("invalid request:");
        for (Violation v : violations) {
            sb.append(' ').append(v.field()).append(": ").append(v.message()).append(';');
        }
        return sb.toString();
    }
}
