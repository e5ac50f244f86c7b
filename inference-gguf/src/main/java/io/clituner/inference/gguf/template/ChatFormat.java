package io.clituner.inference.gguf.template;

import io.clituner.core.engine.ChatMessage;
import io.clituner.core.engine.ChatMessage.Role;
import java.util.List;
import java.util.Locale;

/**
 * The chat formats of the common instruction-tuned model families, rendered exactly as llama.cpp
 * b4916 renders its built-in templates of the same name (the tests compare both on a real model).
 * The BOS token is never written: llama.cpp's tokenizer adds it for models that want one.
 * Message content is inserted verbatim; the ingress guard has already removed chat tokens from
 * the user's text, so a query cannot open a new turn.
 */
public enum ChatFormat {
    /** {@code <|im_start|>role\n…<|im_end|>}: Qwen, Yi, SmolLM, many fine-tunes. */
    CHATML("chatml", List.of("<|im_end|>")) {
        @Override
        String render(List<ChatMessage> messages) {
            StringBuilder sb = new StringBuilder();
            for (ChatMessage m : messages) {
                sb.append("<|im_start|>")
                        .append(role(m))
                        .append('\n')
                        .append(m.content())
                        .append("<|im_end|>\n");
            }
            return sb.append("<|im_start|>assistant\n").toString();
        }
    },
    /** Llama 2 chat: {@code [INST] <<SYS>>…<</SYS>>} (llama.cpp's "llama2-sys"). */
    LLAMA2("llama2-sys", List.of("</s>", "[INST]")) {
        @Override
        String render(List<ChatMessage> messages) {
            StringBuilder sb = new StringBuilder();
            String system = null;
            boolean first = true;
            for (ChatMessage m : messages) {
                switch (m.role()) {
                    case SYSTEM -> system = m.content();
                    case USER -> {
                        sb.append("[INST] ");
                        if (first && system != null) {
                            sb.append("<<SYS>>\n").append(system).append("\n<</SYS>>\n\n");
                        }
                        sb.append(m.content()).append(" [/INST]");
                        first = false;
                    }
                    case ASSISTANT -> sb.append(m.content()).append("</s>");
                }
            }
            return sb.toString();
        }
    },
    /** Llama 3 / 3.1 / 3.2: {@code <|start_header_id|>role<|end_header_id|>\n\n…<|eot_id|>}. */
    LLAMA3("llama3", List.of("<|eot_id|>")) {
        @Override
        String render(List<ChatMessage> messages) {
            StringBuilder sb = new StringBuilder();
            for (ChatMessage m : messages) {
                sb.append("<|start_header_id|>")
                        .append(role(m))
                        .append("<|end_header_id|>\n\n")
                        .append(m.content())
                        .append("<|eot_id|>");
            }
            return sb.append("<|start_header_id|>assistant<|end_header_id|>\n\n")
                    .toString();
        }
    },
    /** Mistral v1 (Mistral 7B Instruct v0.1): spaces around {@code [INST]}. */
    MISTRAL_V1("mistral-v1", List.of("</s>", "[INST]")) {
        @Override
        String render(List<ChatMessage> messages) {
            return mistral(messages, " [INST] ", " [/INST] ", "</s>");
        }
    },
    /** Mistral v3 (Mistral 7B Instruct v0.3, Mixtral): no spaces before {@code [/INST]}. */
    MISTRAL_V3("mistral-v3", List.of("</s>", "[INST]")) {
        @Override
        String render(List<ChatMessage> messages) {
            return mistral(messages, "[INST] ", "[/INST] ", "</s>");
        }
    },
    /** Mistral v7 (Mistral Small 3, Ministral): a {@code [SYSTEM_PROMPT]} block. */
    MISTRAL_V7("mistral-v7", List.of("</s>", "[INST]")) {
        @Override
        String render(List<ChatMessage> messages) {
            StringBuilder sb = new StringBuilder();
            for (ChatMessage m : messages) {
                switch (m.role()) {
                    case SYSTEM ->
                        sb.append("[SYSTEM_PROMPT] ").append(m.content()).append("[/SYSTEM_PROMPT]");
                    case USER -> sb.append("[INST] ").append(m.content()).append("[/INST]");
                    case ASSISTANT -> sb.append(' ').append(m.content()).append("</s>");
                }
            }
            return sb.toString();
        }
    },
    /** Gemma 1/2/3: no system role (it is prepended to the first user turn); the assistant is "model". */
    GEMMA("gemma", List.of("<end_of_turn>")) {
        @Override
        String render(List<ChatMessage> messages) {
            StringBuilder sb = new StringBuilder();
            String system = null;
            for (ChatMessage m : messages) {
                switch (m.role()) {
                    case SYSTEM -> system = m.content();
                    case USER -> {
                        sb.append("<start_of_turn>user\n");
                        if (system != null) {
                            sb.append(system).append("\n\n");
                            system = null;
                        }
                        sb.append(m.content()).append("<end_of_turn>\n");
                    }
                    case ASSISTANT ->
                        sb.append("<start_of_turn>model\n").append(m.content()).append("<end_of_turn>\n");
                }
            }
            return sb.append("<start_of_turn>model\n").toString();
        }
    },
    /** Phi-3 / Phi-3.5: {@code <|role|>\n…<|end|>}. */
    PHI3("phi3", List.of("<|end|>")) {
        @Override
        String render(List<ChatMessage> messages) {
            StringBuilder sb = new StringBuilder();
            for (ChatMessage m : messages) {
                sb.append("<|")
                        .append(role(m))
                        .append("|>\n")
                        .append(m.content())
                        .append("<|end|>\n");
            }
            return sb.append("<|assistant|>\n").toString();
        }
    },
    /** Phi-4: ChatML markers with {@code <|im_sep|>} and no newlines. */
    PHI4("phi4", List.of("<|im_end|>")) {
        @Override
        String render(List<ChatMessage> messages) {
            StringBuilder sb = new StringBuilder();
            for (ChatMessage m : messages) {
                sb.append("<|im_start|>")
                        .append(role(m))
                        .append("<|im_sep|>")
                        .append(m.content())
                        .append("<|im_end|>");
            }
            return sb.append("<|im_start|>assistant<|im_sep|>").toString();
        }
    };

