package io.clituner.inference.remote.server;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.clituner.core.testing.SharedFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts a real {@code llama-server} with a shared tiny model before a test class and stops it
 * after. Skips the class (with the reason) only when the server binary was not built or the shared
 * models are absent; a built server that fails to start fails the tests.
 */
public final class LlamaServerExtension implements BeforeAllCallback, AfterAllCallback {
    public static final String STORIES = "stories260K.gguf";
    public static final String STORIES_ALIAS = "stories260K";

    private final String modelFile;
    private final String alias;
    private final int parallel;
    private final List<String> extra;
    private LlamaServer server;

    private LlamaServerExtension(String modelFile, String alias, int parallel, List<String> extra) {
        this.modelFile = modelFile;
        this.alias = alias;
        this.parallel = parallel;
        this.extra = List.copyOf(extra);
    }

    /**
     * stories260K (a trained tiny Llama) as "stories260K", one slot: concurrent requests queue in
     * the server, so greedy answers do not depend on how llama.cpp batches parallel slots.
     */
    public static LlamaServerExtension stories() {
        return new LlamaServerExtension(STORIES, STORIES_ALIAS, 1, List.of());
    }

    /** The binary, or a skip that says how to build it. */
    public static Path requireBinary() {
        Optional<Path> bin = LlamaServer.binary();
        assumeTrue(
                bin.isPresent(),
                "llama-server is not built: run .ci/build-llama-server.sh (or .ci/run), "
                        + "or set CLITUNER_LLAMA_SERVER to a llama-server binary; skipping tests against a real model server");
        return bin.get();
    }

    public static Path requireModel(String file) {
        return SharedFiles.require("models/" + file);
    }

    /**
     * Starts another server for a test that needs its own (to stop it, or to keep it busy): slot
     * monitoring on, and context shifting so that a generation without EOS runs as long as asked.
     */
    public static LlamaServer startStories(int parallel) throws Exception {
        return LlamaServer.start(
                requireBinary(),
                requireModel(STORIES),
                STORIES_ALIAS,
                parallel,
                List.of("--slots", "--context-shift"),
                logDir());
    }

    static Path logDir() {
        return Path.of("target", "llama-server-logs");
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Path bin = requireBinary();
        Path model = requireModel(modelFile);
        server = LlamaServer.start(bin, model, alias, parallel, extra, logDir());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    public LlamaServer server() {
        return server;
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    public String alias() {
        return alias;
    }
}
