package io.clituner.provenance.registry.access;

import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Who is asking: a service id, and optionally the agent acting inside that service. Grants name a
 * service (any of its agents) or a service and one agent.
 */
public record Caller(String serviceId, @Nullable String agentId) {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    public Caller {
        if (serviceId == null || !ID.matcher(serviceId).matches()) {
            throw badService(serviceId);
        }
        if (agentId != null && !ID.matcher(agentId).matches()) {
            throw new CliTunerException(ErrorCode.ACCESS_DENIED, "caller agent id '" + agentId + "' is malformed");
        }
    }

    public static Caller service(String serviceId) {
        return new Caller(serviceId, null);
    }

    /** Parses {@code service} or {@code service/agent}. */
    public static Caller parse(@Nullable String text) {
        if (text == null) {
            throw badService(null);
        }
        int slash = text.indexOf('/');
        return slash < 0 ? service(text) : new Caller(text.substring(0, slash), text.substring(slash + 1));
    }

    private static CliTunerException badService(@Nullable String serviceId) {
        return new CliTunerException(
                ErrorCode.ACCESS_DENIED,
                "caller service id " + (serviceId == null ? "is missing" : "'" + serviceId + "' is malformed")
                        + "; every registry call must name its service");
    }

    @Override
    public String toString() {
        return agentId == null ? serviceId : serviceId + "/" + agentId;
    }
}
