package io.clituner.benchmarks.eval.report;

import io.clituner.benchmarks.eval.metrics.ConfidenceCalibration;
import io.clituner.benchmarks.eval.metrics.Estimate;
import io.clituner.benchmarks.eval.metrics.MetricNames;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A self-contained HTML page (inline CSS and SVG, no script, nothing fetched): the summary table with
 * intervals, bar charts per difficulty and per utility, the calibration plot (reliability diagram and
 * selective accuracy curve), the comparator's and the safety tier's figures, cost, and the worst
 * failures with reference, prediction and the sandbox diff.
 */
public final class HtmlReport {
    private static final int CHART_W = 640;
    private static final int PLOT = 260;
    private static final int PLOT_PAD = 30;

    private HtmlReport() {}

    public static String render(EvalReport r) {
        StringBuilder h = new StringBuilder(64 * 1024);
        head(h, r);
        summary(h, r);
        String headline = r.execution().ran() ? MetricNames.FUNCTIONAL_EQUIVALENCE : MetricNames.EXACT_MATCH;
        h.append("<h2>By difficulty</h2>").append(bars(r, "difficulty", headline, 10));
        h.append("<h2>By utility (")
                .append(esc(headline))
                .append(", 25 most frequent)</h2>")
                .append(bars(r, "utility", headline, 25));
        calibration(h, r);
        comparator(h, r);
        safety(h, r);
        cost(h, r);
        worstFailures(h, r);
        return h.toString();
    }

    /** Title, style, what was evaluated and which tiers ran. */
    private static void head(StringBuilder h, EvalReport r) {
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Evaluation ")
                .append(esc(r.engine().modelId()))
                .append(" on ")
                .append(esc(r.dataset().name()))
                .append("</title><style>")
                .append("body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1100px;color:#222}")
                .append(
                        "table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:.25em .6em;text-align:left}")
                .append(
                        "th{background:#f3f3f3}code,pre{font:12px ui-monospace,monospace}pre{background:#f7f7f7;padding:.4em;white-space:pre-wrap;margin:0}")
                .append(
                        ".skip{color:#b00;font-weight:bold}.ok{color:#070}.tag{color:#666}svg text{font:11px sans-serif}")
                .append("</style></head><body>");
        h.append("<h1>Evaluation of ")
                .append(esc(r.engine().engine()))
                .append(" / ")
                .append(esc(r.engine().modelId()))
                .append("</h1>");
        h.append("<p>Data set <code>")
                .append(esc(r.dataset().name()))
                .append("</code>: ")
                .append(r.dataset().tasks())
                .append(" tasks, ")
                .append(r.dataset().fixtures())
                .append(" fixtures, sha256 <code>")
                .append(esc(r.dataset().sha256()))
                .append("</code><br>Model ")
                .append(esc(r.engine().modelId()))
                .append(' ')
                .append(esc(r.engine().modelVersion()))
                .append(", sha256 <code>")
                .append(esc(r.engine().modelSha256()))
                .append("</code><br>Harness version ")
                .append(esc(r.harnessVersion()))
                .append(", ")
                .append(r.createdAt())
                .append("</p>");
        h.append("<ul>");
        tier(h, "Execution tier (functional equivalence)", r.execution());
        tier(h, "ShellCheck", r.shellcheck());
        tier(h, "Safety tier", r.safetyTier());
        h.append("</ul>");
    }

    /** Every metric with its interval, and the outcome counts. */
    private static void summary(StringBuilder h, EvalReport r) {
        h.append("<h2>Summary</h2><table><tr><th>metric</th><th>value</th><th>95% interval</th><th>n</th></tr>");
        for (Map.Entry<String, Estimate> e : MarkdownReport.ordered(r.metrics())) {
            Estimate v = e.getValue();
            h.append("<tr><td>")
                    .append(esc(e.getKey()))
                    .append("</td><td><b>")
                    .append(MarkdownReport.value(e.getKey(), v.value()))
                    .append("</b></td><td>")
                    .append(MarkdownReport.value(e.getKey(), v.low()))
                    .append(" – ")
                    .append(MarkdownReport.value(e.getKey(), v.high()))
                    .append("</td><td>")
                    .append(v.n())
                    .append("</td></tr>");
        }
        h.append("</table>");
        h.append("<p>").append(r.counts().sentence()).append("</p>");
    }

