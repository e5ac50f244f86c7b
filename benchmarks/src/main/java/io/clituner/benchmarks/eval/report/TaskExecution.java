package io.clituner.benchmarks.eval.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The execution tier on one task.
 *
 * @param verdict           the comparator's verdict against the best reference ({@code NOT_RUN} when the
 *                          prediction was not executed: unanswered)
 * @param matchedReference  index of the reference it was equivalent to, or {@code null}
 * @param referenceExit     exit status of the first reference
 * @param predictionExit    exit status of the prediction ({@code null} when not run)
 * @param referenceStdout   start of the first reference's stdout
 * @param predictionStdout  start of the prediction's stdout
 * @param diff              the sandbox diff against the first reference (output lines, tree paths)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskExecution(
        String verdict,
        @Nullable Integer matchedReference,
        int referenceExit,
        @Nullable Integer predictionExit,
        String referenceStdout,
        @Nullable String predictionStdout,
        List<String> diff) {
    public TaskExecution {
        diff = diff == null ? List.of() : List.copyOf(diff);
    }

    public boolean equivalent() {
        return matchedReference != null;
    }
}
