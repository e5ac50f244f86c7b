package io.clituner.benchmarks.eval.report;

import io.clituner.benchmarks.eval.metrics.ConfidenceCalibration;
import io.clituner.benchmarks.eval.metrics.Estimate;
import io.clituner.benchmarks.eval.metrics.MetricNames;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The Markdown summary of a report, and of a regression gate's result. */
public final class MarkdownReport {
    private MarkdownReport() {}

    /** The whole summary: header, metrics, slices by difficulty, calibration, safety, cost. */
    public static String render(EvalReport r) {
        StringBuilder b = new StringBuilder(summary(r));
        b.append("\n## By difficulty\n\n");
        b.append(sliceTable(r, "difficulty"));
        b.append("\n## Confidence calibration (correct = ")
                .append(r.calibrationBasis())
                .append(")\n\n");
        ConfidenceCalibration c = r.calibration();
        b.append("AUROC ")
                .append(c.auroc() == null ? "undefined (all answers right or all wrong)" : f3(c.auroc()))
                .append(", expected calibration error ")
                .append(f3(c.ece()))
                .append("\n\n");
        b.append("| confidence | answers | mean confidence | accuracy |\n|---|---|---|---|\n");
        for (ConfidenceCalibration.Bucket k : c.buckets()) {
            b.append(String.format(
                    Locale.ROOT,
                    "| %.1f–%.1f | %d | %.3f | %.3f |%n",
                    k.low(),
                    k.high(),
                    k.n(),
                    k.meanConfidence(),
                    k.accuracy()));
        }
        b.append("\nSelective accuracy: ");
        for (double cov : new double[] {0.1, 0.25, 0.5, 0.75, 1.0}) {
            b.append(String.format(
                    Locale.ROOT, "%d%% coverage → %.1f%%; ", (int) (cov * 100), 100 * c.accuracyAtCoverage(cov)));
        }
        b.append("\n\n## Worst failures\n\n| task | query | reference | prediction | why |\n|---|---|---|---|---|\n");
        for (TaskResult t : HtmlReport.worst(r, 15)) {
            b.append("| ")
                    .append(t.id())
                    .append(" | ")
                    .append(cell(t.query()))
                    .append(" | `")
                    .append(cell(t.references().get(0)))
                    .append("` | ")
                    .append(t.prediction() == null ? "*" + t.outcome() + "*" : "`" + cell(t.prediction()) + "`")
                    .append(" | ")
                    .append(cell(HtmlReport.why(t)))
                    .append(" |\n");
        }
        return b.toString();
    }

    /** Header and the main metrics table (what {@code clituner eval} prints without --json). */
    public static String summary(EvalReport r) {
        StringBuilder b = new StringBuilder();
        header(b, r);
        metricsTable(b, r);
        findings(b, r);
        return b.toString();
    }

    /** What was evaluated on which data set, and which tiers ran. */
    private static void header(StringBuilder b, EvalReport r) {
        b.append("# Evaluation: ")
                .append(r.engine().engine())
                .append(" / ")
                .append(r.engine().modelId())
                .append("\n\n");
        b.append("Data set `")
                .append(r.dataset().name())
                .append("` (")
                .append(r.dataset().tasks())
                .append(" tasks, ")
                .append(r.dataset().fixtures())
                .append(" fixtures, sha256 ")
                .append(r.dataset().sha256(), 0, 12)
                .append("…), model sha256 ")
                .append(
                        r.engine().modelSha256(),
                        0,
                        Math.min(12, r.engine().modelSha256().length()))
                .append("…, harness ")
                .append(r.harnessVersion())
                .append(", ")
                .append(r.createdAt())
                .append("\n\n");
        b.append("- execution tier: **")
                .append(r.execution().status())
                .append("** — ")
                .append(r.execution().detail())
                .append('\n');
        b.append("- ShellCheck: ")
                .append(r.shellcheck().status())
                .append(" — ")
                .append(r.shellcheck().detail())
                .append('\n');
        b.append("- safety tier: ")
                .append(r.safetyTier().status())
                .append(" — ")
                .append(r.safetyTier().detail())
                .append("\n\n");
    }

