package io.clituner.core.prompt;

import io.clituner.core.NormalizedRequest;
import io.clituner.core.engine.ChatMessage;
import io.clituner.core.engine.FewShotExample;
import io.clituner.core.engine.Prompt;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the model-independent prompt: a system message asking for one bash command, the
 * few-shot examples as prior user/assistant turns, then the user's normalized query.
 */
public final class PromptBuilder {
    public static final String DEFAULT_SYSTEM_PROMPT =
            "You translate a request into exactly one bash command for a Linux system. "
                    + "Reply with the command only, on a single line, with no explanation, no markdown and no code fences. "
                    + "Prefer safe, read-only commands; never delete, overwrite or change system files unless the request says so.";

    private final String systemPrompt;

    public PromptBuilder() {
        this(DEFAULT_SYSTEM_PROMPT);
    }

    public PromptBuilder(String systemPrompt) {
        this.systemPrompt = systemPrompt;
    }

    public Prompt build(NormalizedRequest request, List<FewShotExample> examples) {
        List<ChatMessage> messages = new ArrayList<>(2 + 2 * examples.size());
        messages.add(ChatMessage.system(systemPrompt));
        for (FewShotExample e : examples) {
            messages.add(ChatMessage.user(e.query()));
            messages.add(ChatMessage.assistant(e.command()));
        }
        messages.add(ChatMessage.user(request.text()));
        return new Prompt(messages, examples);
    }

    /** Identifies the prompt recipe; part of the response-cache key. */
    public String fingerprint() {
        return io.clituner.core.hash.Digests.sha256Hex(systemPrompt).substring(0, 16);
    }
}
