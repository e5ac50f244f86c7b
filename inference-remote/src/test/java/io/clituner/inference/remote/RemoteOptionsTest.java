package io.clituner.inference.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.core.engine.EngineSettings;
import io.clituner.core.engine.InferenceEngines;
import io.clituner.core.engine.options.EngineOptions;
import io.clituner.core.engine.options.OptionSpec;
import io.clituner.core.error.ConfigurationException;
import io.clituner.core.error.ErrorCode;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every option of the remote engine, as a table; nothing is contacted (options are read before). */
class RemoteOptionsTest {
    private static final EngineOptions OPTIONS = new RemoteEngineProvider().options();

    /** key | a good value | a bad value | what the error says is accepted. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "endpoint|http://127.0.0.1:8080/v1|' '|non-blank text",
                "model|coder|''|non-blank text",
                "apiKeyEnv|OPENAI_API_KEY|' '|non-blank text",
                "apiKeyFile|/run/secrets/key|' '|a path",
                "timeoutMs|1500|0|an integer, 1..2147483647",
                "maxRetries|4|11|an integer, 0..10",
                "backoffMs|50|fifty|an integer, 1..2147483647",
                "maxBackoffMs|800|-1|an integer, 1..2147483647",
                "maxConcurrent|3|10001|an integer, 1..10000",
                "acquireTimeoutMs|0|-5|an integer, 0..2147483647",
                "maxTokens|64|32769|an integer, 1..32768",
                "temperature|0.2|2.5|a number, 0.0..2.0",
                "seed|7|seven|an integer, any",
                "stop|</s>|'a||b'|'non-empty strings separated by |'",
                "revision|sha256:ff|' '|non-blank text",
                "verifyModel|false|no|true or false",
                "probe|TRUE|0|true or false",
                "logprobs|false|ture|true or false",
                "extra.n_probs|2|-|-",
            })
    void everyKeyParsesAndABadValueNamesTheKeyAndTheAcceptedValues(
            String key, String good, String bad, String accepted) {
        OPTIONS.parse(Map.of(key, good));
        if (accepted.equals("-")) {
            return; // extra.NAME is sent as given: the server judges it
        }
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> OPTIONS.parse(Map.of(key, bad)));
        assertEquals(ErrorCode.CONFIGURATION, e.code());
        assertEquals("option " + key + " must be " + accepted + ", got '" + bad + "'", e.getMessage());
    }

    @Test
    void theTableCoversEveryDeclaredKey() {
        assertEquals(
                Set.of(
                        "endpoint",
                        "model",
                        "apiKeyEnv",
                        "apiKeyFile",
                        "timeoutMs",
                        "maxRetries",
                        "backoffMs",
                        "maxBackoffMs",
                        "maxConcurrent",
                        "acquireTimeoutMs",
                        "maxTokens",
                        "temperature",
                        "seed",
                        "stop",
                        "revision",
                        "verifyModel",
                        "probe",
                        "logprobs",
                        "extra."),
                OPTIONS.specs().stream().map(OptionSpec::key).collect(Collectors.toSet()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "timeoutMS|timeoutMs",
                "maxRetry|maxRetries",
                "verfiyModel|verifyModel",
                "apikeyenv|apiKeyEnv",
            })
    void aMisspelledKeyIsRefusedBeforeAnyConnection(String key, String meant) {
        ConfigurationException e = assertThrows(
                ConfigurationException.class,
                () -> InferenceEngines.open(EngineSettings.builder()
                        .option("endpoint", "http://127.0.0.1:9/v1")
                        .option("model", "coder")
                        .option(key, "1")
                        .build()));
        assertTrue(
                e.getMessage()
                        .startsWith("unknown option '" + key + "' for the remote engine; did you mean '" + meant + "'"),
                e.getMessage());
        assertTrue(e.getMessage().contains("Accepted: endpoint, model, apiKeyEnv"), e.getMessage());
    }

    @Test
    void theBuilderAndEmptyOptionsMeanTheSameConfig() {
        RemoteEngineConfig built =
                RemoteEngineConfig.builder("http://127.0.0.1:9/v1", "coder").build();
        RemoteEngineConfig read = RemoteEngineConfig.fromSettings(EngineSettings.builder()
                .option("endpoint", "http://127.0.0.1:9/v1")
                .option("model", "coder")
                .build());
        assertEquals(built.timeout(), read.timeout());
        assertEquals(built.maxRetries(), read.maxRetries());
        assertEquals(built.initialBackoff(), read.initialBackoff());
        assertEquals(built.maxBackoff(), read.maxBackoff());
        assertEquals(built.maxConcurrent(), read.maxConcurrent());
        assertEquals(built.acquireTimeout(), read.acquireTimeout());
        assertEquals(built.maxTokens(), read.maxTokens());
        assertEquals(built.seed(), read.seed());
        assertEquals(built.verifyModel(), read.verifyModel());
        assertEquals(
                "option maxRetries must be an integer, 0..10, got '11'",
                assertThrows(
                                ConfigurationException.class,
                                () -> RemoteEngineConfig.builder("http://127.0.0.1:9/v1", "coder")
                                        .maxRetries(11)
                                        .build())
                        .getMessage(),
                "code and option text obey one rule");
    }

    @Test
    void newlinesInStopStringsSurvive() {
        assertEquals(
                java.util.List.of("\n\n", "</s>"),
                OPTIONS.parse(Map.of("stop", "\n\n|</s>")).get(RemoteEngineConfig.STOP));
    }
}
