package io.clituner.examples.cli;

import io.clituner.core.CommandRequest;
import io.clituner.core.CommandResponse;
import io.clituner.core.Pipeline;
import io.clituner.core.SafetyLevel;
import io.clituner.core.engine.EngineSettings;
import io.clituner.core.error.CliTunerException;
import io.clituner.inference.djl.retrieval.EmbeddingFewShotSource;
import io.clituner.provenance.audit.AuditLog;
import io.clituner.provenance.crypto.FileKeyProvider;
import io.clituner.provenance.signing.ProvenanceSigners;
import io.clituner.core.error.CommandBlockedException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code clituner translate QUERY [--model F.gguf] [--json]}: one query through the whole pipeline. */
@Command(name = "translate", mixinStandardHelpOptions = true,
        description = "Translate a natural-language request into one validated bash command (never executed).")
public final class TranslateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "QUERY", description = "what you want to do, in plain words")
    String query;

    @Option(names = "--model", paramLabel = "FILE.gguf", description = "a GGUF model for generation (default: the embedded retrieval engine)")
    Path model;

    @Option(names = "--json", description = "print the whole response (with provenance) as JSON")
    boolean json;

    @Option(names = "--safety", defaultValue = "STRICT", description = "STRICT or MODERATE (default: ${DEFAULT-VALUE})")
    SafetyLevel safety;

    @Option(names = "--threads", description = "inference threads for GGUF models (default: chosen for this host)")
    Integer threads;

    @Option(names = "--gpu-layers", description = "layers to offload to a GPU (needs a GPU build of llama.cpp; falls back to the CPU)")
    Integer gpuLayers;

    @Option(names = "--engine", paramLabel = "NAME", defaultValue = "gguf",
            description = "GGUF engine: gguf (current llama.cpp, default) or java-llama.cpp (de.kherud binding)")
    String engine;

    @Option(names = "--output-mode", paramLabel = "MODE",
            description = "GGUF output: grammar (one-line GBNF, default) or parser (free generation, first command line)")
    String outputMode;

    @Option(names = "--few-shot", defaultValue = "3",
            description = "nearest bank examples placed in a GGUF model's prompt; 0 switches them off (default: ${DEFAULT-VALUE})")
    int fewShot;

    @Option(names = "--sign-key", paramLabel = "DIR/NAME",
            description = "sign the provenance with this key (made by `clituner provenance keygen --dir DIR --name NAME`)")
    Path signKey;

    @Option(names = "--audit-log", paramLabel = "FILE", description = "append an audit event for this request to FILE")
    Path auditLog;

    @Override
    public Integer call() {
        EngineSettings.Builder settings = EngineSettings.builder().model(model);
        if (model != null) {
            settings.engine(engine);
        }
        if (outputMode != null) {
            settings.option("output", outputMode);
        }
        if (threads != null) {
            settings.option("threads", threads);
        }
        if (gpuLayers != null) {
            settings.option("gpuLayers", gpuLayers);
        }
        Pipeline.Builder builder = Pipeline.builder().engine(settings.build());
        if (signKey != null) {
            Path dir = signKey.toAbsolutePath().getParent();
            builder.signer(ProvenanceSigners.inToto(new FileKeyProvider(dir), signKey.getFileName().toString()));
        }
        try (EmbeddingFewShotSource examples = model != null && fewShot > 0 ? EmbeddingFewShotSource.builtIn() : null;
             AuditLog audit = auditLog != null ? AuditLog.open(auditLog) : null;
             Pipeline pipeline = builder.fewShot(examples, examples == null ? 0 : fewShot).auditSink(audit).build()) {
            CommandRequest request = new CommandRequest(query, "bash", safety, null);
            try {
                CommandResponse response = pipeline.translate(request);
                if (json) {
                    spec.commandLine().getOut().println(Json.write(response));
                } else {
                    spec.commandLine().getOut().println(response.command());
                    spec.commandLine().getErr().printf("risk: %s  confidence: %.2f%s%n", response.risk(), response.confidence(),
                            response.warning() == null ? "" : "  warning: " + response.warning());
                }
                return 0;
            } catch (CommandBlockedException blocked) {
                if (json) {
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("command", null);
                    out.put("risk", "DANGEROUS");
                    out.put("blocked", true);
                    out.put("reason", blocked.getMessage());
                    out.put("rules", blocked.verdict().findings());
                    out.put("provenance", blocked.provenance());
                    spec.commandLine().getOut().println(Json.write(out));
                } else {
                    spec.commandLine().getErr().println("blocked: " + blocked.getMessage());
                }
                return 1;
            } catch (CliTunerException failed) {
                if (!json) {
                    throw failed;
                }
                // --json callers get JSON for every outcome, not a stderr line.
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("command", null);
                out.put("risk", null);
                out.put("error", Map.of("code", failed.code().name(), "message", String.valueOf(failed.getMessage())));
                out.put("provenance", failed.failureProvenance().orElse(null));
                spec.commandLine().getOut().println(Json.write(out));
                return 1;
            }
        }
    }
}
