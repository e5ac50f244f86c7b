package io.clituner.inference.gguf;

import io.clituner.core.NormalizedRequest;
import io.clituner.core.SafetyLevel;
import io.clituner.core.engine.ChatMessage;
import io.clituner.core.engine.Prompt;
import io.clituner.core.error.CliTunerException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Run by {@link ModelFileCrashTest} in a JVM of its own: opens each listed model file (from line
 * {@code args[1]} on) and generates a few tokens with the grammar on, printing {@code BEGIN i}, then
 * {@code LOADED i}, {@code TYPED i CODE} or {@code UNTYPED i …}. A JVM killed by native code stops
 * after a {@code BEGIN}.
 */
public final class ModelFilesProbeMain {
    private ModelFilesProbeMain() {}

    public static void main(String[] args) throws IOException {
        List<String> files = Files.readAllLines(Path.of(args[0]));
        int from = Integer.parseInt(args[1]);
        NormalizedRequest request = NormalizedRequest.of("list files", SafetyLevel.STRICT);
        Prompt prompt = new Prompt(List.of(ChatMessage.user("ls")), List.of());
        for (int i = from; i < files.size(); i++) {
            System.out.println("BEGIN " + i);
            System.out.flush();
            String result;
            try (GgufEngine engine = GgufEngine.open(GgufEngineConfig.builder(Path.of(files.get(i)))
                    .contextSize(64)
                    .threads(1)
                    .maxTokens(4)
                    .grammar(true)
                    .build())) {
                try {
                    engine.generate(prompt, request);
                } catch (CliTunerException e) {
                    // NO_SUGGESTION and the like: generation ended typed
                }
                result = "LOADED " + i;
            } catch (CliTunerException e) {
                result = "TYPED " + i + " " + e.code();
            } catch (RuntimeException e) {
                result = "UNTYPED " + i + " " + e.getClass().getName() + ": " + e.getMessage();
            }
            System.out.println(result);
            System.out.flush();
        }
        System.out.println("END");
        System.out.flush();
        // The binding leaves a native thread attached: without an explicit exit the JVM never ends.
        System.exit(0);
    }
}
