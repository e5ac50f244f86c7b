package io.clituner.provenance.registry.access;

import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import io.clituner.provenance.registry.TargetRef;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Allows {@code serviceId} (or only its agent {@code agentId}, when set) to exercise
 * {@code permission} on {@code target}: every model ({@code target == null}), a model, one version,
 * or an alias (which covers whatever version the alias points to, when reached through the alias).
 */
public record Grant(
        String serviceId,
        @Nullable String agentId,
        @Nullable TargetRef target,
        Permission permission,
        String grantedBy,
        Instant grantedAt) {
    public Grant {
        try {
            new Caller(serviceId, agentId); // validates the ids
        } catch (CliTunerException e) {
            throw new CliTunerException(ErrorCode.REGISTRY_INVALID, "grantee: " + e.getMessage(), e);
        }
        if (permission == null) {
            throw new CliTunerException(
                    ErrorCode.REGISTRY_INVALID, "grant permission is required (USE, READ, PROMOTE or ADMIN)");
        }
        Objects.requireNonNull(grantedBy, "grantedBy");
        Objects.requireNonNull(grantedAt, "grantedAt");
    }

    public static Grant of(Caller grantee, @Nullable TargetRef target, Permission permission) {
        return new Grant(grantee.serviceId(), grantee.agentId(), target, permission, "unrecorded", Instant.EPOCH);
    }

    public Grant recorded(String by, Instant at) {
        return new Grant(serviceId, agentId, target, permission, by, at);
    }

    /** The target as stored: "*" for every model. */
    public String targetText() {
        return target == null ? "*" : target.toString();
    }

    /** Whether this grant is for {@code caller}: its service, and its agent when the grant names one. */
    public boolean covers(Caller caller) {
        return serviceId.equals(caller.serviceId()) && (agentId == null || agentId.equals(caller.agentId()));
    }
}