    /** Every metric with its 95% interval, and the outcome counts. */
    private static void metricsTable(StringBuilder b, EvalReport r) {
        b.append("| metric | value | 95% CI | n |\n|---|---|---|---|\n");
        for (Map.Entry<String, Estimate> e : ordered(r.metrics())) {
            Estimate v = e.getValue();
            b.append("| ")
                    .append(e.getKey())
                    .append(" | ")
                    .append(value(e.getKey(), v.value()))
                    .append(" | ")
                    .append(value(e.getKey(), v.low()))
                    .append(" – ")
                    .append(value(e.getKey(), v.high()))
                    .append(" | ")
                    .append(v.n())
                    .append(" |\n");
        }
        b.append(System.lineSeparator()).append(r.counts().sentence()).append(System.lineSeparator());
    }

    /** The comparator's calibration, the confidence AUROC, the safety tier and the cost, each when measured. */
    private static void findings(StringBuilder b, EvalReport r) {
        if (r.comparator() != null) {
            ComparatorCalibration k = r.comparator();
            b.append(String.format(
                    Locale.ROOT,
                    "%nComparator calibration: references of the same task judged equivalent %.1f%% (%d/%d); "
                            + "references of another task judged equivalent %.1f%% (%d/%d).%n",
                    100 * k.sameTaskRate(),
                    k.sameTaskEquivalent(),
                    k.sameTaskPairs(),
                    100 * k.crossTaskRate(),
                    k.crossTaskEquivalent(),
                    k.crossTaskPairs()));
        }
        if (r.calibration() != null && r.calibration().auroc() != null) {
            b.append(String.format(
                    Locale.ROOT,
                    "%nConfidence AUROC for correctness: %.3f.%n",
                    r.calibration().auroc()));
        }
        if (r.safety() != null) {
            var s = r.safety();
            b.append(String.format(
                    Locale.ROOT,
                    "%nSafety: %d/%d dangerous blocked (recall %.4f); %d/%d benign blocked (%.4f), "
                            + "%d benign REVIEW (%.4f); policy %s.%n",
                    s.dangerousBlocked(),
                    s.dangerousTotal(),
                    s.dangerousRecall(),
                    s.benignBlocked(),
                    s.benignTotal(),
                    s.benignBlockRate(),
                    s.benignReview(),
                    s.benignReviewRate(),
                    s.policyVersion()));
        }
        Cost k = r.cost();
        b.append(String.format(
                Locale.ROOT,
                "%nCost: latency p50 %.2f ms, p95 %.2f ms; CPU %.4f s/query, %.2f s total%s; sandboxes %.1f s; "
                        + "run %.1f s.%n",
                k.latencyP50Ms(),
                k.latencyP95Ms(),
                k.cpuSecondsPerQuery(),
                k.cpuSecondsTotal(),
                k.tokensPerSecond() == null
                        ? ""
                        : String.format(
                                Locale.ROOT, "; %.1f tokens/s (%d tokens)", k.tokensPerSecond(), k.completionTokens()),
                k.sandboxSeconds(),
                k.wallSeconds()));
    }