    private final String llamaCppName;

    @SuppressWarnings("ImmutableEnumChecker") // always List.of(...), which is immutable
    private final List<String> endOfTurn;

    ChatFormat(String llamaCppName, List<String> endOfTurn) {
        this.llamaCppName = llamaCppName;
        this.endOfTurn = endOfTurn;
    }

    /** Renders the messages and opens the assistant's turn. */
    abstract String render(List<ChatMessage> messages);

    public String apply(List<ChatMessage> messages) {
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("no messages to render");
        }
        return render(messages);
    }

    /** The name of the same built-in template in llama.cpp ({@code --chat-template NAME}). */
    public String llamaCppName() {
        return llamaCppName;
    }

    /** Text that ends an assistant turn in this format; used as stop strings. */
    public List<String> endOfTurn() {
        return endOfTurn;
    }

    public static ChatFormat parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (ChatFormat f : values()) {
            if (f.llamaCppName.equals(n)
                    || f.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(n)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown chat format '" + name + "'; known: "
                + java.util.Arrays.stream(values())
                        .map(f -> f.name().toLowerCase(Locale.ROOT))
                        .toList());
    }

    private static String role(ChatMessage m) {
        return m.role().name().toLowerCase(Locale.ROOT);
    }

    private static String mistral(List<ChatMessage> messages, String open, String close, String eos) {
        StringBuilder sb = new StringBuilder();
        String system = null;
        for (ChatMessage m : messages) {
            if (m.role() == Role.SYSTEM) {
                system = m.content();
            } else if (m.role() == Role.USER) {
                sb.append(open);
                if (system != null) {
                    sb.append(system).append("\n\n");
                    system = null;
                }
                sb.append(m.content()).append(close.stripTrailing());
            } else {
                sb.append(' ').append(m.content()).append(eos);
            }
        }
        return sb.toString();
    }
}
