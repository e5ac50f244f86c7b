package io.clituner.examples.langchain4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.model.openai.OpenAiChatModel;
import io.clituner.inference.remote.server.LlamaServerExtension;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The example against a real llama-server; a llama.cpp grammar makes the tiny model propose the given command. */
class GuardedShellAgentTest {
    @RegisterExtension
    static final LlamaServerExtension SERVER = LlamaServerExtension.stories();

    private static GuardedShellAgent agentProposing(String command) {
        return new GuardedShellAgent(OpenAiChatModel.builder()
                .baseUrl(SERVER.baseUrl())
                .modelName(SERVER.alias())
                .temperature(0.0)
                .maxTokens(32)
                .timeout(Duration.ofSeconds(30))
                .customParameters(Map.of("grammar", "root ::= \"" + command + "\""))
                .build());
    }

    @Test
    void aDangerousCommandIsBlockedWithItsRules() {
        String out = agentProposing("rm -rf / --no-preserve-root").run("free some disk space");
        assertTrue(out.startsWith("blocked: DANGEROUS rules ["), out);
    }

    @Test
    void aSafeCommandIsHandedToTheTool() {
        assertEquals("run: df -h", agentProposing("df -h").run("how full are the disks"));
    }
}
