package io.clituner.examples.langchain4j;

import dev.langchain4j.guardrail.OutputGuardrailException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.SystemMessage;
import io.clituner.inference.remote.guardrail.ShellCommandGuardrail;
import io.clituner.inference.remote.guardrail.ShellCommandGuardrail.ReviewOutcome;
import io.clituner.inference.remote.guardrail.UnsafeCommandException;
import java.time.Duration;

/**
 * A LangChain4j AI service whose answers are shell commands for a tool to run, with CLI-Tuner's
 * bash analyzer in front of the tool as an output guardrail: a DANGEROUS command never reaches
 * {@link #run}; a REVIEW command is sent back to the model once with the rules that fired.
 *
 * <pre>java … GuardedShellAgent http://127.0.0.1:8080/v1 qwen2.5-coder-7b "free some disk space"</pre>
 */
public final class GuardedShellAgent {
    /** The AI service: one task in, the one bash command to run out. */
    public interface ShellAgent {
        @SystemMessage("You are a shell agent. Answer with exactly one bash command for the task, nothing else.")
        String nextCommand(String task);
    }

    private final ShellAgent agent;

    public GuardedShellAgent(ChatModel model) {
        this.agent = AiServices.builder(ShellAgent.class)
                .chatModel(model)
                .outputGuardrails(ShellCommandGuardrail.builder()
                        .onReview(ReviewOutcome.REPROMPT)
                        .build())
                .build();
    }

    /**
     * The command the agent would run for {@code task}, or the guardrail's refusal.
     *
     * @return {@code "run: COMMAND"} or {@code "blocked: RISK rules [...]"}
     */
    public String run(String task) {
        try {
            String command = agent.nextCommand(task);
            return "run: " + command; // a real agent would hand it to its shell tool here
        } catch (OutputGuardrailException e) {
            if (e.getCause() instanceof UnsafeCommandException unsafe) {
                return "blocked: " + unsafe.verdict().risk() + " rules "
                        + unsafe.verdict().ruleIds();
            }
            return "blocked: " + e.getMessage();
        }
    }

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println(
                    "usage: GuardedShellAgent ENDPOINT_URL MODEL TASK   (API key, if any, from $OPENAI_API_KEY)");
            System.exit(2);
        }
        ChatModel model = OpenAiChatModel.builder()
                .baseUrl(args[0])
                .modelName(args[1])
                .apiKey(System.getenv("OPENAI_API_KEY"))
                .temperature(0.0)
                .timeout(Duration.ofSeconds(60))
                .build();
        System.out.println(new GuardedShellAgent(model).run(args[2]));
    }
}
