package io.clituner.core.engine;

import io.clituner.core.hash.Digests;
import java.util.List;
import java.util.Objects;

/**
 * The model-independent prompt: chat messages (system, few-shot turns, user) that each engine
 * renders through its model's own template, plus the few-shot examples it contains.
 */
public record Prompt(List<ChatMessage> messages, List<FewShotExample> examples) {
    public Prompt {
        messages = List.copyOf(messages);
        examples = List.copyOf(examples);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a prompt needs at least one message");
        }
        Objects.requireNonNull(messages.get(messages.size() - 1), "last message");
    }

    /** The final user message: the normalized query. */
    public String userMessage() {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).role() == ChatMessage.Role.USER) {
                return messages.get(i).content();
            }
        }
        return "";
    }

    /** SHA-256 over an unambiguous encoding (role, length, content) of every message. */
    public String sha256() {
        StringBuilder sb = new StringBuilder();
        for (ChatMessage m : messages) {
            sb.append(m.role().name())
                    .append(':')
                    .append(m.content().length())
                    .append(':')
                    .append(m.content())
                    .append('\n');
        }
        return Digests.sha256Hex(sb.toString());
    }
}
