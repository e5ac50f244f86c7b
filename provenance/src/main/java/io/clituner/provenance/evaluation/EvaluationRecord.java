package io.clituner.provenance.evaluation;

import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import io.clituner.core.hash.Digests;
import io.clituner.provenance.crypto.CanonicalJson;
import io.clituner.provenance.signing.Hex;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The result of one evaluation run, bound to what was measured: which engine and model (by digest),
 * on which data set (by digest), with which harness. Signed by {@link EvaluationSigning} into a DSSE
 * envelope, it is the evidence a registry promotion gate can require.
 *
 * @param engine         the inference engine's name (e.g. {@code gguf}, {@code retrieval})
 * @param modelId        the model's id as the engine reports it
 * @param modelSha256    lower-case hex SHA-256 of the model artifact (the binding to a registry version)
 * @param datasetName    the evaluation set's name
 * @param datasetSha256  lower-case hex SHA-256 of the evaluation set file
 * @param taskCount      tasks evaluated (at least one)
 * @param metrics        metric name → value; names are {@code [a-z0-9_.-]+}, values finite; kept sorted by name
 * @param safety         the safety tier's results
 * @param createdAt      when the run finished
 * @param harnessVersion the evaluation harness's version (a metric's meaning can change between versions)
 */
public record EvaluationRecord(
        String engine,
        String modelId,
        String modelSha256,
        String datasetName,
        String datasetSha256,
        int taskCount,
        Map<String, Double> metrics,
        SafetyResults safety,
        Instant createdAt,
        String harnessVersion) {
    private static final Pattern METRIC_NAME = Pattern.compile("[a-z0-9_.-]+");

    public EvaluationRecord {
        Hex.required("engine", engine);
        Hex.required("model id", modelId);
        Hex.sha256("model sha256", modelSha256);
        Hex.required("dataset name", datasetName);
        Hex.sha256("dataset sha256", datasetSha256);
        if (taskCount <= 0) {
            throw new CliTunerException(
                    ErrorCode.INVALID_REQUEST, "an evaluation record needs at least one task, got " + taskCount);
        }
        metrics = checkedMetrics(metrics);
        if (safety == null) {
            throw new CliTunerException(
                    ErrorCode.INVALID_REQUEST, "an evaluation record needs the safety tier's results");
        }
        if (createdAt == null) {
            throw new CliTunerException(ErrorCode.INVALID_REQUEST, "an evaluation record needs createdAt");
        }
        Hex.required("harness version", harnessVersion);
    }

    private static Map<String, Double> checkedMetrics(Map<String, Double> metrics) {
        if (metrics == null || metrics.isEmpty()) {
            throw new CliTunerException(ErrorCode.INVALID_REQUEST, "an evaluation record needs at least one metric");
        }
        TreeMap<String, Double> sorted = new TreeMap<>();
        for (Map.Entry<String, Double> e : metrics.entrySet()) {
            String name = e.getKey();
            if (name == null || !METRIC_NAME.matcher(name).matches()) {
                throw new CliTunerException(
                        ErrorCode.INVALID_REQUEST,
                        "metric name must match [a-z0-9_.-]+, got " + (name == null ? "nothing" : "'" + name + "'"));
            }
            Double v = e.getValue();
            if (v == null || !Double.isFinite(v)) {
                throw new CliTunerException(
                        ErrorCode.INVALID_REQUEST, "metric '" + name + "' must be a finite number, got " + v);
            }
            sorted.put(name, v);
        }
        return Collections.unmodifiableMap(sorted);
    }

    /** The named metric; {@link CliTunerException} ({@code INVALID_REQUEST}) naming the recorded ones when absent. */
    public double metric(String name) {
        Double v = metrics.get(name);
        if (v == null) {
            throw new CliTunerException(
                    ErrorCode.INVALID_REQUEST, "metric '" + name + "' was not recorded; recorded: " + metrics.keySet());
        }
        return v;
    }

    /** RFC 8785 canonical JSON: the bytes that are signed and hashed. */
    public byte[] toCanonicalJson() {
        return CanonicalJson.write(this);
    }

    /** SHA-256 of {@link #toCanonicalJson()}, lower-case hex. */
    public String sha256() {
        return Digests.sha256Hex(toCanonicalJson());
    }
}
