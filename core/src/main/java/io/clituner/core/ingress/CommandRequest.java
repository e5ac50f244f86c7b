package io.clituner.core.ingress;

import io.clituner.core.SafetyLevel;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What the host application asks for. Untrusted: the ingress guard validates it (Hibernate
 * Validator) before anything else looks at it, so the constructor accepts anything and only fills
 * defaults.
 *
 * @param query       natural-language request, 3–500 characters after trimming, no control
 *                    characters other than whitespace, no unpaired surrogates
 * @param shellType   target shell; only {@code "bash"} is supported
 * @param safetyLevel how the guardrail treats commands it cannot fully resolve
 * @param userId      caller's user id, or {@code null}; only its salted hash is ever recorded
 */
public record CommandRequest(
        @SafeQuery String query,

        @NotNull @Pattern(regexp = "bash", message = "only bash is supported")
        String shellType,

        @NotNull SafetyLevel safetyLevel,
        @Nullable String userId) {

    public static final String DEFAULT_SHELL = "bash";

    public CommandRequest {
        if (shellType == null) {
            shellType = DEFAULT_SHELL;
        }
        if (safetyLevel == null) {
            safetyLevel = SafetyLevel.STRICT;
        }
    }

    public CommandRequest(String query) {
        this(query, DEFAULT_SHELL, SafetyLevel.STRICT, null);
    }

    public static CommandRequest of(String query) {
        return new CommandRequest(query);
    }

    public CommandRequest withSafetyLevel(SafetyLevel level) {
        return new CommandRequest(query, shellType, level, userId);
    }

    public CommandRequest withUserId(String user) {
        return new CommandRequest(query, shellType, safetyLevel, user);
    }

    @Override
    public String toString() {
        // The user id is personal data: keep it out of logs.
        return "CommandRequest[query=" + query + ", shellType=" + shellType + ", safetyLevel=" + safetyLevel
                + ", userId=" + (userId == null ? "none" : "<redacted>") + "]";
    }
}
