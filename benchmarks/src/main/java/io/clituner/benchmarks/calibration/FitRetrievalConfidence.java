package io.clituner.benchmarks.calibration;

import io.clituner.benchmarks.eval.Evaluator;
import io.clituner.benchmarks.eval.report.EvalReport;
import io.clituner.benchmarks.eval.report.TaskResult;
import io.clituner.benchmarks.eval.sandbox.BubblewrapSandbox;
import io.clituner.benchmarks.eval.set.EvalSet;
import io.clituner.benchmarks.eval.set.EvalSets;
import io.clituner.core.NormalizedRequest;
import io.clituner.core.RawModelOutput;
import io.clituner.core.engine.EngineSettings;
import io.clituner.core.engine.InferenceEngine;
import io.clituner.core.engine.InferenceEngines;
import io.clituner.core.engine.ModelIdentity;
import io.clituner.core.engine.Prompt;
import io.clituner.core.hash.Digests;
import io.clituner.inference.djl.calibration.AnswerFeatures;
import io.clituner.inference.djl.calibration.ConfidenceModel;
import io.clituner.inference.djl.calibration.PlattFit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fits the retrieval engine's {@link ConfidenceModel} on an evaluation set without fitting to the test:
 * the tasks are split by the parity of the first byte of SHA-256(task id); the model (Platt weights and
 * the NO_SUGGESTION threshold) is fitted on the even half and every figure printed for the odd half is
 * held out. The engine runs with no threshold, so every task it can answer is labelled by execution.
 *
 * <pre>java -cp "benchmarks/target/classes:benchmarks/target/lib/*" io.clituner.benchmarks.calibration.FitRetrievalConfidence \
 *     benchmarks/eval/clituner-eval-v1.jsonl inference-djl/src/main/resources/io/clituner/inference/djl/calibration/confidence.properties</pre>
 */
public final class FitRetrievalConfidence {
    /**
     * The engine refuses (NO_SUGGESTION) only answers whose calibrated confidence is below 0.5%. A refusal is
     * always wrong where an answer is scored (an evaluation, a user who then types the command), so it is
     * kept for answers that are almost never right. The earlier rule (refuse up to the fit half's first
     * right answer, confidence 0.02–0.03) refused a third of all requests, 8% of them right when held out.
     * At 1% the 2026-12-02 model (clituner-eval-v1, after the lexical re-ranking) refused its lowest isotonic
     * block, calibrated to 0.98%: 50 answers, none right by execution, 33 with the right program; a host that
     * prefers those refused sets the engine's confidenceThreshold option.
     */
    static final double REFUSE_BELOW = 0.005;

    static final double L2 = 1.0;

    private FitRetrievalConfidence() {}

    /** Records the engine's answer features per request text. */
    static final class FeatureRecorder implements InferenceEngine {
        final InferenceEngine engine;
        final Map<String, AnswerFeatures> features = new ConcurrentHashMap<>();

        FeatureRecorder(InferenceEngine engine) {
            this.engine = engine;
        }

        @Override
        public ModelIdentity model() {
            return engine.model();
        }

        @Override
        public RawModelOutput generate(Prompt prompt, NormalizedRequest request) {
            RawModelOutput out = engine.generate(prompt, request);
            String csv = out.details().get("features");
            if (csv != null) {
                features.put(request.text(), AnswerFeatures.fromCsv(csv));
            }
            return out;
        }

        @Override
        public boolean usesFewShotExamples() {
            return false;
        }

        @Override
        public void close() {
            engine.close();
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: FitRetrievalConfidence SET.jsonl [OUT.properties]");
            System.exit(2);
        }
        EvalSet set = EvalSets.load(Path.of(args[0]));
        EvalReport report;
        Map<String, AnswerFeatures> features;
        try (FeatureRecorder engine = new FeatureRecorder(InferenceEngines.open(
                EngineSettings.builder().option("confidenceThreshold", 0.0).build()))) {
            report = Evaluator.builder(set, engine)
                    .shellcheck(false)
                    .sandbox(BubblewrapSandbox.create())
                    .build()
                    .run();
            features = engine.features;
        }
        List<PlattFit.Sample> fit = new ArrayList<>();
        List<PlattFit.Sample> held = new ArrayList<>();
        int heldTasks = 0;
        for (TaskResult t : report.tasks()) {
            boolean isFit = inFitHalf(t.id());
            heldTasks += isFit ? 0 : 1;
            AnswerFeatures f = t.answered() ? features.get(t.query()) : null;
            if (f != null) {
                (isFit ? fit : held).add(new PlattFit.Sample(f, t.correct()));
            }
        }
        ConfidenceModel model = PlattFit.fit(
                        fit,
                        0.0,
                        L2,
                        set.name() + " even half (" + fit.size() + " answers), "
                                + report.dataset().sha256().substring(0, 12))
                .withThreshold(REFUSE_BELOW);
        System.out.println(model);
        print("fit", fit, model, -1);
        print("held-out", held, model, heldTasks);
        if (args.length > 1) {
            Files.writeString(Path.of(args[1]), model.write());
            System.out.println("written " + args[1]);
        }
    }

    /** The fixed split: even first hex digit pair of SHA-256(task id) fits, odd is held out. */
    public static boolean inFitHalf(String taskId) {
        return Integer.parseInt(Digests.sha256Hex(taskId).substring(0, 2), 16) % 2 == 0;
    }

    private static void print(String name, List<PlattFit.Sample> samples, ConfidenceModel model, int tasks) {
        List<double[]> scored = new ArrayList<>();
        int keptRight = 0;
        int kept = 0;
        int right = 0;
        for (PlattFit.Sample s : samples) {
            double c = model.confidence(s.features());
            scored.add(new double[] {c, s.correct() ? 1 : 0});
            right += s.correct() ? 1 : 0;
            if (c >= model.threshold()) {
                kept++;
                keptRight += s.correct() ? 1 : 0;
            }
        }
        System.out.printf(
                Locale.ROOT,
                "%s: %d answers, %d right; AUROC %.3f; kept at threshold %.3f: %d (%d right, precision %.3f); "
                        + "refused: %d (%d right, precision %.3f)%s%n",
                name,
                samples.size(),
                right,
                PlattFit.auroc(scored),
                model.threshold(),
                kept,
                keptRight,
                kept == 0 ? 0.0 : (double) keptRight / kept,
                samples.size() - kept,
                right - keptRight,
                samples.size() == kept ? 0.0 : (double) (right - keptRight) / (samples.size() - kept),
                tasks > 0
                        ? String.format(
                                Locale.ROOT,
                                "; functional equivalence over its %d tasks %.1f%%",
                                tasks,
                                100.0 * keptRight / tasks)
                        : "");
        for (PlattFit.Bucket b : PlattFit.buckets(scored, 0.1)) {
            if (b.count() > 0) {
                System.out.printf(
                        Locale.ROOT,
                        "  [%.1f, %.1f): n=%d mean confidence %.3f accuracy %.3f%s%n",
                        b.low(),
                        b.high(),
                        b.count(),
                        b.meanConfidence(),
                        b.accuracy(),
                        b.count() >= 30 && Math.abs(b.accuracy() - b.meanConfidence()) > 0.10
                                ? "  (off by > 10 points)"
                                : "");
            }
        }
    }
}
