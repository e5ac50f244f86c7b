package io.clituner.benchmarks.eval.set;

import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import java.util.List;
import java.util.Map;

/**
 * A loaded evaluation set.
 *
 * @param name     the set's name (its file name without {@code .jsonl})
 * @param sha256   SHA-256 binding the set and every fixture it uses (see {@link EvalSets#load})
 * @param tasks    tasks in file order
 * @param fixtures fixtures by id
 */
public record EvalSet(String name, String sha256, List<EvalTask> tasks, Map<String, Fixture> fixtures) {
    public EvalSet {
        tasks = List.copyOf(tasks);
        fixtures = Map.copyOf(fixtures);
    }

    public Fixture fixture(String id) {
        Fixture f = fixtures.get(id);
        if (f == null) {
            throw new CliTunerException(
                    ErrorCode.INVALID_REQUEST, "unknown fixture '" + id + "'; known: " + fixtures.keySet());
        }
        return f;
    }

    /**
     * The first {@code n} tasks (all when {@code n} is at least the size). A shortened set is another
     * data set: its name says {@code name[:n]} and its digest is SHA-256 of {@code "<sha256>:first:<n>"}.
     */
    public EvalSet limit(int n) {
        if (n < 1) {
            throw new CliTunerException(ErrorCode.INVALID_REQUEST, "a task limit must be at least 1, got " + n);
        }
        return n >= tasks.size()
                ? this
                : new EvalSet(
                        name + "[:" + n + "]",
                        io.clituner.core.hash.Digests.sha256Hex(sha256 + ":first:" + n),
                        tasks.subList(0, n),
                        fixtures);
    }
}
