package io.clituner.examples.cli;

import io.clituner.core.RiskLevel;
import io.clituner.core.SafetyLevel;
import io.clituner.core.analysis.CommandAnalyzer;
import io.clituner.inference.djl.bank.ExampleBank;
import io.clituner.inference.djl.drift.DriftDetector;
import io.clituner.inference.djl.drift.DriftReport;
import io.clituner.inference.djl.drift.DriftThresholds;
import io.clituner.inference.djl.drift.Observation;
import io.clituner.inference.djl.embedding.EmbeddingModel;
import io.clituner.inference.djl.retrieval.ExampleRetriever;
import io.clituner.inference.djl.retrieval.RetrievalEngine;
import io.clituner.inference.djl.retrieval.RetrievedExample;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code clituner drift --reference F --current F [--json]}: compares two query logs (one request
 * per line). Input drift: MMD² on MiniLM embeddings with a permutation p-value. Output drift: PSI
 * over the programs and risk levels of what the default retrieval engine would answer (risk only
 * when a guardrail is on the class path). Below {@code --min-sample} queries on either side the
 * numbers are shown but the verdict is "insufficient data", never an alert. Exit code 0: no drift
 * (or insufficient data), 1: drift, 2: bad input.
 */
@Command(
        name = "drift",
        mixinStandardHelpOptions = true,
        description = "Compare a current query log with a reference one and report input/output drift.",
        footer = {
            "",
            "Exit codes: 0 no drift or insufficient data, 1 drift found, 2 bad input (missing file, bad option)."
        })
