package io.clituner.inference.remote.guardrail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.guardrail.OutputGuardrail;
import dev.langchain4j.guardrail.OutputGuardrailResult;
import io.clituner.core.RiskLevel;
import io.clituner.core.SafetyLevel;
import io.clituner.core.analysis.CommandAnalyzer;
import io.clituner.core.analysis.Verdict;
import io.clituner.core.error.CliTunerException;
import io.clituner.guardrails.BashCommandAnalyzer;
import io.clituner.guardrails.extract.CommandExtractor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A LangChain4j {@link OutputGuardrail} that puts the project's bash analyzer between an AI
 * service and whatever executes its commands. It judges the command in the response text (extracted
 * as the pipeline extracts it: fences, prompts and labels removed) and the command arguments of any
 * tool calls ({@code command}, {@code cmd}, {@code script} by default).
 *
 * <ul>
 *   <li>DANGEROUS: a failure naming the rule ids (the AI service throws an
 *       {@code OutputGuardrailException} whose cause is an {@link UnsafeCommandException});</li>
 *   <li>REVIEW: what {@link ReviewOutcome} says (by default also a failure);</li>
 *   <li>SAFE: success, the response unchanged.</li>
 * </ul>
 * Thread-safe; one instance can guard many services.
 */
public final class ShellCommandGuardrail implements OutputGuardrail {
    /** What a REVIEW verdict does. */
    public enum ReviewOutcome {
        /** let the response through */
        ALLOW,
        /** fail the call (the default: nothing below SAFE runs unattended) */
        FAIL,
        /** fail without LangChain4j's retries */
        FATAL,
        /** ask the model again, telling it which rules fired */
        REPROMPT
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CommandAnalyzer analyzer;
    private final SafetyLevel level;
    private final ReviewOutcome onReview;
    private final Set<String> toolArguments;
    private final boolean checkText;
    private final CommandExtractor extractor;

    private ShellCommandGuardrail(Builder b) {
        this.analyzer = b.analyzer;
        this.level = b.level;
        this.onReview = b.onReview;
        this.toolArguments = Set.copyOf(b.toolArguments);
        this.checkText = b.checkText;
        this.extractor = b.analyzer instanceof BashCommandAnalyzer bash
                ? new CommandExtractor(
                        bash.policy().minOutputLength(), bash.policy().maxOutputLength())
                : new CommandExtractor(1, 4096);
    }

    /** STRICT, REVIEW fails, text and tool arguments checked. */
    public ShellCommandGuardrail() {
        this(builder());
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public OutputGuardrailResult validate(AiMessage response) {
        List<String[]> commands = new ArrayList<>(); // {source, command}
        if (response.hasToolExecutionRequests()) {
            for (ToolExecutionRequest call : response.toolExecutionRequests()) {
                collectToolCommands(call, commands);
            }
        }
        if (checkText && response.text() != null && !response.text().isBlank()) {
            try {
                commands.add(new String[] {"text", extractor.extract(response.text())});
            } catch (CliTunerException notOneCommand) {
                return failure("the response is not one shell command: " + notOneCommand.getMessage(), notOneCommand);
            }
        }
        OutputGuardrailResult review = null;
        for (String[] c : commands) {
            Verdict v = analyzer.analyze(c[1], level);
            if (v.risk() == RiskLevel.DANGEROUS) {
                UnsafeCommandException why = new UnsafeCommandException(c[1], c[0], v);
                return failure("DANGEROUS command blocked, rules " + v.ruleIds() + " (" + c[0] + ")", why);
            }
            if (v.risk() == RiskLevel.REVIEW && review == null) {
                review = reviewResult(new UnsafeCommandException(c[1], c[0], v));
            }
        }
        return review != null ? review : success();
    }

    /** The result for a REVIEW command; null when REVIEW is allowed. */
    private @Nullable OutputGuardrailResult reviewResult(UnsafeCommandException why) {
        String msg = "command needs review, rules " + why.verdict().ruleIds() + " (" + why.source() + ")";
        return switch (onReview) {
            case ALLOW -> null;
            case FAIL -> failure(msg, why);
            case FATAL -> fatal(msg, why);
            case REPROMPT ->
                reprompt(
                        msg,
                        why,
                        "Your command `" + why.command() + "` triggered the safety rules "
                                + why.verdict().ruleIds() + ". Give one safer bash command that does the same task.");
        };
    }

    private void collectToolCommands(ToolExecutionRequest call, List<String[]> out) {
        String args = call.arguments();
        if (args == null || args.isBlank()) {
            return;
        }
        JsonNode node;
        try {
            node = JSON.readTree(args);
        } catch (IOException e) {
            // arguments that are not JSON cannot be inspected: judge them as one command
            out.add(new String[] {"tool " + call.name() + " arguments", args});
            return;
        }
        if (node != null && node.isObject()) {
            node.properties().forEach(field -> {
                if (toolArguments.contains(field.getKey()) && field.getValue().isTextual()) {
                    out.add(new String[] {
                        "tool " + call.name() + " argument " + field.getKey(),
                        field.getValue().asText()
                    });
                }
            });
        }
    }

    public static final class Builder {
        private CommandAnalyzer analyzer = new BashCommandAnalyzer();
        private SafetyLevel level = SafetyLevel.STRICT;
        private ReviewOutcome onReview = ReviewOutcome.FAIL;
        private final Set<String> toolArguments = new LinkedHashSet<>(List.of("command", "cmd", "script"));
        private boolean checkText = true;

        public Builder analyzer(CommandAnalyzer a) {
            this.analyzer = Objects.requireNonNull(a, "analyzer");
            return this;
        }

        public Builder safetyLevel(SafetyLevel l) {
            this.level = Objects.requireNonNull(l, "level");
            return this;
        }

        public Builder onReview(ReviewOutcome o) {
            this.onReview = Objects.requireNonNull(o, "onReview");
            return this;
        }

        /** Tool-call argument names whose string values are shell commands (replaces the defaults). */
        public Builder toolArguments(String... names) {
            toolArguments.clear();
            toolArguments.addAll(List.of(names));
            return this;
        }

        /** Whether the response text is itself a command (true by default; off for agents that talk and call tools). */
        public Builder checkText(boolean v) {
            this.checkText = v;
            return this;
        }

        public ShellCommandGuardrail build() {
            return new ShellCommandGuardrail(this);
        }
    }
}
