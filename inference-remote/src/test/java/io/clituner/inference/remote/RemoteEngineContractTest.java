package io.clituner.inference.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.core.RawModelOutput;
import io.clituner.core.engine.EngineSettings;
import io.clituner.core.engine.InferenceEngine;
import io.clituner.core.engine.InferenceEngines;
import io.clituner.inference.remote.server.LlamaServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The engine contract against a real llama-server (started for this class) serving stories260K. */
class RemoteEngineContractTest extends InferenceEngineContract {
    @RegisterExtension
    static final LlamaServerExtension SERVER = LlamaServerExtension.stories();

    @Override
    protected InferenceEngine openEngine() {
        // through the SPI, as a host would: settings that name an endpoint select the remote engine
        return InferenceEngines.open(EngineSettings.builder()
                .option("endpoint", SERVER.baseUrl())
                .option("model", SERVER.alias())
                .option("maxTokens", 32)
                .build());
    }

    @Test
    void identityNamesTheEndpointAndTheServedModel() {
        try (InferenceEngine engine = openEngine()) {
            assertTrue(engine instanceof RemoteEngine);
            assertEquals("remote:" + SERVER.baseUrl(), engine.model().engine());
            assertEquals("stories260K", engine.model().id());
            assertEquals("true", engine.model().metadata().get("modelListed"));
            assertTrue(
                    engine.model().version().startsWith("fingerprint:b"),
                    "llama-server reports its build: " + engine.model().version());
        }
    }

    @Test
    void outputCarriesTheServersAccounting() {
        try (RemoteEngine engine = (RemoteEngine) openEngine()) {
            RawModelOutput out = engine.generate(prompt("list files"), request("list files"));
            assertEquals(SERVER.baseUrl(), out.details().get("endpoint"));
            assertEquals("1", out.details().get("attempts"));
            assertEquals("stories260K", out.details().get("servedModel"));
            assertTrue(out.promptTokens() > 0);
            assertEquals(
                    RemoteEngine.LOGPROB_METHOD,
                    out.confidenceMethod(),
                    "llama-server returns token log-probabilities");
            var stats = engine.endpointStats();
            assertEquals(1, stats.size());
            assertEquals(1, stats.get(0).successes());
            assertEquals(out.completionTokens(), stats.get(0).completionTokens());
        }
    }
}
