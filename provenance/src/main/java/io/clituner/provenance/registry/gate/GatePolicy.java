package io.clituner.provenance.registry.gate;

import io.clituner.provenance.registry.Stage;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Which gates guard which target stage. Stages with no gates (e.g. DEPRECATED) need only the PROMOTE permission. */
public final class GatePolicy {
    private final Map<Stage, List<PromotionGate>> gates;

    private GatePolicy(Map<Stage, List<PromotionGate>> gates) {
        this.gates = gates;
    }

    public static GatePolicy none() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<PromotionGate> gatesFor(Stage target) {
        return gates.getOrDefault(target, List.of());
    }

    public static final class Builder {
        private final Map<Stage, List<PromotionGate>> gates = new EnumMap<>(Stage.class);

        public Builder require(Stage target, PromotionGate... gs) {
            gates.computeIfAbsent(target, k -> new ArrayList<>()).addAll(List.of(gs));
            return this;
        }

        public GatePolicy build() {
            Map<Stage, List<PromotionGate>> copy = new EnumMap<>(Stage.class);
            gates.forEach((k, v) -> copy.put(k, List.copyOf(v)));
            return new GatePolicy(copy);
        }
    }
}
