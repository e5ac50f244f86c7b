package io.clituner.provenance.registry.gate;

import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import java.util.List;

/** A promotion failed one or more gates; {@link #results()} holds every gate's verdict, nothing was changed. */
public class PromotionRejectedException extends CliTunerException {
    private static final long serialVersionUID = 1L;

    private final transient List<GateResult> results;

    public PromotionRejectedException(String what, List<GateResult> results) {
        super(
                ErrorCode.PROMOTION_REJECTED,
                what + " rejected: "
                        + String.join(
                                "; ",
                                results.stream()
                                        .filter(r -> !r.passed())
                                        .flatMap(r -> r.reasons().stream().map(m -> r.gateId() + ": " + m))
                                        .toList()));
        this.results = List.copyOf(results);
    }

    public List<GateResult> results() {
        return results;
    }

    /** Every reason from every failed gate, prefixed with the gate id. */
    public List<String> reasons() {
        return results.stream()
                .filter(r -> !r.passed())
                .flatMap(r -> r.reasons().stream().map(m -> r.gateId() + ": " + m))
                .toList();
    }
}
