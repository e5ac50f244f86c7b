package io.clituner.inference.remote.routing;

import io.clituner.core.CommandResponse;
import java.util.List;

/**
 * A routed request's answer and every attempt it took, in order; the last attempt produced the
 * response.
 *
 * @param routeId  correlates this request's route.* audit events
 */
public record RoutedResult(String routeId, CommandResponse response, List<RouteAttempt> attempts) {
    public RoutedResult {
        attempts = List.copyOf(attempts);
    }

    public boolean fellBack() {
        return attempts.size() > 1;
    }
}
