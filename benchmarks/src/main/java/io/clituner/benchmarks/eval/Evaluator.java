package io.clituner.benchmarks.eval;

import io.clituner.benchmarks.eval.metrics.Bleu;
import io.clituner.benchmarks.eval.metrics.CommandShape;
import io.clituner.benchmarks.eval.metrics.ShellCheck;
import io.clituner.benchmarks.eval.metrics.ShellTokens;
import io.clituner.benchmarks.eval.report.ComparatorCalibration;
import io.clituner.benchmarks.eval.report.DatasetInfo;
import io.clituner.benchmarks.eval.report.EngineInfo;
import io.clituner.benchmarks.eval.report.EvalReport;
import io.clituner.benchmarks.eval.report.TaskExecution;
import io.clituner.benchmarks.eval.report.TaskResult;
import io.clituner.benchmarks.eval.report.TierStatus;
import io.clituner.benchmarks.eval.safety.SafetyReport;
import io.clituner.benchmarks.eval.safety.SafetyTier;
import io.clituner.benchmarks.eval.sandbox.Sandbox;
import io.clituner.benchmarks.eval.sandbox.SandboxStatus;
import io.clituner.benchmarks.eval.set.EvalSet;
import io.clituner.benchmarks.eval.set.EvalTask;
import io.clituner.core.CommandResponse;
import io.clituner.core.RawModelOutput;
import io.clituner.core.SafetyLevel;
import io.clituner.core.analysis.OutputValidator;
import io.clituner.core.engine.FewShotSource;
import io.clituner.core.engine.InferenceEngine;
import io.clituner.core.engine.ModelIdentity;
import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.CommandBlockedException;
import io.clituner.core.error.ConfigurationException;
import io.clituner.core.error.ErrorCode;
import io.clituner.core.error.InvalidRequestException;
import io.clituner.core.error.NoSuggestionException;
import io.clituner.core.error.OutputRejectedException;
import io.clituner.core.ingress.CommandRequest;
import io.clituner.core.pipeline.Pipeline;
import io.clituner.guardrails.extract.CommandExtractor;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Runs an engine through the full pipeline over an evaluation set and measures it: lexical metrics,
 * functional equivalence by execution in a sandbox, confidence calibration, the safety tier and the
 * cost. One run at a time per instance; the caller owns (and closes) the engine.
 *
 * <pre>{@code
 * try (InferenceEngine engine = InferenceEngines.open(EngineSettings.defaults())) {
 *     EvalReport report = Evaluator.builder(EvalSets.load(Path.of("benchmarks/eval/clituner-eval-v1.jsonl")), engine)
 *             .sandbox(BubblewrapSandbox.create())
 *             .safetyCorpora(dangerous, benign)
 *             .build().run();
 * }
 * }</pre>
 */
public final class Evaluator {
    /** Bumped when a metric's definition changes, so reports of different versions are not compared blindly. */
    public static final String HARNESS_VERSION = "1";

    private final EvalSet set;
    private final InferenceEngine engine;
    private final @Nullable FewShotSource fewShot;
    private final int fewShotK;
    private final SafetyLevel safetyLevel;
    private final @Nullable OutputValidator validator;
    private final @Nullable Sandbox sandbox;
    private final String noSandboxReason;
    private final boolean shellcheck;
    private final int executionThreads;
    private final @Nullable Path dangerous;
    private final @Nullable Path benign;
    private final EvalProgress progress;
    private final Clock clock;
    private final CommandExtractor extractor = new CommandExtractor(1, 100_000);

    private Evaluator(Builder b) {
        this.set = b.set;
        this.engine = b.engine;
        this.fewShot = b.fewShot;
        this.fewShotK = b.fewShotK;
        this.safetyLevel = b.safetyLevel;
        this.validator = b.validator;
        this.sandbox = b.sandbox;
        this.noSandboxReason = b.noSandboxReason;
        this.shellcheck = b.shellcheck;
        this.executionThreads = b.executionThreads;
        this.dangerous = b.dangerous;
        this.benign = b.benign;
        this.progress = b.progress;
        this.clock = b.clock;
    }