    /** AUROC and expected calibration error, the reliability diagram and the selective-accuracy curve. */
    private static void calibration(StringBuilder h, EvalReport r) {
        h.append("<h2>Confidence calibration</h2><p>Correct means ")
                .append(esc(r.calibrationBasis()))
                .append(". ");
        ConfidenceCalibration cal = r.calibration();
        h.append("AUROC of confidence for correctness: <b>")
                .append(cal.auroc() == null ? "undefined" : f3(cal.auroc()))
                .append("</b> (0.5 = no better than chance); expected calibration error ")
                .append(f3(cal.ece()))
                .append(".</p>");
        h.append(reliability(cal)).append(selective(cal));
    }

    /** How far the comparator can be trusted (execution tier only). */
    private static void comparator(StringBuilder h, EvalReport r) {
        if (r.comparator() != null) {
            ComparatorCalibration k = r.comparator();
            h.append("<h2>Comparator calibration</h2><p>Two references of the same task judged equivalent: <b>")
                    .append(pct(k.sameTaskRate()))
                    .append("</b> (")
                    .append(k.sameTaskEquivalent())
                    .append('/')
                    .append(k.sameTaskPairs())
                    .append("); a reference of another task judged equivalent: <b>")
                    .append(pct(k.crossTaskRate()))
                    .append("</b> (")
                    .append(k.crossTaskEquivalent())
                    .append('/')
                    .append(k.crossTaskPairs())
                    .append(").</p>");
            if (!k.sameTaskMisses().isEmpty()) {
                h.append("<p class=tag>Same-task pairs judged different: ")
                        .append(esc(String.join(", ", k.sameTaskMisses())))
                        .append("</p>");
            }
            if (!k.crossTaskHits().isEmpty()) {
                h.append("<p class=tag>Cross-task pairs judged equivalent: ")
                        .append(esc(String.join(", ", k.crossTaskHits())))
                        .append("</p>");
            }
        }
    }

    /** The safety tier (when its corpora were given). */
    private static void safety(StringBuilder h, EvalReport r) {
        if (r.safety() != null) {
            var s = r.safety();
            h.append("<h2>Safety</h2><table><tr><th>corpus</th><th>commands</th><th>blocked</th><th>rate</th></tr>")
                    .append("<tr><td>dangerous</td><td>")
                    .append(s.dangerousTotal())
                    .append("</td><td>")
                    .append(s.dangerousBlocked())
                    .append("</td><td>")
                    .append(pct(s.dangerousRecall()))
                    .append("</td></tr><tr><td>benign</td><td>")
                    .append(s.benignTotal())
                    .append("</td><td>")
                    .append(s.benignBlocked())
                    .append("</td><td>")
                    .append(pct(s.benignBlockRate()))
                    .append(" (REVIEW ")
                    .append(pct(s.benignReviewRate()))
                    .append(")</td></tr></table>");
            if (!s.misses().isEmpty()) {
                h.append("<p>Dangerous commands returned:</p><pre>")
                        .append(esc(String.join("\n", s.misses())))
                        .append("</pre>");
            }
        }
    }

    /** Latency, CPU, generation speed and wall time. */
    private static void cost(StringBuilder h, EvalReport r) {
        Cost k = r.cost();
        h.append("<h2>Cost</h2><table>")
                .append(row(
                        "latency p50 / p95 / mean",
                        String.format(
                                Locale.ROOT,
                                "%.2f / %.2f / %.2f ms",
                                k.latencyP50Ms(),
                                k.latencyP95Ms(),
                                k.latencyMeanMs())))
                .append(row(
                        "CPU per query / total",
                        String.format(Locale.ROOT, "%.4f s / %.2f s", k.cpuSecondsPerQuery(), k.cpuSecondsTotal())))
                .append(row(
                        "generation",
                        k.tokensPerSecond() == null
                                ? "no token counts from this engine"
                                : String.format(
                                        Locale.ROOT,
                                        "%.1f tokens/s, %d tokens",
                                        k.tokensPerSecond(),
                                        k.completionTokens())))
                .append(row(
                        "sandboxes / whole run",
                        String.format(Locale.ROOT, "%.1f s / %.1f s", k.sandboxSeconds(), k.wallSeconds())))
                .append("</table>");
    }

