package io.clituner.inference.gguf.llamacpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.core.engine.EngineSettings;
import io.clituner.core.error.ConfigurationException;
import io.clituner.inference.gguf.internal.llamacpp.LlamaContextParams;
import io.clituner.inference.gguf.output.OutputMode;
import io.clituner.inference.gguf.template.ChatFormat;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LlamaCppConfigTest {
    private static final Path MODEL = Path.of("m.gguf");

    @Test
    void readsEngineSettings() {
        LlamaCppConfig c = LlamaCppConfig.fromSettings(EngineSettings.builder()
                .model(MODEL)
                .option("threads", 3)
                .option("output", "parser")
                .option("temperature", "0.7")
                .option("topK", 20)
                .option("seed", 9)
                .option("flashAttention", "on")
                .option("promptChunk", 128)
                .option("kvReuse", false)
                .option("stop", "a\\,b,c")
                .option("nativeLibPath", "/opt/llama-cuda")
                .option("chatFormat", "chatml")
                .build());
        assertEquals(3, c.threads());
        assertEquals(OutputMode.PARSER, c.output());
        assertEquals(0.7f, c.sampling().temperature());
        assertEquals(20, c.sampling().topK());
        assertEquals(9, c.sampling().seed());
        assertFalse(c.sampling().isGreedy());
        assertEquals(FlashAttention.ON, c.flashAttention());
        assertEquals(128, c.promptChunk());
        assertFalse(c.kvReuse());
        assertEquals(List.of("a,b", "c"), c.stopStrings());
        assertEquals(Optional.of(Path.of("/opt/llama-cuda")), c.nativeLibPath());
        assertEquals(Optional.of(ChatFormat.CHATML), c.chatFormat());
    }

    @Test
    void defaultsAreGreedyGrammarAutoFlashAndReuse() {
        LlamaCppConfig c = LlamaCppConfig.fromSettings(EngineSettings.forModel(MODEL));
        assertTrue(c.sampling().isGreedy());
        assertEquals(OutputMode.GRAMMAR, c.output());
        assertEquals(FlashAttention.AUTO, c.flashAttention());
        assertTrue(c.kvReuse());
        assertEquals(CpuCores.defaultThreads(), c.threads());
        assertEquals(Optional.empty(), c.nativeLibPath(), "the bundled CPU build");
        assertEquals(Optional.empty(), c.chatFormat(), "the model's own template");
        // one way to say it: the gguf engine takes output=parser, not the old binding's grammar=false
        ConfigurationException e = assertThrows(
                ConfigurationException.class,
                () -> LlamaCppConfig.fromSettings(EngineSettings.builder()
                        .model(MODEL)
                        .option("grammar", false)
                        .build()));
        assertTrue(e.getMessage().startsWith("unknown option 'grammar' for the gguf engine"), e.getMessage());
        assertTrue(e.getMessage().contains("output"), e.getMessage());
    }

    @Test
    void badValuesAreConfigurationErrors() {
        for (String[] kv : List.of(
                new String[] {"output", "json"},
                new String[] {"temperature", "hot"},
                new String[] {"temperature", "-1"},
                new String[] {"flashAttention", "maybe"},
                new String[] {"promptChunk", "0"},
                new String[] {"topP", "0"})) {
            assertThrows(
                    ConfigurationException.class,
                    () -> LlamaCppConfig.fromSettings(EngineSettings.builder()
                            .model(MODEL)
                            .option(kv[0], kv[1])
                            .build()),
                    kv[0] + "=" + kv[1]);
        }
        assertThrows(
                ConfigurationException.class, () -> LlamaCppConfig.builder(null).build());
    }

    @Test
    void flashAttentionAutoFollowsModelSize() {
        assertEquals(LlamaContextParams.FLASH_ATTN_DISABLED, FlashAttention.AUTO.nativeValue(1_000_000));
        assertEquals(
                LlamaContextParams.FLASH_ATTN_ENABLED,
                FlashAttention.AUTO.nativeValue(FlashAttention.AUTO_ON_FROM_PARAMETERS));
        assertEquals(LlamaContextParams.FLASH_ATTN_ENABLED, FlashAttention.ON.nativeValue(1));
        assertEquals(LlamaContextParams.FLASH_ATTN_DISABLED, FlashAttention.OFF.nativeValue(Long.MAX_VALUE));
    }

    @Test
    void threadsFollowPhysicalCores() {
        List<String> cpuinfo = List.of(
                "processor : 0",
                "physical id : 0",
                "core id : 0",
                "processor : 1",
                "physical id : 0",
                "core id : 0",
                "processor : 2",
                "physical id : 0",
                "core id : 1",
                "processor : 3",
                "physical id : 1",
                "core id : 0");
        assertEquals(3, CpuCores.parse(cpuinfo), "hyper-threads share a core; sockets do not");
        assertEquals(1, CpuCores.defaultThreads(2));
        assertEquals(8, CpuCores.defaultThreads(8));
        assertEquals(16, CpuCores.defaultThreads(64));
    }
}
