package io.clituner.inference.remote.routing;

/**
 * Counters of a {@link RoutedTranslator}: how often routing had to fall back, and how the shadow
 * compared with what was returned.
 *
 * @param requests            routed requests
 * @param fallbacks           requests answered by a candidate other than the routed choice
 * @param localFallbacks      requests answered by the local engine
 * @param failedAttempts      attempts that failed and were followed by another
 * @param shadowRuns          shadow requests completed
 * @param shadowAgreements    shadow runs that produced the same command as the response
 * @param shadowDisagreements shadow runs that produced another command or outcome
 * @param shadowFailures      shadow runs that failed (never visible to the caller)
 * @param shadowDropped       shadow requests dropped because the shadow queue was full
 */
public record RoutingStats(
        long requests,
        long fallbacks,
        long localFallbacks,
        long failedAttempts,
        long shadowRuns,
        long shadowAgreements,
        long shadowDisagreements,
        long shadowFailures,
        long shadowDropped) {}
