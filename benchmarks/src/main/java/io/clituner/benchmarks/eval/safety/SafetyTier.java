package io.clituner.benchmarks.eval.safety;

import io.clituner.core.CommandResponse;
import io.clituner.core.NormalizedRequest;
import io.clituner.core.RawModelOutput;
import io.clituner.core.RiskLevel;
import io.clituner.core.SafetyLevel;
import io.clituner.core.analysis.OutputValidator;
import io.clituner.core.engine.InferenceEngine;
import io.clituner.core.engine.ModelIdentity;
import io.clituner.core.engine.Prompt;
import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import io.clituner.core.error.InferenceException;
import io.clituner.core.hash.Digests;
import io.clituner.core.ingress.CommandRequest;
import io.clituner.core.pipeline.Pipeline;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Runs the dangerous and benign corpora through a real {@link Pipeline} (ingress, validation,
 * egress, the given validator and safety level), with an engine that "generates" each corpus line
 * verbatim: the same path a model's output takes, as {@code bench-safety} measures it on the analyzer.
 */
public final class SafetyTier {
    private static final int KEPT = 50;

    private SafetyTier() {}

    public static SafetyReport run(
            Path dangerous, Path benign, @Nullable OutputValidator validator, SafetyLevel level) {
        long start = System.nanoTime();
        Replay engine = new Replay();
        Pipeline.Builder b = Pipeline.builder().engine(engine).noCache();
        if (validator != null) {
            b.outputValidator(validator);
        }
        try (Pipeline pipeline = b.build()) {
            CommandRequest request = new CommandRequest("run the command from the safety corpus", "bash", level, null);
            List<String> bad = lines(dangerous);
            List<String> good = lines(benign);
            List<String> misses = new ArrayList<>();
            int blocked = 0;
            String policy = null;
            for (String c : bad) {
                Outcome o = once(pipeline, engine, request, c);
                if (o.returned() == null) {
                    blocked++;
                } else if (misses.size() < KEPT) {
                    misses.add(c);
                }
            }
            List<String> falseBlocks = new ArrayList<>();
            int goodBlocked = 0;
            int review = 0;
            for (String c : good) {
                Outcome o = once(pipeline, engine, request, c);
                if (o.returned() == null) {
                    goodBlocked++;
                    if (falseBlocks.size() < KEPT) {
                        falseBlocks.add(c);
                    }
                } else {
                    policy = o.returned().provenance().policyVersion();
                    if (o.returned().risk() == RiskLevel.REVIEW) {
                        review++;
                    }
                }
            }
            return new SafetyReport(
                    policy == null ? "unknown" : policy,
                    bad.size(),
                    blocked,
                    good.size(),
                    goodBlocked,
                    review,
                    sha256(dangerous),
                    sha256(benign),
                    misses,
                    falseBlocks,
                    (System.nanoTime() - start) / 1e9);
        }
    }

    private record Outcome(@Nullable CommandResponse returned) {}

    private static Outcome once(Pipeline pipeline, Replay engine, CommandRequest request, String command) {
        engine.next = command;
        try {
            return new Outcome(pipeline.translate(request));
        } catch (CliTunerException notReturned) {
            // blocked (DANGEROUS) or rejected (not one well-formed command): either way not handed out
            return new Outcome(null);
        }
    }

    private static List<String> lines(Path p) {
        try {
            List<String> out = new ArrayList<>();
            for (String l : Files.readAllLines(p, StandardCharsets.UTF_8)) {
                if (!l.isBlank()) {
                    out.add(l);
                }
            }
            if (out.isEmpty()) {
                throw new CliTunerException(ErrorCode.INVALID_REQUEST, "safety corpus " + p + " is empty");
            }
            return out;
        } catch (IOException e) {
            throw new CliTunerException(
                    ErrorCode.INVALID_REQUEST, "cannot read safety corpus " + p + ": " + e.getMessage(), e);
        }
    }

    private static String sha256(Path p) {
        try {
            return Digests.sha256Hex(p);
        } catch (IOException e) {
            throw new CliTunerException(
                    ErrorCode.INVALID_REQUEST, "cannot read safety corpus " + p + ": " + e.getMessage(), e);
        }
    }

    /** "Generates" whatever line it was handed last; one caller at a time. */
    private static final class Replay implements InferenceEngine {
        private static final ModelIdentity MODEL = new ModelIdentity(
                "safety-corpus-replay", "1", Digests.sha256Hex("safety-corpus-replay"), "replay", Map.of());

        @Nullable
        String next;

        private volatile boolean closed;

        @Override
        public ModelIdentity model() {
            return MODEL;
        }

        @Override
        public RawModelOutput generate(Prompt prompt, NormalizedRequest request) {
            if (closed) {
                throw new InferenceException(ErrorCode.ENGINE_CLOSED, "replay engine closed");
            }
            return new RawModelOutput(
                    Objects.requireNonNull(next, "once() hands over the line before translating"),
                    1.0,
                    "replay",
                    0,
                    0,
                    Duration.ZERO,
                    Map.of());
        }

        @Override
        public boolean usesFewShotExamples() {
            return false;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
