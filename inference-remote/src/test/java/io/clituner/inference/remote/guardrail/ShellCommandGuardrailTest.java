package io.clituner.inference.remote.guardrail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.guardrail.GuardrailResult;
import dev.langchain4j.guardrail.OutputGuardrailResult;
import io.clituner.core.RiskLevel;
import io.clituner.inference.remote.guardrail.ShellCommandGuardrail.ReviewOutcome;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ShellCommandGuardrailTest {
    private static final String WIPE = "rm -rf / --no-preserve-root";
    private static final String REVIEW = "git reset --hard";

    private static UnsafeCommandException cause(OutputGuardrailResult r) {
        return assertInstanceOf(
                UnsafeCommandException.class, r.failures().get(0).cause());
    }

    @Test
    void aDangerousCommandInTheTextFailsWithItsRuleIds() {
        OutputGuardrailResult r = new ShellCommandGuardrail().validate(AiMessage.from("```bash\n" + WIPE + "\n```"));
        assertEquals(GuardrailResult.Result.FAILURE, r.result());
        UnsafeCommandException why = cause(r);
        assertEquals(RiskLevel.DANGEROUS, why.verdict().risk());
        assertEquals(WIPE, why.command(), "extracted from the fence as the pipeline extracts it");
        assertFalse(why.verdict().ruleIds().isEmpty());
        assertTrue(
                r.failures().get(0).message().contains(why.verdict().ruleIds().get(0)),
                r.failures().get(0).message());
    }

    @Test
    void aDangerousToolArgumentFailsEvenWhenTheTextIsHarmless() {
        AiMessage message = AiMessage.from(
                "I'll clean up for you.",
                List.of(ToolExecutionRequest.builder()
                        .id("1")
                        .name("run_shell")
                        .arguments("{\"command\":\"" + WIPE + "\",\"timeout\":30}")
                        .build()));
        OutputGuardrailResult r =
                ShellCommandGuardrail.builder().checkText(false).build().validate(message);
        assertEquals(GuardrailResult.Result.FAILURE, r.result());
        assertEquals("tool run_shell argument command", cause(r).source());
    }

    @Test
    void safeCommandsAndOtherToolArgumentsPass() {
        assertTrue(
                new ShellCommandGuardrail().validate(AiMessage.from("ls -la")).isSuccess());
        AiMessage call = AiMessage.from(List.of(ToolExecutionRequest.builder()
                .id("1")
                .name("note")
                .arguments("{\"text\":\"" + WIPE + "\"}")
                .build()));
        assertTrue(new ShellCommandGuardrail().validate(call).isSuccess(), "only command arguments are commands");
    }

    @Test
    void proseIsNotACommand() {
        OutputGuardrailResult r =
                new ShellCommandGuardrail().validate(AiMessage.from("Sure!\nFirst you should\nthink about it."));
        assertEquals(GuardrailResult.Result.FAILURE, r.result());
    }

    @ParameterizedTest
    @EnumSource(ReviewOutcome.class)
    void reviewHasAConfigurableOutcome(ReviewOutcome outcome) {
        OutputGuardrailResult r =
                ShellCommandGuardrail.builder().onReview(outcome).build().validate(AiMessage.from(REVIEW));
        switch (outcome) {
            case ALLOW -> assertTrue(r.isSuccess());
            case FAIL -> assertEquals(GuardrailResult.Result.FAILURE, r.result());
            case FATAL -> assertEquals(GuardrailResult.Result.FATAL, r.result());
            case REPROMPT -> {
                assertTrue(r.isReprompt());
                assertTrue(r.getReprompt().orElseThrow().contains(REVIEW));
            }
        }
        if (!r.isSuccess()) {
            assertEquals(RiskLevel.REVIEW, cause(r).verdict().risk());
        }
    }
}
