package io.clituner.inference.gguf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.core.engine.EngineSettings;
import io.clituner.core.engine.InferenceEngineProvider;
import io.clituner.core.engine.options.EngineOptions;
import io.clituner.core.engine.options.OptionSpec;
import io.clituner.core.error.ConfigurationException;
import io.clituner.core.error.ErrorCode;
import io.clituner.inference.gguf.llamacpp.LlamaCppConfig;
import io.clituner.inference.gguf.llamacpp.LlamaCppEngineProvider;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every option of both GGUF engines, as a table: a good value parses, a misspelled key and a bad value are named. */
class GgufOptionsTest {
    private static final Path MODEL = Path.of("m.gguf");

    static InferenceEngineProvider provider(String engine) {
        return engine.equals("gguf") ? new LlamaCppEngineProvider() : new GgufEngineProvider();
    }

    /** engine | key | a good value | a bad value | what the error says is accepted. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "gguf|contextSize|512|10|an integer, 0 (automatic) or 64..1048576",
                "gguf|threads|3|0|an integer, 1..512",
                "gguf|gpuLayers|7|-1|an integer, 0..10000",
                "gguf|maxTokens|40|many|an integer, 1..8192",
                "gguf|stop|a\\,b,c|',,'|comma-separated non-empty strings",
                "gguf|seed|7|7.5|an integer, any",
                "gguf|nativeLibPath|/opt/llama-cuda|' '|a path",
                "gguf|chatFormat|llama3|vicuna|auto or one of chatml",
                "gguf|output|parser|grammer|one of grammar, parser",
                "gguf|temperature|0.7|hot|a number, 0.0..10.0",
                "gguf|topK|20|-3|an integer, 0..2147483647",
                "gguf|topP|0.5|0|a number in (0, 1]",
                "gguf|flashAttention|on|maybe|one of on, off, auto",
                "gguf|promptChunk|128|0|an integer, 1..8192",
                "gguf|kvReuse|false|ture|true or false",
                "java-llama.cpp|contextSize|0|63|an integer, 0 (automatic) or 64..1048576",
                "java-llama.cpp|threads|2|513|an integer, 1..512",
                "java-llama.cpp|gpuLayers|0|x|an integer, 0..10000",
                "java-llama.cpp|maxTokens|8192|8193|an integer, 1..8192",
                "java-llama.cpp|stop|\\n|''|comma-separated non-empty strings",
                "java-llama.cpp|seed|-1|one|an integer, any",
                "java-llama.cpp|nativeLibPath|lib|' '|a path",
                "java-llama.cpp|chatFormat|auto|alpaca|auto or one of chatml",
                "java-llama.cpp|grammar|false|ture|true or false",
            })
    void everyKeyParsesAndABadValueNamesTheKeyAndTheAcceptedValues(
            String engine, String key, String good, String bad, String accepted) {
        EngineOptions options = provider(engine).options();
        options.parse(Map.of(key, good));
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> options.parse(Map.of(key, bad)));
        assertEquals(ErrorCode.CONFIGURATION, e.code());
        assertTrue(e.getMessage().startsWith("option " + key + " must be " + accepted), e.getMessage());
    }

    @Test
    void theTableCoversEveryDeclaredKey() {
        assertEquals(
                Set.of(
                        "contextSize",
                        "threads",
                        "gpuLayers",
                        "maxTokens",
                        "stop",
                        "seed",
                        "nativeLibPath",
                        "chatFormat",
                        "output",
                        "temperature",
                        "topK",
                        "topP",
                        "flashAttention",
                        "promptChunk",
                        "kvReuse"),
                keys("gguf"));
        assertEquals(
                Set.of(
                        "contextSize",
                        "threads",
                        "gpuLayers",
                        "maxTokens",
                        "stop",
                        "seed",
                        "nativeLibPath",
                        "chatFormat",
                        "grammar"),
                keys("java-llama.cpp"));
    }

    private static Set<String> keys(String engine) {
        return provider(engine).options().specs().stream().map(OptionSpec::key).collect(Collectors.toSet());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "gguf|thread|threads",
                "gguf|maxToken|maxTokens",
                "gguf|outptu|output",
                "gguf|kvreuse|kvReuse",
                "gguf|flashAtention|flashAttention",
                "java-llama.cpp|grammer|grammar",
                "java-llama.cpp|contextsize|contextSize",
            })
    void aMisspelledKeyIsAnErrorNamingTheCloseKey(String engine, String key, String meant) {
        ConfigurationException e = assertThrows(
                ConfigurationException.class, () -> provider(engine).options().parse(Map.of(key, "1")));
        assertTrue(
                e.getMessage()
                        .startsWith("unknown option '" + key + "' for the " + engine + " engine; did you mean '" + meant
                                + "'"),
                e.getMessage());
        assertTrue(e.getMessage().contains("Accepted: contextSize, threads"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ture", "1", "yes", "off"})
    void grammarTureNoLongerSwitchesTheGrammarOff(String value) {
        ConfigurationException e = assertThrows(
                ConfigurationException.class,
                () -> GgufEngineConfig.fromSettings(EngineSettings.builder()
                        .model(MODEL)
                        .option("grammar", value)
                        .build()));
        assertEquals("option grammar must be true or false, got '" + value + "'", e.getMessage());
        assertFalse(GgufEngineConfig.fromSettings(EngineSettings.builder()
                        .model(MODEL)
                        .option("grammar", "FALSE")
                        .build())
                .grammar());
    }

    @Test
    void bothBuildersShareDefaultsAndChecks() {
        assertEquals(
                GgufOptions.DEFAULT_MAX_TOKENS,
                GgufEngineConfig.builder(MODEL).build().maxTokens());
        assertEquals(
                GgufOptions.DEFAULT_MAX_TOKENS,
                LlamaCppConfig.builder(MODEL).build().maxTokens());
        assertEquals(
                GgufEngineConfig.fromSettings(EngineSettings.forModel(MODEL)),
                GgufEngineConfig.builder(MODEL).build(),
                "options left out and a bare builder mean the same config");
        assertEquals(
                LlamaCppConfig.fromSettings(EngineSettings.forModel(MODEL)),
                LlamaCppConfig.builder(MODEL).build());
        for (var build : java.util.List.<Runnable>of(
                () -> GgufEngineConfig.builder(MODEL).gpuLayers(-1).build(),
                () -> LlamaCppConfig.builder(MODEL).gpuLayers(-1).build())) {
            assertEquals(
                    "option gpuLayers must be an integer, 0..10000, got '-1'",
                    assertThrows(ConfigurationException.class, build::run).getMessage());
        }
    }
}
