package io.clituner.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.clituner.inference.remote.server.LlamaServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code clituner translate --endpoint URL --remote-model NAME} against a real llama-server. */
class RemoteTranslateCommandTest {
    @RegisterExtension
    static final LlamaServerExtension SERVER = LlamaServerExtension.stories();

    @Test
    void theAnswerNamesTheEndpointAndTheServedModel() throws Exception {
        TranslateCommandTest.Run r = TranslateCommandTest.run(
                "translate",
                "list all pdf files",
                "--endpoint",
                SERVER.baseUrl(),
                "--remote-model",
                SERVER.alias(),
                "--few-shot",
                "0",
                "--json");
        JsonNode json = Json.MAPPER.readTree(r.out());
        // a tiny story model: the text may be no command, but the answer is complete JSON with provenance
        assertTrue(json.has("command") && json.has("risk"), r.out());
        assertEquals("remote:" + SERVER.baseUrl(), json.at("/provenance/engine").asText(), r.out());
        assertEquals("stories260K", json.at("/provenance/modelId").asText(), r.out());
    }

    @Test
    void aWrongModelNameIsATypedError() throws Exception {
        TranslateCommandTest.Run r = TranslateCommandTest.run(
                "translate",
                "list all pdf files",
                "--endpoint",
                SERVER.baseUrl(),
                "--remote-model",
                "gpt-4o",
                "--few-shot",
                "0",
                "--json");
        assertTrue(r.code() != 0);
        assertTrue(
                (r.out() + r.err()).contains("REMOTE_MODEL_NOT_FOUND")
                        || (r.out() + r.err()).contains("does not serve model"),
                r.out() + r.err());
    }
}
