package io.clituner.examples.cli;

import io.clituner.benchmarks.eval.Evaluator;
import io.clituner.benchmarks.eval.ProgressBar;
import io.clituner.benchmarks.eval.report.EvalReport;
import io.clituner.benchmarks.eval.report.HtmlReport;
import io.clituner.benchmarks.eval.report.MarkdownReport;
import io.clituner.benchmarks.eval.report.RegressionGate;
import io.clituner.benchmarks.eval.report.Reports;
import io.clituner.benchmarks.eval.sandbox.BubblewrapSandbox;
import io.clituner.benchmarks.eval.set.EvalSet;
import io.clituner.benchmarks.eval.set.EvalSets;
import io.clituner.core.SafetyLevel;
import io.clituner.core.SignedEnvelope;
import io.clituner.core.engine.EngineSettings;
import io.clituner.core.engine.InferenceEngine;
import io.clituner.core.engine.InferenceEngines;
import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import io.clituner.inference.djl.retrieval.EmbeddingFewShotSource;
import io.clituner.provenance.crypto.FileKeyProvider;
import io.clituner.provenance.dsse.Dsse;
import io.clituner.provenance.evaluation.EvaluationSigning;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code clituner eval --set FILE [--model F.gguf | --engine NAME] [--json] [--out DIR] [--baseline REPORT]}:
 * an engine through the full pipeline over an evaluation set, measured by execution in sandboxes.
 * Exit 0 done (and gate passed), 1 the regression gate failed, 4 the execution tier was required but
 * skipped.
 */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        description =
                "Evaluate an engine on an evaluation set: functional equivalence by execution (bubblewrap), lexical metrics, "
                        + "calibration, safety, cost; JSON/HTML/Markdown reports, a regression gate and a signed evaluation record.")
