package io.clituner.benchmarks.eval.set;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One line of an evaluation set.
 *
 * @param id         unique within the set
 * @param query      the natural-language request
 * @param references one or more correct commands (the first is the canonical one)
 * @param fixture    id of the fixture the commands run on; {@code null} for pairs of a corpus without
 *                   fixtures ({@link EvalSets#loadPairs}), which are never executed
 * @param tags       e.g. {@code difficulty} (1 single utility, 2 options and arguments, 3 pipelines
 *                   and substitutions) and {@code utility}; reported per value. {@code order=strict}
 *                   makes the comparator compare output lines in order (the task asks for an order)
 */
public record EvalTask(
        String id,
        String query,
        List<String> references,
        @Nullable String fixture,
        Map<String, String> tags) {
    public EvalTask {
        references = references == null ? List.of() : List.copyOf(references);
        tags = tags == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(tags));
    }

    public @Nullable String tag(String name) {
        return tags.get(name);
    }

    /** Whether the order of output lines is part of the answer ({@code order=strict}). */
    public boolean orderMatters() {
        return "strict".equals(tags.get("order"));
    }
}
