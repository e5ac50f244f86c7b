package io.clituner.examples.host;

import io.clituner.core.engine.EngineSettings;
import io.clituner.core.error.CliTunerException;
import io.clituner.core.pipeline.Pipeline;
import java.nio.file.Path;

/**
 * A host application as a user writes it, for {@link HostJvmExitTest}: a GGUF-engine pipeline,
 * one translation, close, return from main. No System.exit.
 */
public final class GgufHostMain {
    private GgufHostMain() {}

    public static void main(String[] args) {
        try (Pipeline pipeline = Pipeline.builder()
                .engine(EngineSettings.forModel(Path.of(args[0])))
                .build()) {
            try {
                System.out.println(
                        "command: " + pipeline.translate("list all pdf files").command());
            } catch (CliTunerException e) {
                System.out.println("no command (" + e.code() + ")"); // random weights: any outcome is fine here
            }
        }
        System.out.println("main returned");
    }
}
