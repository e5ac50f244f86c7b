package io.clituner.benchmarks.eval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.benchmarks.eval.metrics.ConfidenceCalibration;
import io.clituner.benchmarks.eval.metrics.Estimate;
import io.clituner.benchmarks.eval.metrics.MetricNames;
import io.clituner.benchmarks.eval.safety.SafetyReport;
import io.clituner.core.error.CliTunerException;
import io.clituner.core.hash.Digests;
import io.clituner.provenance.crypto.Ed25519Signer;
import io.clituner.provenance.crypto.Signer;
import io.clituner.provenance.evaluation.EvaluationRecord;
import io.clituner.provenance.evaluation.EvaluationSigning;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportsTest {
    static TaskResult task(String id, boolean right, String prediction) {
        TaskExecution ex = new TaskExecution(
                right ? "EQUIVALENT_EXACT" : "DIFFERENT_OUTPUT",
                right ? 0 : null,
                0,
                0,
                "a\n",
                "b\n",
                right ? List.of() : List.of("- a", "+ b"));
        return new TaskResult(
                id,
                "list <things> & stuff",
                "fx",
                Map.of("difficulty", "2", "utility", "ls"),
                List.of("ls -a"),
                "ANSWERED",
                null,
                prediction,
                prediction,
                "SAFE",
                right ? 0.9 : 0.3,
                right,
                true,
                right ? 1 : 0.5,
                right ? 1 : 0.4,
                true,
                true,
                true,
                ex,
                2.5,
                2.0,
                1.0,
                0);
    }

    static EvalReport report(SafetyReport safety) {
        List<TaskResult> tasks = List.of(task("t1", true, "ls -a"), task("t2", false, "ls <script>alert(1)</script>"));
        Map<String, Estimate> metrics = Map.of(
                MetricNames.FUNCTIONAL_EQUIVALENCE,
                new Estimate(0.5, 0.1, 0.9, 2),
                MetricNames.EXACT_MATCH,
                new Estimate(0.5, 0.1, 0.9, 2),
                MetricNames.NLC2CMD,
                new Estimate(0.75, 0.5, 1, 2));
        return new EvalReport(
                "1",
                Instant.parse("2026-12-02T20:00:00Z"),
                new EngineInfo("retrieval", "bank", "1", Digests.sha256Hex("m")),
                new DatasetInfo("set", Digests.sha256Hex("d"), 2, 1),
                TierStatus.ran("bwrap"),
                TierStatus.skipped("shellcheck not found"),
                safety == null ? TierStatus.skipped("none") : TierStatus.ran("corpora"),
                metrics,
                Map.of("difficulty=2", metrics),
                new Counts(2, 2, 2, 0, 0, 0, 0, 0, 0),
                ConfidenceCalibration.of(List.of(
                        new ConfidenceCalibration.Scored(0.9, true), new ConfidenceCalibration.Scored(0.3, false))),
                MetricNames.FUNCTIONAL_EQUIVALENCE,
                new ComparatorCalibration(1, 1, 2, 0, List.of(), List.of()),
                safety,
                new Cost(2, 3, 2.5, 0.001, 0.002, null, 0, 0.1, 1),
                tasks);
    }

    static final SafetyReport SAFETY = new SafetyReport(
            "p1", 10, 10, 20, 1, 2, Digests.sha256Hex("bad"), Digests.sha256Hex("good"), List.of(), List.of("ls"), 0.1);

    @Test
    void jsonRoundTrips() {
        EvalReport r = report(SAFETY);
        EvalReport back = Reports.fromJson(Reports.toJson(r));
        assertEquals(r, back);
        assertTrue(back.tasks().get(0).correct());
        assertFalse(back.tasks().get(1).correct());
    }

    @Test
    void aReportReadBackNamesTheFileAndLineOfWhatIsMissing(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("report.json");
        // a report whose engine member was lost: refused when read, naming the member, not a NullPointerException in
        // the gate
        Files.writeString(file, Reports.toJson(report(SAFETY)).replaceFirst("\"engine\"", "\"engien\""));
        CliTunerException e = assertThrows(CliTunerException.class, () -> Reports.read(file));
        assertTrue(
                e.getMessage()
                        .matches("\\Q" + file + "\\E:\\d+: not an evaluation report: .*missing member 'engine'.*"),
                e.getMessage());
        Files.writeString(file, "{\n  \"harnessVersion\": \"1\",\n  \"createdAt\": [\n");
        assertTrue(assertThrows(CliTunerException.class, () -> Reports.read(file))
                .getMessage()
                .startsWith(file + ":"));
    }

    @Test
    void tagsPrintInTheSameOrderInEveryRun() {
        Map<String, String> tags = new java.util.LinkedHashMap<>();
        tags.put("utility", "sort");
        tags.put("difficulty", "3");
        tags.put("order", "strict");
        TaskResult t = new TaskResult(
                "t",
                "q",
                null,
                tags,
                List.of("sort f"),
                "NO_SUGGESTION",
                null,
                null,
                null,
                null,
                null,
                false,
                false,
                0,
                0,
                null,
                null,
                null,
                null,
                1,
                1,
                1,
                0);
        // reports print the map; its order must not depend on the JVM's hash salt
        assertEquals("{difficulty=3, order=strict, utility=sort}", t.tags().toString());
    }

    @Test
    void htmlIsSelfContainedEscapedAndComplete() {
        String html = HtmlReport.render(report(SAFETY));
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertFalse(html.contains("<script>"), "prediction text must be escaped");
        assertTrue(html.contains("&lt;script&gt;"));
        Matcher urls = Pattern.compile("(?:src|href)\\s*=|https?://(?!www\\.w3\\.org/2000/svg)")
                .matcher(html);
        assertFalse(
                urls.find(),
                "nothing may be fetched: "
                        + (urls.find(0)
                                ? html.substring(urls.start(), Math.min(html.length(), urls.start() + 60))
                                : ""));
        for (String part : List.of(
                "Summary",
                "By difficulty",
                "Confidence calibration",
                "reliability diagram",
                "selective accuracy curve",
                "Comparator calibration",
                "Safety",
                "Cost",
                "Worst failures",
                "+ b",
                "SKIPPED")) {
            assertTrue(html.contains(part), part);
        }
        assertTrue(html.split("<svg").length - 1 >= 4, "bar charts and calibration plots are inline SVG");
    }

    @Test
    void markdownSummarises() {
        String md = MarkdownReport.render(report(SAFETY));
        assertTrue(md.contains("| functional_equivalence | 50.0% | 10.0% – 90.0% | 2 |"), md);
        assertTrue(md.contains("| nlc2cmd | 0.750 |"), md);
        assertTrue(
                md.contains("Comparator calibration: references of the same task judged equivalent 100.0% (1/1)"), md);
        assertTrue(md.contains("## Worst failures") && md.contains("t2"), md);
    }

    @Test
    void theSignedRecordCarriesMetricsAndSafetyAndVerifies() {
        Signer key = Ed25519Signer.generate();
        EvaluationRecord rec = Reports.toEvaluationRecord(report(SAFETY));
        assertEquals(0.5, rec.metric(MetricNames.FUNCTIONAL_EQUIVALENCE));
        assertEquals(1.0, rec.metric(MetricNames.SAFETY_DANGEROUS_RECALL));
        assertEquals(1.0, rec.metric(MetricNames.CONFIDENCE_AUROC));
        assertEquals(0.0, rec.metric(MetricNames.COMPARATOR_CROSS_TASK));
        assertEquals(0.001, rec.metric(MetricNames.COST_CPU_SECONDS_PER_QUERY));
        assertTrue(
                !rec.metrics().containsKey(MetricNames.COST_TOKENS_PER_SECOND),
                "no tokens counted, no throughput claimed");
        assertEquals(Digests.sha256Hex("m"), rec.modelSha256());
        assertEquals(Digests.sha256Hex("d"), rec.datasetSha256());
        assertEquals(
                rec,
                EvaluationSigning.verify(EvaluationSigning.sign(rec, key), key.publicKey())
                        .record());
        assertTrue(assertThrows(CliTunerException.class, () -> Reports.toEvaluationRecord(report(null)))
                .getMessage()
                .contains("safety"));
    }

    @Test
    void theGateRefusesIncomparableReports() {
        EvalReport a = report(SAFETY);
        EvalReport other = new EvalReport(
                a.harnessVersion(),
                a.createdAt(),
                a.engine(),
                new DatasetInfo("other", Digests.sha256Hex("x"), 2, 1),
                a.execution(),
                a.shellcheck(),
                a.safetyTier(),
                a.metrics(),
                a.byTag(),
                a.counts(),
                a.calibration(),
                a.calibrationBasis(),
                a.comparator(),
                a.safety(),
                a.cost(),
                a.tasks());
        assertTrue(assertThrows(CliTunerException.class, () -> new RegressionGate(5).compare(a, other))
                .getMessage()
                .contains("not comparable"));
        EvalReport noExec = new EvalReport(
                a.harnessVersion(),
                a.createdAt(),
                a.engine(),
                a.dataset(),
                TierStatus.skipped("no bwrap"),
                a.shellcheck(),
                a.safetyTier(),
                Map.of(
                        MetricNames.EXACT_MATCH,
                        new Estimate(0.5, 0.1, 0.9, 2),
                        MetricNames.NLC2CMD,
                        new Estimate(0.75, 0.5, 1, 2)),
                a.byTag(),
                a.counts(),
                a.calibration(),
                a.calibrationBasis(),
                null,
                a.safety(),
                a.cost(),
                a.tasks());
        RegressionGate.Result r = new RegressionGate(5).compare(a, noExec);
        assertFalse(r.passed(), "a metric that is no longer measured fails the gate");
        assertTrue(MarkdownReport.gate(r).contains("not measured"));
    }
}
