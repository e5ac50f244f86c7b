package io.clituner.inference.remote.guardrail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.guardrail.OutputGuardrailException;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.SystemMessage;
import io.clituner.core.RiskLevel;
import io.clituner.inference.remote.server.LlamaServerExtension;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real LangChain4j AI service on a real llama-server. The tiny model is made to propose a given
 * command with a llama.cpp grammar, standing in for an agent whose model decided on that command.
 */
class ShellCommandGuardrailAiServiceTest {
    @RegisterExtension
    static final LlamaServerExtension SERVER = LlamaServerExtension.stories();

    /** An agent step: the command a shell tool is about to run. */
    interface ShellAgent {
        @SystemMessage("You are a shell agent. Answer with the one bash command your shell tool should run.")
        String nextCommand(String task);
    }

    private static ShellAgent agent(String forcedCommand) {
        OpenAiChatModel model = OpenAiChatModel.builder()
                .baseUrl(SERVER.baseUrl())
                .modelName(SERVER.alias())
                .temperature(0.0)
                .maxTokens(32)
                .timeout(Duration.ofSeconds(30))
                .customParameters(Map.of("grammar", "root ::= \"" + forcedCommand + "\""))
                .build();
        return AiServices.builder(ShellAgent.class)
                .chatModel(model)
                .outputGuardrails(new ShellCommandGuardrail())
                .build();
    }

    @Test
    void aDangerousToolCommandIsBlockedBeforeItCanRun() {
        var e = assertThrows(
                OutputGuardrailException.class,
                () -> agent("rm -rf / --no-preserve-root").nextCommand("free some disk space"));
        UnsafeCommandException why = assertInstanceOf(UnsafeCommandException.class, e.getCause());
        assertEquals(RiskLevel.DANGEROUS, why.verdict().risk());
        assertEquals("rm -rf / --no-preserve-root", why.command());
        for (String rule : why.verdict().ruleIds()) {
            assertTrue(e.getMessage().contains(rule), "rule " + rule + " named in: " + e.getMessage());
        }
    }

    @Test
    void aSafeCommandReachesTheCaller() {
        assertEquals("du -sh .", agent("du -sh .").nextCommand("how big is this directory"));
    }
}
