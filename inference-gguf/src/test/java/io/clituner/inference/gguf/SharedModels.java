package io.clituner.inference.gguf;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The read-only test models under {@code clituner.shared.dir}; tests skip when they are absent. */
public final class SharedModels {
    public static final String TINY_RANDOM = "llama-2-tiny-random.gguf";
    public static final String STORIES = "stories260K.gguf";

    private SharedModels() {}

    public static Path require(String name) {
        String dir = System.getProperty("clituner.shared.dir");
        assumeTrue(dir != null, "system property clituner.shared.dir is not set: skipping tests that need " + name);
        Path p = Path.of(dir, "models", name);
        assumeTrue(Files.isRegularFile(p), "test model " + p + " is absent: skipping tests that need it");
        return p;
    }
}