public final class EvalCommand implements Callable<Integer> {
    static final int EXIT_REGRESSION = 1;
    static final int EXIT_NO_EXECUTION = 4;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--set",
            required = true,
            paramLabel = "FILE.jsonl",
            description =
                    "the evaluation set (JSONL, fixtures in fixtures/ beside it), or a pair corpus (request TAB command, .tsv: lexical metrics only)")
    Path set;

    @Option(
            names = "--model",
            paramLabel = "FILE.gguf",
            description = "evaluate this GGUF model (default: the embedded retrieval engine)")
    Path model;

    @Option(
            names = "--engine",
            paramLabel = "NAME",
            description = "an InferenceEngine provider by name (ServiceLoader)")
    String engineName;

    @Option(
            names = "--few-shot",
            defaultValue = "3",
            description = "bank examples in a generative engine's prompt (default: ${DEFAULT-VALUE})")
    int fewShot;

    @Mixin
    EngineOptionsMixin engineOptions;

    @Option(names = "--safety", defaultValue = "STRICT", description = "STRICT or MODERATE (default: ${DEFAULT-VALUE})")
    SafetyLevel safety;

    @Option(names = "--limit", paramLabel = "N", description = "only the first N tasks (a different data set digest)")
    Integer limit;

    @Option(names = "--no-exec", description = "skip the execution tier (reported as skipped)")
    boolean noExec;

    @Option(names = "--require-exec", description = "exit 4 when the execution tier could not run (for CI)")
    boolean requireExec;

    @Option(names = "--no-shellcheck", description = "skip ShellCheck even when installed")
    boolean noShellcheck;

    @Option(
            names = "--dangerous",
            paramLabel = "F",
            description =
                    "dangerous corpus for the safety tier (default: <shared>/corpora/dangerous-dev.txt when present)")
    Path dangerous;

    @Option(
            names = "--benign",
            paramLabel = "F",
            description = "benign corpus for the safety tier (default: <shared>/corpora/benign-dev.txt when present)")
    Path benign;

    @Option(names = "--no-safety", description = "skip the safety tier (then no record can be signed)")
    boolean noSafety;

    @Option(names = "--json", description = "print the whole report as JSON on stdout")
    boolean json;

    @Option(names = "--out", paramLabel = "DIR", description = "write report.json, report.html and report.md into DIR")
    Path out;

    @Option(
            names = "--baseline",
            paramLabel = "REPORT.json",
            description = "compare with this earlier report; exit 1 when a metric dropped")
    Path baseline;

    @Option(
            names = "--max-drop",
            defaultValue = "5",
            paramLabel = "POINTS",
            description =
                    "largest allowed drop of a metric against the baseline, in points (default: ${DEFAULT-VALUE})")
    double maxDrop;

    @Option(
            names = "--sign-key",
            paramLabel = "DIR/NAME",
            description = "sign an evaluation record with this key (needs the safety tier)")
    Path signKey;

    @Option(
            names = "--record",
            paramLabel = "FILE",
            description = "where the signed record goes (default: DIR/evaluation.dsse.json with --out)")
    Path record;

    @Option(names = "--no-progress", description = "no progress bar on stderr")
    boolean noProgress;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        RegressionGate gate = new RegressionGate(maxDrop);
        EvalReport before = baseline == null ? null : Reports.read(baseline);
        EvalSet evalSet = EvalSets.open(set);
        if (limit != null) {
            evalSet = evalSet.limit(limit);
        }
        resolveCorpora();
        EngineSettings.Builder settings = EngineSettings.builder().model(model);
        if (engineName != null) {
            settings.engine(engineName);
        } else if (model != null) {
            settings.engine("gguf");
        }
        engineOptions.applyTo(settings, engineName);
        EvalReport report;
        try (InferenceEngine engine = InferenceEngines.open(settings.build());
                EmbeddingFewShotSource examples =
                        engine.usesFewShotExamples() && fewShot > 0 ? EmbeddingFewShotSource.builtIn() : null) {
            Evaluator.Builder b =
                    Evaluator.builder(evalSet, engine).safetyLevel(safety).shellcheck(!noShellcheck);
            if (examples != null) {
                b.fewShot(examples, fewShot);
            }
            if (noExec) {
                b.noExecution("--no-exec given");
            } else {
                b.sandbox(BubblewrapSandbox.create());
            }
            if (!noSafety && dangerous != null && benign != null) {
                b.safetyCorpora(dangerous, benign);
            }
            if (!noProgress) {
                b.progress(new ProgressBar(stderr));
            }
            report = b.build().run();
        }
        if (out != null) {
            Files.createDirectories(out);
            Files.writeString(out.resolve("report.json"), Reports.toJson(report));
            Files.writeString(out.resolve("report.html"), HtmlReport.render(report));
            Files.writeString(out.resolve("report.md"), MarkdownReport.render(report));
        }
        if (signKey != null) {
            sign(report, stderr);
        }
        if (json) {
            stdout.println(Reports.toJson(report));
        } else {
            stdout.print(MarkdownReport.summary(report));
        }
        stdout.flush();
        int code = 0;
        if (before != null) {
            RegressionGate.Result r = gate.compare(before, report);
            stderr.print(MarkdownReport.gate(r));
            code = r.passed() ? 0 : EXIT_REGRESSION;
        }
        if (!report.execution().ran()) {
            stderr.println("WARNING: execution tier SKIPPED ("
                    + report.execution().detail() + "): functional equivalence not measured");
            if (requireExec) {
                code = EXIT_NO_EXECUTION;
            }
        }
        stderr.flush();
        return code;
    }

    private void resolveCorpora() {
        if ((dangerous == null) != (benign == null)) {
            throw new CliTunerException(ErrorCode.INVALID_REQUEST, "give both --dangerous and --benign, or neither");
        }
        if (dangerous == null) {
            Path corpora = Path.of(System.getProperty("clituner.shared.dir", "../shared"))
                    .resolve("corpora");
            Path d = corpora.resolve("dangerous-dev.txt");
            Path g = corpora.resolve("benign-dev.txt");
            if (Files.isRegularFile(d) && Files.isRegularFile(g)) {
                dangerous = d;
                benign = g;
            }
        }
    }

    private void sign(EvalReport report, PrintWriter stderr) throws IOException {
        Path target = record != null ? record : out != null ? out.resolve("evaluation.dsse.json") : null;
        if (target == null) {
            throw new CliTunerException(ErrorCode.INVALID_REQUEST, "--sign-key needs --record FILE or --out DIR");
        }
        SignedEnvelope env = EvaluationSigning.sign(
                Reports.toEvaluationRecord(report),
                new FileKeyProvider(KeyFiles.directoryOf(signKey))
                        .signer(signKey.getFileName().toString()));
        Files.write(target, Dsse.toJson(env));
        stderr.println("signed evaluation record: " + target);
    }
}