public final class DriftCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--reference",
            required = true,
            paramLabel = "FILE",
            description = "reference queries, one per line")
    Path reference;

    @Option(names = "--current", required = true, paramLabel = "FILE", description = "current queries, one per line")
    Path current;

    @Option(names = "--json", description = "print the report as JSON")
    boolean json;

    @Option(
            names = "--permutations",
            defaultValue = "500",
            description = "permutations of the MMD test (default: ${DEFAULT-VALUE})")
    int permutations;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "seed of the permutation test (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(
            names = "--min-sample",
            defaultValue = "30",
            paramLabel = "N",
            description =
                    "fewest queries per file for a verdict; below it the report says insufficient data (default: ${DEFAULT-VALUE})")
    int minSample;

    @Override
    public Integer call() {
        List<String> ref;
        List<String> cur;
        try {
            ref = readQueries(reference);
            cur = readQueries(current);
        } catch (NoSuchFileException e) {
            spec.commandLine().getErr().println("error: no such query file: " + e.getFile());
            return 2;
        } catch (IOException e) {
            spec.commandLine().getErr().println("error: cannot read query file: " + e);
            return 2;
        }
        if (ref.size() < 2 || cur.size() < 2) {
            spec.commandLine()
                    .getErr()
                    .println("error: each file needs at least 2 non-empty lines (reference: " + ref.size()
                            + ", current: " + cur.size() + ")");
            return 2;
        }
        if (permutations < 1 || minSample < 2) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--permutations must be at least 1 and --min-sample at least 2");
        }
        DriftThresholds defaults = DriftThresholds.defaults();
        DriftThresholds thresholds = new DriftThresholds(
                defaults.mmdPValue(), defaults.psiWarn(), defaults.psiAlert(), permutations, defaults.topPrograms());
        CommandAnalyzer analyzer = firstAnalyzer();
        DriftReport report;
        try (EmbeddingModel model = EmbeddingModel.open();
                ExampleRetriever retriever = ExampleRetriever.open(model, ExampleBank.builtIn())) {
            try (Progress progress =
                    Progress.start(spec.commandLine().getErr(), "drift: embedding queries", ref.size() + cur.size())) {
                List<Observation> r = observe(ref, retriever, analyzer, progress, 0);
                List<Observation> c = observe(cur, retriever, analyzer, progress, ref.size());
                report = new DriftDetector(model, thresholds, seed).compare(r, c);
            }
        }
        boolean insufficient = ref.size() < minSample || cur.size() < minSample;
        String insufficientText = "insufficient data: " + ref.size() + " reference and " + cur.size()
                + " current queries, at least " + minSample + " each are needed for a verdict (--min-sample)";
        print(report, insufficient, insufficientText);
        return !insufficient && report.drifted() ? 1 : 0;
    }

    /** The report as JSON ({@code --json}) or text; below {@code --min-sample} its verdict is INSUFFICIENT_DATA. */
    private void print(DriftReport report, boolean insufficient, String insufficientText) {
        if (json) {
            Map<String, Object> doc = toMap(report);
            if (insufficient) {
                doc.put("severity", "INSUFFICIENT_DATA");
                doc.put("drifted", false);
                doc.put("reasons", List.of(insufficientText));
            }
            spec.commandLine().getOut().println(Json.write(doc));
        } else if (insufficient) {
            var out = spec.commandLine().getOut();
            out.printf(
                    Locale.ROOT,
                    "reference: %d queries, current: %d queries%n",
                    report.referenceSize(),
                    report.currentSize());
            out.printf(
                    Locale.ROOT,
                    "input  MMD²=%.5f  p=%.4f  (not conclusive)%n",
                    report.mmd().mmd2(),
                    report.mmd().pValue());
            out.println("drift: INSUFFICIENT_DATA — " + insufficientText);
        } else {
            var out = spec.commandLine().getOut();
            out.printf(
                    Locale.ROOT,
                    "reference: %d queries, current: %d queries%n",
                    report.referenceSize(),
                    report.currentSize());
            out.printf(
                    Locale.ROOT,
                    "input  MMD²=%.5f  p=%.4f  (σ=%.3f, %d permutations)%n",
                    report.mmd().mmd2(),
                    report.mmd().pValue(),
                    report.mmd().bandwidth(),
                    report.mmd().permutations());
            out.printf(
                    Locale.ROOT,
                    "output PSI programs=%s  PSI risk=%s%n",
                    fmt(report.psiPrograms()),
                    fmt(report.psiRisk()));
            out.println("drift: " + report.severity()
                    + (report.reasons().isEmpty() ? "" : " — " + String.join("; ", report.reasons())));
        }
    }

    /** What the zero-configuration engine would answer; below its threshold there is no command. */
    private static List<Observation> observe(
            List<String> queries,
            ExampleRetriever retriever,
            @Nullable CommandAnalyzer analyzer,
            Progress progress,
            int doneBefore) {
        List<Observation> out = new ArrayList<>(queries.size());
        for (String q : queries) {
            progress.update(doneBefore + out.size() + 1);
            RetrievedExample best = retriever.nearest(q, 1).get(0);
            if (best.similarity() < RetrievalEngine.DEFAULT_MIN_SIMILARITY) {
                out.add(Observation.query(q));
                continue;
            }
            String command = best.example().command();
            @Nullable
            RiskLevel risk = analyzer == null
                    ? null
                    : analyzer.analyze(command, SafetyLevel.STRICT).risk();
            out.add(new Observation(q, risk, command));
        }
        return out;
    }

    private static @Nullable CommandAnalyzer firstAnalyzer() {
        Iterator<CommandAnalyzer> it = ServiceLoader.load(CommandAnalyzer.class).iterator();
        return it.hasNext() ? it.next() : null;
    }

    static List<String> readQueries(Path file) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String q = line.strip();
            if (!q.isEmpty() && !q.startsWith("#")) {
                out.add(q);
            }
        }
        return out;
    }

    private static Map<String, Object> toMap(DriftReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("referenceSize", r.referenceSize());
        m.put("currentSize", r.currentSize());
        m.put("mmd2", r.mmd().mmd2());
        m.put("mmdPValue", r.mmd().pValue());
        m.put("bandwidth", r.mmd().bandwidth());
        m.put("permutations", r.mmd().permutations());
        m.put("psiPrograms", Double.isNaN(r.psiPrograms()) ? null : r.psiPrograms());
        m.put("psiRisk", Double.isNaN(r.psiRisk()) ? null : r.psiRisk());
        m.put("severity", r.severity().name());
        m.put("drifted", r.drifted());
        m.put("reasons", r.reasons());
        return m;
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
    }
}
