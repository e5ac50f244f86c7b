package io.clituner.inference.djl.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.core.engine.EngineSettings;
import io.clituner.core.engine.InferenceEngine;
import io.clituner.core.engine.InferenceEngines;
import io.clituner.core.error.ConfigurationException;
import io.clituner.core.error.ErrorCode;
import io.clituner.core.error.NoSuggestionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetrievalEngineProviderTest {
    private final RetrievalEngineProvider provider = new RetrievalEngineProvider();

    @Test
    void registeredAndChosenOnlyWhenNoModelFileIsConfigured() {
        assertTrue(InferenceEngines.providers().stream().anyMatch(p -> p instanceof RetrievalEngineProvider));
        assertTrue(provider.supports(EngineSettings.defaults()));
        assertFalse(provider.supports(EngineSettings.forModel(Path.of("model.gguf"))));
        assertEquals(
                "retrieval", InferenceEngines.select(EngineSettings.defaults()).name());
        assertTrue(provider.priority() < 100, "must rank below the gguf provider");
    }

    @Test
    void userBankAndThresholdComeFromOptions(@TempDir Path dir) throws IOException {
        Path tsv = dir.resolve("team.tsv");
        Files.writeString(tsv, "deploy the staging stack\tmake deploy-staging\n");
        EngineSettings settings = EngineSettings.builder()
                .engine("retrieval")
                .option("bank", tsv)
                .option("builtinBank", false)
                .option("minSimilarity", 0.6)
                .build();
        try (InferenceEngine engine = InferenceEngines.open(settings)) {
            assertEquals("1", engine.model().metadata().get("bankSize"));
            assertEquals(
                    "make deploy-staging",
                    RetrievalEngineTest.ask(engine, "deploy to staging").text());
            assertThrows(NoSuggestionException.class, () -> RetrievalEngineTest.ask(engine, "list files"));
        }
    }

    @Test
    void badOptionsAreTypedConfigurationErrors() {
        ConfigurationException e = assertThrows(
                ConfigurationException.class,
                () -> provider.open(
                        EngineSettings.builder().option("minSimilarity", "high").build()));
        assertEquals(ErrorCode.CONFIGURATION, e.code());
        assertThrows(
                ConfigurationException.class,
                () -> provider.open(
                        EngineSettings.builder().option("builtinBank", false).build()));
        assertThrows(
                ConfigurationException.class,
                () -> provider.open(EngineSettings.builder()
                        .option("bank", "/nonexistent/bank.tsv")
                        .build()));
        assertThrows(ConfigurationException.class, () -> provider.open(EngineSettings.forModel(Path.of("m.gguf"))));
    }

    @Test
    void fewShotSourceReturnsNearestExamplesWithIdsAndAStableFingerprint() {
        try (EmbeddingFewShotSource source = EmbeddingFewShotSource.builtIn()) {
            var examples = source.nearest("create a gzip compressed tarball of the logs directory", 3);
            assertEquals(3, examples.size());
            assertTrue(examples.get(0).command().startsWith("tar "), examples.toString());
            assertTrue(examples.get(0).similarity() >= examples.get(2).similarity());
            assertTrue(examples.stream().allMatch(x -> x.id().startsWith("builtin:")));
            assertEquals(0, source.nearest("anything", 0).size());
            assertTrue(source.fingerprint().matches("[0-9a-f]{16}-[0-9a-f]{16}"));
        }
    }
}
