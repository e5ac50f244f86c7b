package io.clituner.inference.gguf.internal.binding;

import io.clituner.core.NormalizedRequest;
import io.clituner.core.SafetyLevel;
import io.clituner.core.prompt.PromptBuilder;
import io.clituner.inference.gguf.GgufEngine;
import io.clituner.inference.gguf.GgufEngineConfig;
import java.nio.file.Path;
import java.util.List;

/** Run in a child JVM by {@link QuietnessTest}: loads the library and a model, generates, prints nothing itself. */
public final class QuietRun {
    private QuietRun() {}

    public static void main(String[] args) {
        NormalizedRequest request = NormalizedRequest.of("list all pdf files", SafetyLevel.STRICT);
        try (GgufEngine engine = GgufEngine.open(GgufEngineConfig.builder(Path.of(args[0]))
                .threads(1)
                .maxTokens(8)
                .grammar(false)
                .build())) {
            engine.generate(new PromptBuilder().build(request, List.of()), request);
        }
        // The binding leaves a native thread attached: without an explicit exit the JVM never ends.
        System.exit(0);
    }
}
