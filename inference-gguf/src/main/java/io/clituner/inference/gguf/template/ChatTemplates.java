package io.clituner.inference.gguf.template;

import io.clituner.inference.gguf.format.GgufFile;
import java.util.Locale;
import java.util.Optional;

/**
 * Chooses the {@link ChatFormat} for a model: from the Jinja template in its GGUF
 * ({@code tokenizer.chat_template}) by the markers each family's template must contain, the way
 * llama.cpp detects its built-in templates, else a built-in default for the model's architecture.
 * Recognizing the family and rendering it natively, rather than interpreting Jinja, keeps untrusted
 * template code out of the process while covering the families in the issue.
 */
public final class ChatTemplates {
    /** Which format was chosen and why (recorded in the model identity). */
    public record Choice(ChatFormat format, String source) {}

    private ChatTemplates() {}

    public static Choice choose(GgufFile model) {
        Optional<String> template = model.chatTemplate();
        if (template.isPresent()) {
            Optional<ChatFormat> detected = detect(template.get());
            if (detected.isPresent()) {
                return new Choice(detected.get(), "gguf-template");
            }
        }
        return new Choice(
                forArchitecture(model.architecture()),
                template.isPresent()
                        ? "architecture-default (template not recognized)"
                        : "architecture-default (no template)");
    }

    /** The family of a Jinja chat template, if its markers identify one. */
    public static Optional<ChatFormat> detect(String jinja) {
        if (jinja.contains("<|im_sep|>")) {
            return Optional.of(ChatFormat.PHI4);
        }
        if (jinja.contains("<|im_start|>")) {
            return Optional.of(ChatFormat.CHATML);
        }
        if (jinja.contains("<|start_header_id|>") && jinja.contains("<|end_header_id|>")) {
            return Optional.of(ChatFormat.LLAMA3);
        }
        if (jinja.contains("<start_of_turn>")) {
            return Optional.of(ChatFormat.GEMMA);
        }
        if (jinja.contains("<|assistant|>") && jinja.contains("<|end|>")) {
            return Optional.of(ChatFormat.PHI3);
        }
        if (jinja.contains("[INST]")) {
            if (jinja.contains("[SYSTEM_PROMPT]")) {
                return Optional.of(ChatFormat.MISTRAL_V7);
            }
            if (jinja.contains("<<SYS>>")) {
                return Optional.of(ChatFormat.LLAMA2);
            }
            return Optional.of(jinja.contains(" [INST]") ? ChatFormat.MISTRAL_V1 : ChatFormat.MISTRAL_V3);
        }
        return Optional.empty();
    }

    /** The format a model of this architecture most likely expects when it ships no usable template. */
    public static ChatFormat forArchitecture(String architecture) {
        String a = architecture.toLowerCase(Locale.ROOT);
        if (a.startsWith("gemma")) {
            return ChatFormat.GEMMA;
        }
        if (a.equals("phi3")) {
            return ChatFormat.PHI3;
        }
        if (a.equals("llama")) {
            return ChatFormat.LLAMA2;
        }
        // qwen, qwen2, qwen2moe, qwen3, starcoder2, stablelm, phi2…: ChatML is also llama.cpp's own fallback.
        return ChatFormat.CHATML;
    }
}
