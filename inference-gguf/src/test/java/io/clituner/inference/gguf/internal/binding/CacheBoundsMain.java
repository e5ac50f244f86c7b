package io.clituner.inference.gguf.internal.binding;

import io.clituner.core.NormalizedRequest;
import io.clituner.core.SafetyLevel;
import io.clituner.core.engine.ChatMessage;
import io.clituner.core.engine.Prompt;
import io.clituner.core.error.ConfigurationException;
import io.clituner.inference.gguf.GgufEngine;
import io.clituner.inference.gguf.GgufEngineConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Run by {@link LoadedModelCacheBoundsTest} in a JVM of its own with maxLoadedModels=2 and
 * maxEvictions=1: reuse, a full cache, eviction of idle models only, and 100 evicting cycles.
 * Prints {@code name=value} facts for the test to check.
 */
public final class CacheBoundsMain {
    private CacheBoundsMain() {}

    static GgufEngine open(Path model, int context) {
        return GgufEngine.open(GgufEngineConfig.builder(model)
                .contextSize(context)
                .threads(1)
                .maxTokens(2)
                .grammar(false)
                .build());
    }

    static long nativeThreads() throws IOException {
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            return tasks.count();
        }
    }

    public static void main(String[] args) throws IOException {
        Path model = Path.of(args[0]);
        LoadedModelCache cache = LoadedModelCache.shared();
        open(model, 64).close();
        open(model, 64).close();
        System.out.println("loadsAfterReuse=" + cache.loadCount());
        try (GgufEngine held = open(model, 96)) {
            System.out.println("loadedWithTwo=" + cache.loadedModels().size());
            try {
                open(model, 128).close();
                System.out.println("full=none");
            } catch (ConfigurationException e) {
                System.out.println("full=" + e.code() + " " + e.getMessage().replace('\n', ' '));
            }
            System.out.println("evicted=" + cache.evictIdle());
            NormalizedRequest request = NormalizedRequest.of("list files", SafetyLevel.STRICT);
            System.out.println("heldStillWorks="
                    + !held.generate(new Prompt(List.of(ChatMessage.user("ls")), List.of()), request)
                            .text()
                            .isEmpty());
            open(model, 128).close();
            System.out.println("loadsAfterEviction=" + cache.loadCount());
            long threadsBefore = nativeThreads();
            int typed = 0;
            for (int i = 0; i < 100; i++) {
                try {
                    open(model, 200 + i).close();
                } catch (ConfigurationException e) {
                    typed++;
                }
                cache.evictIdle();
            }
            System.out.println("cycleFailuresTyped=" + typed);
            System.out.println("loadsAfterCycles=" + cache.loadCount());
            System.out.println("evictions=" + cache.evictionCount());
            System.out.println("loadedAtEnd=" + cache.loadedModels().size());
            System.out.println("threadGrowth=" + (nativeThreads() - threadsBefore));
        }
        System.out.flush();
        // The binding leaves a native thread attached: without an explicit exit the JVM never ends.
        System.exit(0);
    }
}