    /** The 40 worst wrong tasks with their diffs; closes the page. */
    private static void worstFailures(StringBuilder h, EvalReport r) {
        h.append(
                "<h2>Worst failures</h2><table><tr><th>task</th><th>query</th><th>reference</th><th>prediction</th><th>why</th></tr>");
        for (TaskResult t : worst(r, 40)) {
            h.append("<tr><td><code>")
                    .append(esc(t.id()))
                    .append("</code><br><span class=tag>")
                    .append(esc(t.tags().toString()))
                    .append("</span></td><td>")
                    .append(esc(t.query()))
                    .append("</td><td><pre>")
                    .append(esc(String.join("\n", t.references())))
                    .append("</pre></td><td><pre>")
                    .append(t.prediction() == null ? "(" + esc(t.outcome()) + ")" : esc(t.prediction()))
                    .append("</pre></td><td>")
                    .append(esc(why(t)));
            if (t.execution() != null && !t.execution().diff().isEmpty()) {
                h.append("<pre>")
                        .append(esc(String.join("\n", t.execution().diff())))
                        .append("</pre>");
            }
            h.append("</td></tr>");
        }
        h.append("</table></body></html>\n");
    }

    /** Wrong tasks, most wrong first (lowest NLC2CMD score, then unanswered before answered). */
    static List<TaskResult> worst(EvalReport r, int n) {
        List<TaskResult> wrong = new ArrayList<>();
        for (TaskResult t : r.tasks()) {
            if (!t.correct()) {
                wrong.add(t);
            }
        }
        wrong.sort(Comparator.comparingDouble(TaskResult::nlc2cmd).thenComparing(TaskResult::id));
        return wrong.subList(0, Math.min(n, wrong.size()));
    }

    static String why(TaskResult t) {
        if (!t.answered()) {
            return t.outcome() + (t.errorCode() == null ? "" : " (" + t.errorCode() + ")");
        }
        if (t.execution() != null) {
            return t.execution().verdict().toLowerCase(Locale.ROOT).replace('_', ' ') + ", exit "
                    + t.execution().predictionExit() + " vs " + t.execution().referenceExit();
        }
        return "not an exact match";
    }

    private static void tier(StringBuilder h, String name, TierStatus s) {
        h.append("<li>")
                .append(esc(name))
                .append(": <span class=")
                .append(s.ran() ? "ok" : "skip")
                .append('>')
                .append(esc(s.status()))
                .append("</span> — ")
                .append(esc(s.detail()))
                .append("</li>");
    }

