package io.clituner.benchmarks.eval.set;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A small declarative working tree that the sandbox materialises afresh for every execution.
 *
 * @param id          what tasks name it by
 * @param description what the tree represents
 * @param env         environment variables besides the sandbox's fixed ones
 * @param entries     files, directories and symlinks; parents are created as needed
 */
public record Fixture(String id, @Nullable String description, Map<String, String> env, List<FixtureEntry> entries) {
    public Fixture {
        env = env == null ? Map.of() : Map.copyOf(env);
        entries = entries == null ? List.of() : List.copyOf(entries);
    }
}
