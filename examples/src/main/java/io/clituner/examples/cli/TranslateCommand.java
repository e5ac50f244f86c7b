package io.clituner.examples.cli;

import io.clituner.core.CommandResponse;
import io.clituner.core.SafetyLevel;
import io.clituner.core.engine.EngineSettings;
import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.CommandBlockedException;
import io.clituner.core.error.ErrorCode;
import io.clituner.core.error.ModelFileException;
import io.clituner.core.ingress.CommandRequest;
import io.clituner.core.ingress.DefaultIngressGuard;
import io.clituner.core.pipeline.Pipeline;
import io.clituner.inference.djl.retrieval.EmbeddingFewShotSource;
import io.clituner.provenance.audit.AuditLog;
import io.clituner.provenance.crypto.Signer;
import io.clituner.provenance.signing.ProvenanceSigners;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code clituner translate QUERY… [--model F.gguf] [--json]}: one query through the whole pipeline.
 * The words of the query may be given unquoted. The query and the model file are checked before
 * any engine starts; with {@code --json} every outcome, errors included, is one JSON object on stdout.
 */
@Command(
        name = "translate",
        mixinStandardHelpOptions = true,
        description = "Translate a natural-language request into one validated bash command (never executed).",
        footer = {
            "",
            "Exit codes: 0 a command was returned, 1 blocked or no answer, 2 bad input (query, model file, key, option)."
        })
public final class TranslateCommand implements Callable<Integer> {
    private static final byte[] GGUF_MAGIC = {'G', 'G', 'U', 'F'};

    @Spec
    CommandSpec spec;

    @Parameters(
            arity = "1..*",
            paramLabel = "QUERY",
            description = "what you want to do, in plain words (quoted or not)")
    List<String> words;

    @Option(
            names = "--model",
            paramLabel = "FILE.gguf",
            description = "a GGUF model for generation (default: the embedded retrieval engine)")
    Path model;

    @Option(
            names = "--json",
            description = "print the whole response (with provenance), or the block or error, as one JSON object")
    boolean json;

    @Option(
            names = "--safety",
            defaultValue = "STRICT",
            description = "${COMPLETION-CANDIDATES} (any case; default: ${DEFAULT-VALUE})")
    SafetyLevel safety;

    @Option(
            names = "--engine",
            paramLabel = "NAME",
            defaultValue = "gguf",
            description = "GGUF engine: gguf (current llama.cpp, default) or java-llama.cpp (de.kherud binding)")
    String engine;

    @Mixin
    EngineOptionsMixin engineOptions;

    @Option(
            names = "--few-shot",
            defaultValue = "3",
            description =
                    "nearest bank examples placed in a GGUF model's prompt; 0 switches them off (default: ${DEFAULT-VALUE})")
    int fewShot;

    @Option(
            names = "--bank",
            paramLabel = "FILE.tsv",
            description = "more examples for the retrieval engine (query<TAB>command per line)")
    Path bank;

    @Option(
            names = "--min-similarity",
            paramLabel = "S",
            description = "how close an example must be for the retrieval engine to answer (-1..1)")
    Double minSimilarity;

    @Option(
            names = "--sign-key",
            paramLabel = "KEY",
            description =
                    "sign the provenance with this private key file (e.g. keys/ops.key from `clituner provenance keygen --dir keys --name ops`)")
    Path signKey;

    @Option(
            names = "--tldr-cache",
            description =
                    "add the examples of a tldr client's page cache found on this machine (attributed in the response)")
    boolean tldrCache;

    @Option(names = "--installed-only", description = "answer only with programs installed on this machine's PATH")
    boolean installedOnly;

    @Option(names = "--audit-log", paramLabel = "FILE", description = "append an audit event for this request to FILE")
    Path auditLog;

    @Option(
            names = "--checkpoint-key",
            paramLabel = "KEY",
            description =
                    "with --audit-log: sign a checkpoint of the log when done (kept in FILE.checkpoints), so deleting its last entries is detected")
    Path checkpointKey;

