package io.clituner.inference.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.core.engine.EngineSettings;
import io.clituner.core.engine.InferenceEngines;
import io.clituner.core.error.ConfigurationException;
import io.clituner.core.error.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RemoteEngineConfigTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
        "http://10.0.0.7:8000, http://10.0.0.7:8000/v1",
        "http://10.0.0.7:8000/, http://10.0.0.7:8000/v1",
        "https://api.example.com/v1/, https://api.example.com/v1",
        "HTTP://h/openai/v1, http://h/openai/v1"
    })
    void endpointsAreNormalizedToTheApiBase(String given, String expected) {
        assertEquals(expected, RemoteEngineConfig.builder(given, "m").build().endpointText());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"", "ftp://h/v1", "http:///v1", "http://user:secret@h/v1", "http://h/v1?key=secret", "not a url"
            })
    void badEndpointsAreConfigurationErrors(String endpoint) {
        var e = assertThrows(
                ConfigurationException.class,
                () -> RemoteEngineConfig.builder(endpoint, "m").build());
        assertEquals(ErrorCode.CONFIGURATION, e.code());
        assertFalse(e.getMessage().contains("secret") && !endpoint.contains("?"), e.getMessage());
    }

    @Test
    void numbersOutOfRangeAreConfigurationErrors() {
        assertThrows(
                ConfigurationException.class,
                () -> RemoteEngineConfig.builder("http://h", "m").maxRetries(11).build());
        assertThrows(
                ConfigurationException.class,
                () -> RemoteEngineConfig.builder("http://h", "m")
                        .maxConcurrent(0)
                        .build());
        assertThrows(
                ConfigurationException.class,
                () -> RemoteEngineConfig.builder("http://h", "m")
                        .timeout(Duration.ZERO)
                        .build());
        assertThrows(
                ConfigurationException.class,
                () -> RemoteEngineConfig.builder("http://h", "m").temperature(3).build());
        assertThrows(
                ConfigurationException.class,
                () -> RemoteEngineConfig.builder("http://h", " ").build());
    }

    @Test
    void settingsCarryEveryOption() throws Exception {
        Path key = Files.writeString(dir.resolve("k"), "sk-1");
        RemoteEngineConfig c = RemoteEngineConfig.fromSettings(EngineSettings.builder()
                .option("endpoint", "http://127.0.0.1:9/v1")
                .option("model", "coder")
                .option("apiKeyFile", key)
                .option("timeoutMs", 1500)
                .option("maxRetries", 4)
                .option("backoffMs", 50)
                .option("maxBackoffMs", 800)
                .option("maxConcurrent", 3)
                .option("acquireTimeoutMs", 70)
                .option("maxTokens", 64)
                .option("temperature", "0.2")
                .option("seed", 7)
                .option("stop", "\n\n|</s>")
                .option("revision", "sha256:ff")
                .option("verifyModel", false)
                .option("logprobs", false)
                .option("extra.ignore_eos", "true")
                .option("extra.n_probs", "2")
                .option("extra.grammar", "root ::= \"ls\"")
                .build());
        assertEquals(Duration.ofMillis(1500), c.timeout());
        assertEquals(4, c.maxRetries());
        assertEquals(Duration.ofMillis(50), c.initialBackoff());
        assertEquals(Duration.ofMillis(800), c.maxBackoff());
        assertEquals(3, c.maxConcurrent());
        assertEquals(Duration.ofMillis(70), c.acquireTimeout());
        assertEquals(64, c.maxTokens());
        assertEquals(0.2, c.temperature());
        assertEquals(7, c.seed());
        assertEquals(List.of("\n\n", "</s>"), c.stop());
        assertEquals("sha256:ff", c.revision());
        assertFalse(c.verifyModel());
        assertFalse(c.logprobs());
        assertEquals(Map.of("ignore_eos", true, "n_probs", 2L, "grammar", "root ::= \"ls\""), c.extraBody());
        assertEquals("file " + key, c.apiKey().source());
    }

    @Test
    void theSpiPicksTheRemoteEngineOnlyForAnEndpoint() {
        assertEquals(
                "remote",
                InferenceEngines.select(EngineSettings.builder()
                                .option("endpoint", "http://h")
                                .build())
                        .name());
        assertFalse(new RemoteEngineProvider().supports(EngineSettings.defaults()));
        var e = assertThrows(
                ConfigurationException.class,
                () -> InferenceEngines.open(
                        EngineSettings.builder().option("endpoint", "http://h").build()));
        assertTrue(e.getMessage().contains("model"), e.getMessage());
    }

    @Test
    void apiKeysComeFromOneSourceAndNeverPrint() throws Exception {
        Path key = Files.writeString(dir.resolve("k"), "  sk-abc  \nsecond line ignored\n");
        ApiKey fromFile = ApiKey.fromFile(key);
        assertEquals("sk-abc", fromFile.reveal());
        assertFalse(fromFile.toString().contains("sk-abc"));
        ApiKey fromEnv = ApiKey.fromEnvironment("OPENAI_API_KEY", Map.of("OPENAI_API_KEY", "sk-env")::get);
        assertEquals("sk-env", fromEnv.reveal());
        assertEquals("ApiKey[from environment variable OPENAI_API_KEY, redacted]", fromEnv.toString());
        assertThrows(
                ConfigurationException.class, () -> ApiKey.fromEnvironment("UNSET", Map.<String, String>of()::get));
        assertThrows(ConfigurationException.class, () -> ApiKey.fromFile(dir.resolve("missing")));
        assertThrows(
                ConfigurationException.class, () -> ApiKey.fromFile(Files.writeString(dir.resolve("empty"), "\n")));
        assertThrows(
                ConfigurationException.class, () -> ApiKey.fromOptions(Map.of("apiKeyEnv", "A", "apiKeyFile", "f")));
        assertFalse(ApiKey.fromOptions(Map.of()).present());
    }
}
