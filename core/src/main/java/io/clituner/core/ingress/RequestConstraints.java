package io.clituner.core.ingress;

import java.lang.reflect.RecordComponent;

/**
 * The Bean Validation constraints declared on {@link CommandRequest}, evaluated directly.
 *
 * <p>Why: Hibernate Validator's reflective walk (metadata lookup, contexts, property paths) costs
 * 2 µs in a hot loop but 20–60 µs once per request behind ~9 ms of forward passes that leave the
 * caches cold, a large share of the pipeline's 1% budget. Valid requests — nearly all of them — pass
 * through this check alone; any violation sends the request through Hibernate Validator, which then
 * produces the authoritative violation list. {@code RequestConstraintsTest} pins the declared
 * constraint set, so a constraint added to the record without updating this class fails the build.
 */
final class RequestConstraints {
    private static final SafeQuery QUERY = queryConstraint();

    private RequestConstraints() {}

    /** True when every declared constraint holds. */
    static boolean satisfiedBy(CommandRequest request) {
        return request.safetyLevel() != null
                && CommandRequest.DEFAULT_SHELL.equals(request.shellType()) // @NotNull @Pattern(regexp = "bash")
                && QueryRules.check(request.query(), QUERY.min(), QUERY.max()).isEmpty();
    }

    private static SafeQuery queryConstraint() {
        for (RecordComponent c : CommandRequest.class.getRecordComponents()) {
            SafeQuery q = c.getAccessor().getAnnotation(SafeQuery.class);
            if (q == null) {
                q = c.getAnnotation(SafeQuery.class);
            }
            if (q != null) {
                return q;
            }
        }
        throw new IllegalStateException("CommandRequest declares no @SafeQuery component");
    }
}
