package io.clituner.inference.gguf.llamacpp;

import io.clituner.core.NormalizedRequest;
import io.clituner.core.SafetyLevel;
import io.clituner.core.prompt.PromptBuilder;
import java.nio.file.Path;
import java.util.List;

/**
 * Run in a child JVM by {@link QuietExitTest}: extracts the libraries, loads a model, generates, closes, and returns
 * from {@code main} without {@code System.exit}: the JVM must end on its own.
 */
public final class QuietExitRun {
    private QuietExitRun() {}

    public static void main(String[] args) {
        NormalizedRequest request = NormalizedRequest.of("list all pdf files", SafetyLevel.STRICT);
        try (LlamaCppEngine engine = LlamaCppEngine.open(LlamaCppConfig.builder(Path.of(args[0]))
                .threads(2)
                .maxTokens(48)
                .build())) {
            engine.generate(new PromptBuilder().build(request, List.of()), request);
        }
    }
}
