package io.clituner.inference.gguf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.core.engine.EngineSettings;
import io.clituner.core.error.ConfigurationException;
import io.clituner.core.error.ErrorCode;
import io.clituner.inference.gguf.template.ChatFormat;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GgufEngineConfigTest {
    @ParameterizedTest
    @CsvSource({"1, 1", "2, 1", "4, 2", "8, 4", "64, 4"})
    void defaultThreadsSuitTheHost(int cores, int threads) {
        assertEquals(threads, GgufEngineConfig.defaultThreads(cores));
    }

    @Test
    void readsEveryOptionFromEngineSettings() {
        EngineSettings s = EngineSettings.builder()
                .model(Path.of("m.gguf"))
                .option("contextSize", 512)
                .option("threads", 3)
                .option("gpuLayers", 7)
                .option("maxTokens", 40)
                .option("grammar", false)
                .option("stop", "\\n,END,a\\,b")
                .option("seed", 7)
                .option("nativeLibPath", "/opt/llama-cuda")
                .option("chatFormat", "llama3")
                .build();
        GgufEngineConfig c = GgufEngineConfig.fromSettings(s);
        assertEquals(512, c.contextSize());
        assertEquals(3, c.threads());
        assertEquals(7, c.gpuLayers());
        assertEquals(40, c.maxTokens());
        assertFalse(c.grammar());
        assertEquals(List.of("\n", "END", "a,b"), c.stopStrings());
        assertEquals(7, c.seed());
        assertEquals(Optional.of(Path.of("/opt/llama-cuda")), c.nativeLibPath());
        assertEquals(Optional.of(ChatFormat.LLAMA3), c.chatFormat());
    }

    @Test
    void defaultsAreDeterministicAndOneLine() {
        GgufEngineConfig c = GgufEngineConfig.fromSettings(EngineSettings.forModel(Path.of("m.gguf")));
        assertTrue(c.grammar());
        assertEquals(GgufEngineConfig.DEFAULT_SEED, c.seed());
        assertEquals(GgufEngineConfig.defaultThreads(), c.threads());
        assertEquals(0, c.gpuLayers());
        assertEquals(List.of(), c.stopStrings());
        assertEquals(Optional.empty(), c.nativeLibPath(), "the bundled CPU build");
        assertEquals(Optional.empty(), c.chatFormat(), "the model's own format");
        assertEquals(c, c.toBuilder().build());
    }

    @Test
    void badSettingsAreTypedConfigurationErrors() {
        assertEquals(
                ErrorCode.CONFIGURATION,
                assertThrows(
                                ConfigurationException.class,
                                () -> GgufEngineConfig.fromSettings(EngineSettings.defaults()))
                        .code());
        assertThrows(
                ConfigurationException.class,
                () -> GgufEngineConfig.builder(Path.of("m.gguf")).threads(0).build());
        assertThrows(
                ConfigurationException.class,
                () -> GgufEngineConfig.builder(Path.of("m.gguf")).maxTokens(0).build());
        assertThrows(
                ConfigurationException.class,
                () -> GgufEngineConfig.builder(Path.of("m.gguf"))
                        .contextSize(10)
                        .build());
        assertThrows(
                ConfigurationException.class,
                () -> GgufEngineConfig.builder(Path.of("m.gguf"))
                        .stopStrings(List.of(""))
                        .build());
        assertThrows(
                ConfigurationException.class,
                () -> GgufEngineConfig.fromSettings(EngineSettings.builder()
                        .model(Path.of("m.gguf"))
                        .option("threads", "many")
                        .build()));
        assertThrows(
                ConfigurationException.class,
                () -> GgufEngineConfig.fromSettings(EngineSettings.builder()
                        .model(Path.of("m.gguf"))
                        .option("chatFormat", "vicuna")
                        .build()));
    }

    @Test
    void providerSupportsGgufFilesOnly() {
        GgufEngineProvider p = new GgufEngineProvider();
        assertEquals("java-llama.cpp", p.name());
        assertTrue(p.supports(EngineSettings.forModel(Path.of("/models/Qwen.Q4_K_M.GGUF"))));
        assertFalse(p.supports(EngineSettings.forModel(Path.of("/models/model.safetensors"))));
        assertFalse(p.supports(EngineSettings.defaults()));
    }
}
