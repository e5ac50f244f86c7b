package io.clituner.provenance.registry.gate;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What one gate concluded: pass or fail, every reason for a failure, and the facts it checked. */
public record GateResult(String gateId, boolean passed, List<String> reasons, Map<String, String> details) {
    public GateResult {
        reasons = List.copyOf(reasons == null ? List.of() : reasons);
        details = java.util.Collections.unmodifiableMap(new TreeMap<>(details == null ? Map.of() : details));
    }

    public static GateResult pass(String gateId, Map<String, String> details) {
        return new GateResult(gateId, true, List.of(), details);
    }

    public static GateResult fail(String gateId, List<String> reasons, Map<String, String> details) {
        return new GateResult(gateId, false, reasons, details);
    }
}