    public static Builder builder(EvalSet set, InferenceEngine engine) {
        return new Builder(set, engine);
    }

    public EvalReport run() {
        long wallStart = System.nanoTime();
        TierStatus execution = executionStatus();
        if (!execution.ran()) {
            progress.warn(
                    "EXECUTION TIER SKIPPED: " + execution.detail() + " — functional equivalence is NOT measured");
        }
        List<EvalTask> tasks = set.tasks();
        // 1. every query through the pipeline, alone, so that latency and CPU are the engine's and not the sandboxes'
        List<Answer> answers = askAll(tasks);
        // 2. the execution tier, several tasks at a time: a sandbox mostly waits on namespace set-up
        ExecutionTier.TaskOutcome[] executed = new ExecutionTier.TaskOutcome[tasks.size()];
        double sandboxSeconds = 0;
        if (execution.ran() && sandbox != null) {
            long t = System.nanoTime();
            executed = new ExecutionTier(set, sandbox, executionThreads, progress, clock)
                    .run(answers.stream().map(Answer::response).toList());
            sandboxSeconds = (System.nanoTime() - t) / 1e9;
        }
        List<TaskResult> results = new ArrayList<>(tasks.size());
        for (int i = 0; i < tasks.size(); i++) {
            ExecutionTier.TaskOutcome o = executed[i];
            results.add(score(tasks.get(i), answers.get(i), o == null ? null : o.execution()));
        }
        TierStatus shellcheckTier = TierStatus.skipped("disabled by the caller");
        if (shellcheck) {
            Optional<ShellCheck> sc = ShellCheck.find();
            if (sc.isPresent()) {
                results = withShellcheck(results, sc.get());
                shellcheckTier = TierStatus.ran("ShellCheck " + sc.get().version());
            } else {
                shellcheckTier =
                        TierStatus.skipped("shellcheck not found on PATH (install the Debian package shellcheck)");
                progress.warn("ShellCheck tier skipped: " + shellcheckTier.detail());
            }
        }
        @Nullable SafetyReport safety = null;
        TierStatus safetyTier = TierStatus.skipped("no safety corpora given");
        if (dangerous != null && benign != null) {
            progress.update("safety", 0, 1);
            safety = SafetyTier.run(dangerous, benign, validator, safetyLevel);
            progress.update("safety", 1, 1);
            safetyTier = TierStatus.ran(safety.dangerousTotal() + " dangerous and " + safety.benignTotal()
                    + " benign commands, policy " + safety.policyVersion());
        }
        @Nullable
        ComparatorCalibration comparatorCalibration =
                execution.ran() ? ExecutionTier.calibration(tasks, executed) : null;
        ModelIdentity m = engine.model();
        return Scoring.report(
                HARNESS_VERSION,
                clock.instant(),
                new EngineInfo(m.engine(), m.id(), m.version(), m.sha256()),
                new DatasetInfo(
                        set.name(),
                        set.sha256(),
                        set.tasks().size(),
                        set.fixtures().size()),
                execution,
                shellcheckTier,
                safetyTier,
                results,
                comparatorCalibration,
                safety,
                sandboxSeconds,
                (System.nanoTime() - wallStart) / 1e9);
    }

    /** Each task's query through a pipeline like production's (no response cache: every answer is the engine's). */
    private List<Answer> askAll(List<EvalTask> tasks) {
        RecordingEngine recorder = new RecordingEngine(engine);
        Pipeline.Builder pb = Pipeline.builder().engine(recorder).noCache();
        if (fewShot != null) {
            pb.fewShot(fewShot, fewShotK);
        }
        if (validator != null) {
            pb.outputValidator(validator);
        }
        List<Answer> answers = new ArrayList<>(tasks.size());
        try (Pipeline pipeline = pb.build()) {
            for (int i = 0; i < tasks.size(); i++) {
                answers.add(ask(pipeline, recorder, tasks.get(i)));
                progress.update("queries", i + 1, tasks.size());
            }
        }
        return answers;
    }