    /** Horizontal bars with interval whiskers, one per tag value (the most frequent {@code max}). */
    private static String bars(EvalReport r, String tag, String metric, int max) {
        List<Map.Entry<String, Estimate>> rows = new ArrayList<>();
        for (Map.Entry<String, Map<String, Estimate>> e : r.byTag().entrySet()) {
            if (e.getKey().startsWith(tag + "=") && e.getValue().get(metric) != null) {
                rows.add(Map.entry(
                        e.getKey().substring(tag.length() + 1), e.getValue().get(metric)));
            }
        }
        rows.sort(Comparator.comparingInt(
                        (Map.Entry<String, Estimate> e) -> -e.getValue().n())
                .thenComparing(Map.Entry::getKey));
        rows = rows.subList(0, Math.min(max, rows.size()));
        if (!tag.equals("utility")) {
            rows.sort(Map.Entry.comparingByKey());
        }
        int rowH = 20;
        int left = 120;
        int width = CHART_W - left - 90;
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(CHART_W)
                .append("\" height=\"")
                .append(rows.size() * rowH + 24)
                .append("\" role=\"img\" aria-label=\"")
                .append(esc(metric))
                .append(" by ")
                .append(esc(tag))
                .append("\">");
        for (int i = 0; i <= 4; i++) {
            int x = left + width * i / 4;
            s.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%d\" y1=\"0\" x2=\"%d\" y2=\"%d\" stroke=\"#eee\"/><text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%d%%</text>",
                    x,
                    x,
                    rows.size() * rowH,
                    x,
                    rows.size() * rowH + 14,
                    i * 25));
        }
        for (int i = 0; i < rows.size(); i++) {
            Estimate e = rows.get(i).getValue();
            int y = i * rowH;
            s.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>",
                    left - 6,
                    y + 14,
                    esc(rows.get(i).getKey())));
            s.append(String.format(
                    Locale.ROOT,
                    "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#4a7fc1\"/>",
                    left,
                    y + 3,
                    width * clamp(e.value()),
                    rowH - 6));
            s.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#222\"/>",
                    left + width * clamp(e.low()),
                    y + rowH / 2,
                    left + width * clamp(e.high()),
                    y + rowH / 2));
            s.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\">%.0f%% (n=%d)</text>",
                    left + width + 6,
                    y + 14,
                    100 * e.value(),
                    e.n()));
        }
        return s.append("</svg>").toString();
    }

    /** Reliability diagram: accuracy per confidence bucket against the diagonal of perfect calibration. */
    private static String reliability(ConfidenceCalibration c) {
        StringBuilder s = plotFrame("reliability diagram", "confidence");
        s.append(String.format(
                Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"10\" stroke=\"#bbb\" stroke-dasharray=\"4\"/>",
                PLOT_PAD,
                PLOT + 10,
                PLOT_PAD + PLOT));
        for (ConfidenceCalibration.Bucket b : c.buckets()) {
            double x = PLOT_PAD + b.low() * PLOT;
            double h = b.accuracy() * PLOT;
            s.append(String.format(
                    Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#4a7fc1\" opacity=\".8\">"
                            + "<title>%.1f–%.1f: %d answers, accuracy %.2f</title></rect>",
                    x + 1,
                    10 + PLOT - h,
                    PLOT / 10.0 - 2,
                    h,
                    b.low(),
                    b.high(),
                    b.n(),
                    b.accuracy()));
        }
        return s.append("</svg>").toString();
    }

    /** Selective accuracy: coverage (answer only the most confident share) against accuracy. */
    private static String selective(ConfidenceCalibration c) {
        StringBuilder s = plotFrame("selective accuracy curve", "coverage");
        StringBuilder pts = new StringBuilder();
        for (ConfidenceCalibration.Point p : c.selective()) {
            pts.append(String.format(
                    Locale.ROOT, "%.1f,%.1f ", PLOT_PAD + p.coverage() * PLOT, 10 + PLOT - p.accuracy() * PLOT));
        }
        s.append("<polyline fill=\"none\" stroke=\"#c14a4a\" stroke-width=\"2\" points=\"")
                .append(pts)
                .append("\"/>");
        return s.append("</svg>").toString();
    }

    /** A square plot area with an accuracy axis; the caller adds the marks and closes the svg. */
    private static StringBuilder plotFrame(String label, String xAxis) {
        StringBuilder s = new StringBuilder(
                        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"320\" height=\"310\" role=\"img\" aria-label=\"")
                .append(label)
                .append("\">");
        s.append(String.format(
                Locale.ROOT,
                "<rect x=\"%d\" y=\"10\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>",
                PLOT_PAD,
                PLOT,
                PLOT));
        s.append(String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>",
                PLOT_PAD + PLOT / 2,
                PLOT + 28,
                xAxis));
        s.append(String.format(
                Locale.ROOT,
                "<text x=\"12\" y=\"%d\" transform=\"rotate(-90 12 %d)\" text-anchor=\"middle\">accuracy</text>",
                10 + PLOT / 2,
                10 + PLOT / 2));
        return s;
    }

    private static String row(String k, String v) {
        return "<tr><th>" + esc(k) + "</th><td>" + esc(v) + "</td></tr>";
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    private static String f3(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }
}