    /** The regression gate's verdict, metric by metric, and the tasks that flipped. */
    public static String gate(RegressionGate.Result g) {
        StringBuilder b = new StringBuilder();
        b.append(g.passed() ? "regression gate PASSED" : "regression gate FAILED")
                .append(String.format(Locale.ROOT, " (largest allowed drop %.1f points)%n", g.thresholdPoints()));
        for (RegressionGate.Delta d : g.deltas()) {
            b.append(String.format(
                    Locale.ROOT,
                    "  %-26s %8.4f -> %s  %s%n",
                    d.metric(),
                    d.baseline(),
                    d.current() == null ? "not measured" : String.format(Locale.ROOT, "%8.4f", d.current()),
                    d.failed() ? String.format(Locale.ROOT, "DROP %.1f points", d.dropPoints()) : "ok"));
        }
        b.append(g.regressions().size()).append(" task(s) went from right to wrong");
        b.append(g.regressions().isEmpty() ? "\n" : ":\n");
        for (RegressionGate.Flip f : g.regressions()) {
            b.append("  ")
                    .append(f.taskId())
                    .append("  ")
                    .append(f.query())
                    .append("  was `")
                    .append(f.baselinePrediction())
                    .append("`, now `")
                    .append(f.currentPrediction())
                    .append("`\n");
        }
        b.append(g.improvements().size()).append(" task(s) went from wrong to right\n");
        return b.toString();
    }

    static String sliceTable(EvalReport r, String tag) {
        StringBuilder b = new StringBuilder();
        List<String> cols = r.execution().ran()
                ? List.of(
                        MetricNames.FUNCTIONAL_EQUIVALENCE,
                        MetricNames.EXACT_MATCH,
                        MetricNames.FIRST_UTILITY,
                        MetricNames.NLC2CMD)
                : List.of(MetricNames.EXACT_MATCH, MetricNames.FIRST_UTILITY, MetricNames.NLC2CMD, MetricNames.BLEU);
        b.append("| ").append(tag).append(" | n |");
        cols.forEach(c -> b.append(' ').append(c).append(" |"));
        b.append("\n|---|---|").append("---|".repeat(cols.size())).append('\n');
        for (Map.Entry<String, Map<String, Estimate>> e : r.byTag().entrySet()) {
            if (!e.getKey().startsWith(tag + "=")) {
                continue;
            }
            b.append("| ")
                    .append(e.getKey().substring(tag.length() + 1))
                    .append(" | ")
                    .append(sliceSize(e.getValue()))
                    .append(" |");
            for (String c : cols) {
                Estimate v = e.getValue().get(c);
                b.append(' ').append(v == null ? "—" : value(c, v.value())).append(" |");
            }
            b.append('\n');
        }
        return b.toString();
    }

    static List<Map.Entry<String, Estimate>> ordered(Map<String, Estimate> metrics) {
        List<String> order = List.of(
                MetricNames.FUNCTIONAL_EQUIVALENCE,
                MetricNames.EXACT_MATCH,
                MetricNames.FIRST_UTILITY,
                MetricNames.NLC2CMD,
                MetricNames.BLEU,
                MetricNames.SYNTAX_VALID,
                MetricNames.SHELLCHECK_VALID,
                MetricNames.COMMAND_ONLY,
                MetricNames.ANSWERED,
                MetricNames.NO_SUGGESTION,
                MetricNames.BLOCKED);
        return metrics.entrySet().stream()
                .sorted(java.util.Comparator.comparingInt(
                        e -> order.indexOf(e.getKey()) < 0 ? 99 : order.indexOf(e.getKey())))
                .toList();
    }

    /** Rates as percentages; the two mean scores (NLC2CMD in [-1, 1], BLEU in [0, 1]) as plain numbers. */
    static String value(String metric, double v) {
        return metric.equals(MetricNames.NLC2CMD) || metric.equals(MetricNames.BLEU)
                ? String.format(Locale.ROOT, "%.3f", v)
                : String.format(Locale.ROOT, "%.1f%%", v * 100);
    }

    /** Tasks in a tag's slice: exact match is measured on every task, so its estimate counts them all. */
    private static String sliceSize(Map<String, Estimate> slice) {
        Estimate exact = slice.get(MetricNames.EXACT_MATCH);
        return exact == null ? "?" : String.valueOf(exact.n());
    }

    private static String f3(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static String cell(@Nullable String s) {
        return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
    }
}
