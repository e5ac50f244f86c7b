package io.clituner.provenance.registry;

import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One edge of the lineage DAG: {@code child} was made from {@code parent} by {@code method}
 * (details such as LoRA rank, quantization type or merge weights).
 */
public record LineageEdge(VersionRef child, VersionRef parent, LineageMethod method, Map<String, String> details) {
    public LineageEdge {
        Objects.requireNonNull(child, "child");
        Objects.requireNonNull(parent, "parent");
        if (method == null) {
            throw new CliTunerException(
                    ErrorCode.REGISTRY_INVALID,
                    "lineage method is required (one of " + java.util.Arrays.toString(LineageMethod.values()) + ")");
        }
        if (child.equals(parent)) {
            throw new CliTunerException(ErrorCode.LINEAGE_CYCLE, "a version cannot derive from itself: " + child);
        }
        details = details == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(details));
    }
}