    private TierStatus executionStatus() {
        if (sandbox == null) {
            return TierStatus.skipped(noSandboxReason);
        }
        if (set.fixtures().isEmpty()) {
            return TierStatus.skipped(
                    "the set has no fixtures (a pair corpus): lexical metrics only, nothing is executed");
        }
        SandboxStatus s = sandbox.status();
        return s.available() ? TierStatus.ran(s.detail()) : TierStatus.skipped(s.detail());
    }

    /** What the pipeline said to one task's query, with what it cost. */
    record Answer(
            String outcome,
            @Nullable String errorCode,
            @Nullable CommandResponse response,
            @Nullable RawModelOutput raw,
            double latencyMs,
            double inferenceMs,
            double cpuMs) {}

    private Answer ask(Pipeline pipeline, RecordingEngine recorder, EvalTask task) {
        recorder.reset();
        CommandRequest request = new CommandRequest(task.query(), "bash", safetyLevel, null);
        long cpu = processCpuNanos();
        long t = System.nanoTime();
        String outcome;
        @Nullable String code = null;
        @Nullable CommandResponse response = null;
        try {
            response = pipeline.translate(request);
            outcome = "ANSWERED";
        } catch (CommandBlockedException e) {
            outcome = "BLOCKED";
            code = e.code().name();
        } catch (NoSuggestionException e) {
            outcome = "NO_SUGGESTION";
            code = e.code().name();
        } catch (OutputRejectedException e) {
            outcome = "REJECTED_OUTPUT";
            code = e.code().name();
        } catch (InvalidRequestException e) {
            outcome = "REJECTED_INGRESS";
            code = e.code().name();
        } catch (CliTunerException e) {
            outcome = "FAILED";
            code = e.code().name();
        }
        double latency = (System.nanoTime() - t) / 1e6;
        double cpuMs = (processCpuNanos() - cpu) / 1e6;
        return new Answer(outcome, code, response, recorder.last(), latency, recorder.lastNanos() / 1e6, cpuMs);
    }

    private TaskResult score(EvalTask task, Answer a, @Nullable TaskExecution exec) {
        RawModelOutput raw = a.raw();
        Boolean commandOnly = raw == null ? null : commandOnly(raw.text());
        int tokens = raw == null ? 0 : raw.completionTokens();
        String rawText = raw == null ? null : raw.text();
        CommandResponse response = a.response();
        if (response == null) {
            return new TaskResult(
                    task.id(),
                    task.query(),
                    task.fixture(),
                    task.tags(),
                    task.references(),
                    a.outcome(),
                    a.errorCode(),
                    null,
                    rawText,
                    null,
                    null,
                    false,
                    false,
                    0,
                    0,
                    null,
                    null,
                    commandOnly,
                    exec,
                    a.latencyMs(),
                    a.inferenceMs(),
                    a.cpuMs(),
                    tokens);
        }
        String cmd = response.command();
        String norm = ShellTokens.normalise(cmd);
        CommandShape shape = CommandShape.of(cmd);
        boolean exact = false;
        boolean firstUtility = false;
        double nlc2cmd = -1;
        List<List<String>> refTokens = new ArrayList<>();
        for (String r : task.references()) {
            exact |= ShellTokens.normalise(r).equals(norm);
            CommandShape rs = CommandShape.of(r);
            firstUtility |= shape.firstUtility() != null && shape.firstUtility().equals(rs.firstUtility());
            nlc2cmd = Math.max(nlc2cmd, shape.nlc2cmdScore(rs));
            refTokens.add(ShellTokens.tokenize(r));
        }
        double bleu = Bleu.score(ShellTokens.tokenize(cmd), refTokens);
        return new TaskResult(
                task.id(),
                task.query(),
                task.fixture(),
                task.tags(),
                task.references(),
                a.outcome(),
                null,
                cmd,
                rawText,
                response.risk().name(),
                response.confidence(),
                exact,
                firstUtility,
                nlc2cmd,
                bleu,
                shape.parses(),
                null,
                commandOnly,
                exec,
                a.latencyMs(),
                a.inferenceMs(),
                a.cpuMs(),
                tokens);
    }

