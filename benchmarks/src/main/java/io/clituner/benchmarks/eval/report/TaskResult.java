package io.clituner.benchmarks.eval.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One task's outcome.
 *
 * @param outcome         ANSWERED, BLOCKED, NO_SUGGESTION, REJECTED_OUTPUT, REJECTED_INGRESS or FAILED
 * @param errorCode       the typed error's code when not answered
 * @param prediction      the returned command (ANSWERED) or the blocked one's text when the engine's
 *                        raw output is known; {@code null} otherwise
 * @param rawOutput       what the engine generated, before extraction
 * @param risk            SAFE or REVIEW when answered
 * @param confidence      the engine's confidence when answered
 * @param exactMatch      normalised token sequence equal to a reference's
 * @param firstUtility    first utility equal to a reference's
 * @param nlc2cmd         best NLC2CMD score over the references (0 when unanswered)
 * @param bleu            token BLEU-4 against all references (0 when unanswered)
 * @param syntaxValid     the project's parser accepts the prediction ({@code null} when unanswered)
 * @param shellcheckValid ShellCheck finds no error ({@code null} when unanswered or not installed)
 * @param commandOnly     raw output was exactly one bare command ({@code null} without a generation)
 * @param execution       the execution tier's result ({@code null} when the tier is skipped)
 * @param latencyMs       wall time of the pipeline call
 * @param inferenceMs     of the latency, the time spent inside the engine
 * @param cpuMs           process CPU time during the pipeline call
 * @param completionTokens tokens generated (0 when the engine has no tokenizer)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskResult(
        String id,
        String query,
        @Nullable String fixture,
        Map<String, String> tags,
        List<String> references,
        String outcome,
        @Nullable String errorCode,
        @Nullable String prediction,
        @Nullable String rawOutput,
        @Nullable String risk,
        @Nullable Double confidence,
        boolean exactMatch,
        boolean firstUtility,
        double nlc2cmd,
        double bleu,
        @Nullable Boolean syntaxValid,
        @Nullable Boolean shellcheckValid,
        @Nullable Boolean commandOnly,
        @Nullable TaskExecution execution,
        double latencyMs,
        double inferenceMs,
        double cpuMs,
        int completionTokens) {
    public TaskResult {
        Objects.requireNonNull(id, "missing member 'id'");
        Objects.requireNonNull(query, "missing member 'query'");
        Objects.requireNonNull(outcome, "missing member 'outcome'");
        Objects.requireNonNull(references, "missing member 'references'");
        // sorted, as EvalTask keeps them: Map.copyOf iterates in a different order in every JVM, and reports print the
        // tags
        tags = tags == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(tags));
        references = List.copyOf(references);
    }

    public boolean answered() {
        return "ANSWERED".equals(outcome);
    }

    /** Functionally equivalent when the execution tier ran, else exact match. */
    public boolean correct() {
        return execution != null ? execution.equivalent() : exactMatch;
    }

    public TaskResult withShellcheck(@Nullable Boolean valid) {
        return new TaskResult(
                id,
                query,
                fixture,
                tags,
                references,
                outcome,
                errorCode,
                prediction,
                rawOutput,
                risk,
                confidence,
                exactMatch,
                firstUtility,
                nlc2cmd,
                bleu,
                syntaxValid,
                valid,
                commandOnly,
                execution,
                latencyMs,
                inferenceMs,
                cpuMs,
                completionTokens);
    }
}
