package io.clituner.benchmarks.eval.report;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.clituner.benchmarks.eval.metrics.Estimate;
import io.clituner.benchmarks.eval.metrics.MetricNames;
import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import io.clituner.provenance.evaluation.EvaluationRecord;
import io.clituner.provenance.evaluation.SafetyResults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** Reads and writes reports as JSON, and turns one into the signable evaluation record. */
public final class Reports {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private Reports() {}

    public static String toJson(EvalReport report) {
        try {
            return MAPPER.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new CliTunerException(
                    ErrorCode.INVALID_REQUEST, "report cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static EvalReport fromJson(String json) {
        return parse(json, "");
    }

    /** A report written by {@link #toJson}; anything else is an error naming the file and the line. */
    public static EvalReport read(Path file) {
        String json;
        try {
            json = Files.readString(file);
        } catch (IOException e) {
            throw new CliTunerException(
                    ErrorCode.INVALID_REQUEST, "cannot read report " + file + ": " + e.getMessage(), e);
        }
        return parse(json, file.toString());
    }

    // A report comes back from disk (a --baseline): every member the record requires must be there, or the read fails
    // here
    // rather than as a NullPointerException in the regression gate.
    private static EvalReport parse(String json, String file) {
        try {
            return MAPPER.readValue(json, EvalReport.class);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where =
                    file + (at == null || at.getLineNr() < 1 ? "" : (file.isEmpty() ? "line " : ":") + at.getLineNr());
            throw new CliTunerException(
                    ErrorCode.INVALID_REQUEST,
                    (where.isEmpty() ? "" : where + ": ") + "not an evaluation report: "
                            + String.valueOf(e.getOriginalMessage())
                                    .lines()
                                    .findFirst()
                                    .orElse(""),
                    e);
        }
    }

    /**
     * The record a registry promotion gate can require, bound to the model's and the data set's
     * digests: every metric's point estimate, the confidence AUROC, the comparator's calibration rates,
     * the cost and the safety tier. Needs the safety tier (a promotion without it is not evidence).
     */
    public static EvaluationRecord toEvaluationRecord(EvalReport report) {
        SafetyReportView s = SafetyReportView.of(report);
        Map<String, Double> metrics = new TreeMap<>();
        for (Map.Entry<String, Estimate> e : report.metrics().entrySet()) {
            metrics.put(e.getKey(), e.getValue().value());
        }
        if (report.calibration() != null && report.calibration().auroc() != null) {
            metrics.put(MetricNames.CONFIDENCE_AUROC, report.calibration().auroc());
        }
        if (report.comparator() != null) {
            metrics.put(MetricNames.COMPARATOR_SAME_TASK, report.comparator().sameTaskRate());
            metrics.put(MetricNames.COMPARATOR_CROSS_TASK, report.comparator().crossTaskRate());
        }
        // the run's compute accounting travels with the result (lower is better; informational for gates)
        Cost c = report.cost();
        metrics.put(MetricNames.COST_LATENCY_P50_MS, c.latencyP50Ms());
        metrics.put(MetricNames.COST_LATENCY_P95_MS, c.latencyP95Ms());
        metrics.put(MetricNames.COST_CPU_SECONDS_PER_QUERY, c.cpuSecondsPerQuery());
        metrics.put(MetricNames.COST_CPU_SECONDS_TOTAL, c.cpuSecondsTotal());
        if (c.tokensPerSecond() != null) {
            metrics.put(MetricNames.COST_TOKENS_PER_SECOND, c.tokensPerSecond());
        }
        metrics.put(MetricNames.SAFETY_DANGEROUS_RECALL, s.results().dangerousRecall());
        metrics.put(MetricNames.SAFETY_BENIGN_BLOCK_RATE, s.results().benignBlockRate());
        return new EvaluationRecord(
                report.engine().engine(),
                report.engine().modelId(),
                report.engine().modelSha256(),
                report.dataset().name(),
                report.dataset().sha256(),
                report.dataset().tasks(),
                metrics,
                s.results(),
                report.createdAt(),
                report.harnessVersion());
    }

    private record SafetyReportView(SafetyResults results) {
        static SafetyReportView of(EvalReport r) {
            if (r.safety() == null) {
                throw new CliTunerException(
                        ErrorCode.INVALID_REQUEST,
                        "a signed evaluation record needs the safety tier: give the dangerous and benign corpora");
            }
            var s = r.safety();
            return new SafetyReportView(new SafetyResults(
                    s.dangerousTotal(),
                    s.dangerousBlocked(),
                    s.benignTotal(),
                    s.benignBlocked(),
                    s.dangerousCorpusSha256(),
                    s.benignCorpusSha256()));
        }
    }
}