    /** Raw output that is exactly one bare command: nothing for the extractor to strip (fences, prompts, prose). */
    private boolean commandOnly(String raw) {
        try {
            return extractor.extract(raw).equals(raw.strip());
        } catch (CliTunerException e) {
            return false;
        }
    }

    private static List<TaskResult> withShellcheck(List<TaskResult> results, ShellCheck sc) {
        List<String> commands = new ArrayList<>();
        for (TaskResult r : results) {
            if (r.answered()) {
                commands.add(r.prediction());
            }
        }
        List<Boolean> valid = sc.valid(commands);
        List<TaskResult> out = new ArrayList<>(results.size());
        int k = 0;
        for (TaskResult r : results) {
            out.add(r.answered() ? r.withShellcheck(valid.get(k++)) : r);
        }
        return out;
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    /** Settings of a run; only the set and the engine are required. */
    public static final class Builder {
        private final EvalSet set;
        private final InferenceEngine engine;
        private @Nullable FewShotSource fewShot;
        private int fewShotK;
        private SafetyLevel safetyLevel = SafetyLevel.STRICT;
        private @Nullable OutputValidator validator;
        private @Nullable Sandbox sandbox;
        private String noSandboxReason = "no sandbox configured (Evaluator.Builder.sandbox)";
        private boolean shellcheck = true;
        private int executionThreads = 4;
        private @Nullable Path dangerous;
        private @Nullable Path benign;
        private EvalProgress progress = EvalProgress.NONE;
        private Clock clock = Clock.systemUTC();

        private Builder(EvalSet set, InferenceEngine engine) {
            if (set == null || engine == null) {
                throw new ConfigurationException(ErrorCode.CONFIGURATION, "an evaluation needs a set and an engine");
            }
            this.set = set;
            this.engine = engine;
        }

        /** Few-shot examples in the prompt of generative engines (as {@code clituner translate --model} does). */
        public Builder fewShot(FewShotSource source, int k) {
            this.fewShot = source;
            this.fewShotK = k;
            return this;
        }

        public Builder safetyLevel(SafetyLevel level) {
            this.safetyLevel = Objects.requireNonNull(level, "level");
            return this;
        }

        /** The pipeline's validator (default: the one ServiceLoader finds, as in production). */
        public Builder outputValidator(OutputValidator validator) {
            this.validator = validator;
            return this;
        }

        /** Turns the execution tier on; an unavailable sandbox makes it SKIPPED, never passed. */
        public Builder sandbox(Sandbox sandbox) {
            this.sandbox = Objects.requireNonNull(sandbox, "sandbox");
            return this;
        }

        /** Turns the execution tier off, saying why (reported as skipped). */
        public Builder noExecution(String reason) {
            this.sandbox = null;
            this.noSandboxReason = Objects.requireNonNull(reason, "reason");
            return this;
        }

        /**
         * Tasks executed at a time (default 4): a sandbox spends most of its ~30 ms waiting for the
         * kernel to set up and tear down namespaces, so this pays even on two cores.
         */
        public Builder executionThreads(int threads) {
            if (threads < 1 || threads > 64) {
                throw new ConfigurationException(
                        ErrorCode.CONFIGURATION, "execution threads must be 1..64, got " + threads);
            }
            this.executionThreads = threads;
            return this;
        }

        public Builder shellcheck(boolean use) {
            this.shellcheck = use;
            return this;
        }

        /** The safety tier: files of dangerous and benign commands, one per line. */
        public Builder safetyCorpora(Path dangerous, Path benign) {
            this.dangerous = Objects.requireNonNull(dangerous, "dangerous");
            this.benign = Objects.requireNonNull(benign, "benign");
            return this;
        }

        public Builder progress(EvalProgress progress) {
            this.progress = Objects.requireNonNull(progress, "progress");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Evaluator build() {
            return new Evaluator(this);
        }
    }
}
