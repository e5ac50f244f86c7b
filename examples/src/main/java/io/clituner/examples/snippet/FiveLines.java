package io.clituner.examples.snippet;

import io.clituner.core.CommandResponse;
import io.clituner.core.engine.EngineSettings;
import io.clituner.core.pipeline.Pipeline;

/** The README's five-line snippet: natural language in, validated command out, nothing executed. */
public final class FiveLines {
    private FiveLines() {}

    public static void main(String[] args) {
        // snippet:start
        try (Pipeline pipeline =
                Pipeline.builder().engine(EngineSettings.defaults()).build()) {
            CommandResponse response = pipeline.translate("list all pdf files modified this week");
            System.out.println(response.command());
            System.out.println(response.risk() + ", confidence " + response.confidence());
        }
        // snippet:end
        // No System.exit needed, with a GGUF engine too: the JVM ends when main returns.
    }
}