    @Option(
            names = "--endpoint",
            paramLabel = "URL",
            description = "an OpenAI-compatible model server (vLLM, llama-server, Ollama), "
                    + "e.g. http://127.0.0.1:8080/v1; its API key, if any, from $CLITUNER_API_KEY")
    String endpoint;

    @Option(names = "--remote-model", paramLabel = "NAME", description = "the model name the --endpoint server serves")
    String remoteModel;

    @Override
    public Integer call() {
        String query = String.join(" ", words);
        try {
            return translate(query);
        } catch (CommandBlockedException blocked) {
            if (json) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("command", null);
                out.put("risk", "DANGEROUS");
                out.put("blocked", true);
                out.put("reason", blocked.getMessage());
                out.put("rules", blocked.verdict().findings());
                out.put("error", null);
                out.put("provenance", blocked.provenance().orElseThrow());
                spec.commandLine().getOut().println(Json.write(out));
            } else {
                spec.commandLine().getErr().println("blocked: " + blocked.getMessage());
            }
            return ErrorHandler.REFUSED;
        } catch (CliTunerException failed) {
            if (!json) {
                throw failed;
            }
            // --json callers get the same JSON object for every failure, with a fixed key order.
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("code", failed.code().name());
            error.put("message", String.valueOf(failed.getMessage()));
            error.put("advice", Advice.forError(failed).orElse(null));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("command", null);
            out.put("risk", null);
            out.put("blocked", false);
            out.put("reason", null);
            out.put("rules", List.of());
            out.put("error", error);
            out.put("provenance", failed.provenance().orElse(null));
            spec.commandLine().getOut().println(Json.write(out));
            return ErrorHandler.exitCode(failed);
        }
    }

    @SuppressWarnings("try") // the progress line shows for the block; the other resources are closed by the try
    private int translate(String query) {
        CommandRequest request = new CommandRequest(query, "bash", safety, null);
        new DefaultIngressGuard().admit(request); // fail fast: a bad query never waits for an engine to start
        if (model != null) {
            checkModelFile(model);
        }
        if (checkpointKey != null && auditLog == null) {
            throw new CliTunerException(ErrorCode.CONFIGURATION, "--checkpoint-key needs --audit-log FILE");
        }
        Signer signer = signKey == null ? null : KeyFiles.signer(signKey);
        Signer checkpointSigner = checkpointKey == null ? null : KeyFiles.signer(checkpointKey);

        Pipeline.Builder builder = Pipeline.builder().engine(engineSettings());
        if (signer != null) {
            builder.signer(ProvenanceSigners.inToto(signer));
        }
        EmbeddingFewShotSource examples = null;
        AuditLog audit = null;
        Pipeline started = null;
        try (Progress status = Progress.status(
                spec.commandLine().getErr(),
                model == null
                        ? "starting the retrieval engine (the first run unpacks native libraries)…"
                        : "loading and hashing " + model.getFileName() + "…")) {
            examples = (model != null || endpoint != null) && fewShot > 0 ? EmbeddingFewShotSource.builtIn() : null;
            audit = auditLog == null ? null : openAudit(checkpointSigner);
            if (examples != null) {
                builder.fewShot(examples, fewShot);
            }
            if (audit != null) {
                builder.auditSink(audit);
            }
            started = builder.build();
        } catch (RuntimeException e) {
            closeQuietly(e, examples, audit);
            throw e;
        }
        try (EmbeddingFewShotSource ex = examples;
                AuditLog log = audit;
                Pipeline pipeline = started) {
            try {
                CommandResponse response = pipeline.translate(request);
                if (json) {
                    spec.commandLine().getOut().println(Json.write(response));
                } else {
                    spec.commandLine().getOut().println(response.command());
                    spec.commandLine()
                            .getErr()
                            .printf(
                                    "risk: %s  confidence: %.2f%s%n",
                                    response.risk(),
                                    response.confidence(),
                                    response.warning() == null ? "" : "  warning: " + response.warning());
                    for (CommandResponse.Alternative alt : response.alternatives()) {
                        spec.commandLine()
                                .getErr()
                                .printf(
                                        "  or: %s  (%s, confidence %.2f)%n",
                                        alt.command(), alt.risk(), alt.confidence());
                    }
                }
                return 0;
            } finally {
                if (log != null && checkpointSigner != null) {
                    log.checkpoint();
                }
            }
        }
    }

    /** The engine this command asked for: --model or --endpoint, and every engine option given as a flag or --option. */
    private EngineSettings engineSettings() {
        EngineSettings.Builder settings = EngineSettings.builder().model(model);
        if (model != null) {
            settings.engine(engine);
        }
        Map<String, Object> flags = new LinkedHashMap<>();
        if (tldrCache) {
            flags.put("--tldr-cache", "tldrCache=true");
        }
        if (installedOnly) {
            flags.put("--installed-only", "installedOnly=true");
        }
        if (bank != null) {
            if (!Files.isRegularFile(bank)) {
                throw new CliTunerException(ErrorCode.CONFIGURATION, "--bank " + bank + ": no such file");
            }
            flags.put("--bank", "bank=" + bank);
        }
        if (minSimilarity != null) {
            flags.put("--min-similarity", "minSimilarity=" + minSimilarity);
        }
        if (endpoint != null) {
            settings.engine("remote");
            flags.put("--endpoint", "endpoint=" + endpoint);
            if (remoteModel != null) {
                flags.put("--remote-model", "model=" + remoteModel);
            }
            if (System.getenv("CLITUNER_API_KEY") != null) {
                flags.put("$CLITUNER_API_KEY", "apiKeyEnv=CLITUNER_API_KEY");
            }
        }
        engineOptions.applyTo(settings, model != null ? engine : null, flags);
        return settings.build();
    }

    private static void closeQuietly(RuntimeException failure, @Nullable AutoCloseable... resources) {
        for (AutoCloseable r : resources) {
            if (r != null) {
                try {
                    r.close();
                } catch (Exception e) {
                    failure.addSuppressed(e);
                }
            }
        }
    }

    private AuditLog openAudit(@Nullable Signer checkpointSigner) {
        AuditLog.Builder b = AuditLog.builder(auditLog);
        if (checkpointSigner != null) {
            b.checkpointFile(checkpointFile(auditLog)).checkpointSigner(checkpointSigner);
        }
        return b.open();
    }

    /** Where {@code --checkpoint-key} keeps a log's signed checkpoints ({@code audit verify} looks there too). */
    static Path checkpointFile(Path log) {
        return Path.of(log + ".checkpoints");
    }

    /** Exists, is a file, starts with the GGUF magic: checked before any native code or engine start. */
    static void checkModelFile(Path model) {
        if (!Files.exists(model)) {
            throw new ModelFileException(ErrorCode.MODEL_NOT_FOUND, "model file not found: " + model);
        }
        if (!Files.isRegularFile(model) || !Files.isReadable(model)) {
            throw new ModelFileException(ErrorCode.MODEL_NOT_FOUND, "model path is not a readable file: " + model);
        }
        byte[] head = new byte[4];
        int n;
        try (InputStream in = Files.newInputStream(model)) {
            n = in.readNBytes(head, 0, 4);
        } catch (IOException e) {
            throw new ModelFileException(
                    ErrorCode.MODEL_NOT_FOUND, "cannot read model file " + model + ": " + e.getMessage(), e);
        }
        if (n < 4) {
            throw new ModelFileException(
                    ErrorCode.MODEL_TRUNCATED,
                    "model file " + model + " is only " + n + " bytes long; not a GGUF file");
        }
        if (!Arrays.equals(head, GGUF_MAGIC)) {
            throw new ModelFileException(
                    ErrorCode.MODEL_CORRUPT,
                    String.format(
                            "not a GGUF file (bad magic 0x%02x%02x%02x%02x) at %s",
                            head[0], head[1], head[2], head[3], model));
        }
    }
}
