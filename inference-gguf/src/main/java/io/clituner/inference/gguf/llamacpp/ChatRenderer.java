package io.clituner.inference.gguf.llamacpp;

import com.sun.jna.Memory;
import io.clituner.core.engine.ChatMessage;
import io.clituner.inference.gguf.internal.llamacpp.Llama;
import io.clituner.inference.gguf.template.ChatFormat;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Renders chat messages with llama.cpp's own template engine ({@code llama_chat_apply_template}) on the template the
 * GGUF carries, or on one of llama.cpp's built-in templates by name. llama.cpp recognizes a template by its markers
 * and renders it natively, so no template code from the file is executed. A template llama.cpp does not know falls
 * back to the Java rendering of the closest {@link ChatFormat} (recorded as the source).
 */
final class ChatRenderer {
    /** The template llama.cpp renders (GGUF text or a built-in name), or null for the Java rendering of {@code fallback}. */
    private final @Nullable String template;

    private final ChatFormat fallback;
    private final String source;

    private ChatRenderer(@Nullable String template, ChatFormat fallback, String source) {
        this.template = template;
        this.fallback = fallback;
        this.source = source;
    }

    /**
     * @param ggufTemplate the model's {@code tokenizer.chat_template}, or null
     * @param forced       a format the user chose, or null
     * @param fallback     the format for this model when llama.cpp cannot use its template
     */
    static ChatRenderer choose(@Nullable String ggufTemplate, @Nullable ChatFormat forced, ChatFormat fallback) {
        if (forced != null) {
            return probe(
                    forced.llamaCppName(), forced, "configured (llama.cpp built-in " + forced.llamaCppName() + ")");
        }
        if (ggufTemplate != null && !ggufTemplate.isBlank()) {
            ChatRenderer r = probe(ggufTemplate, fallback, "gguf-template (llama.cpp)");
            if (r.template != null) {
                return r;
            }
            return new ChatRenderer(
                    null, fallback, "java " + fallback.llamaCppName() + " (llama.cpp does not know the GGUF template)");
        }
        return probe(
                fallback.llamaCppName(),
                fallback,
                "architecture-default (llama.cpp built-in " + fallback.llamaCppName() + ")");
    }

    private static ChatRenderer probe(String template, ChatFormat fallback, String source) {
        return renderNative(template, List.of(ChatMessage.user("x"))) != null
                ? new ChatRenderer(template, fallback, source)
                : new ChatRenderer(null, fallback, "java " + fallback.llamaCppName());
    }

    String source() {
        return source;
    }

    String render(List<ChatMessage> messages) {
        if (template != null) {
            String s = renderNative(template, messages);
            if (s != null) {
                return s;
            }
        }
        return fallback.apply(messages);
    }

    /** The rendered prompt, or null when llama.cpp cannot render {@code template}. */
    private static @Nullable String renderNative(String template, List<ChatMessage> messages) {
        int n = messages.size();
        Memory[] strings = new Memory[2 * n]; // kept reachable until the call returns
        Memory chat = new Memory(16L * n);
        int chars = 0;
        for (int i = 0; i < n; i++) {
            ChatMessage m = messages.get(i);
            strings[2 * i] = cString(m.role().name().toLowerCase(Locale.ROOT));
            strings[2 * i + 1] = cString(m.content());
            chat.setPointer(16L * i, strings[2 * i]);
            chat.setPointer(16L * i + 8, strings[2 * i + 1]);
            chars += m.content().length();
        }
        byte[] buf = new byte[Math.max(1024, 4 * chars + 512)];
        int len = Llama.llama_chat_apply_template(template, chat, n, true, buf, buf.length);
        if (len > buf.length) {
            buf = new byte[len];
            len = Llama.llama_chat_apply_template(template, chat, n, true, buf, buf.length);
        }
        return len < 0 ? null : new String(buf, 0, len, StandardCharsets.UTF_8);
    }

    private static Memory cString(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        Memory m = new Memory(b.length + 1L);
        m.write(0, b, 0, b.length);
        m.setByte(b.length, (byte) 0);
        return m;
    }
}
