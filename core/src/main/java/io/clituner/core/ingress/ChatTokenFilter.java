package io.clituner.core.ingress;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes the control tokens of common chat templates from user text, so a query cannot close
 * the user turn and open a fake system turn. Covers ChatML ({@code <|im_start|>}), Llama 2
 * ({@code [INST]}, {@code <<SYS>>}, {@code <s>}), Llama 3 ({@code <|start_header_id|>},
 * {@code <|eot_id|>}), Mistral ({@code [INST]}, {@code [SYSTEM_PROMPT]}), Gemma
 * ({@code <start_of_turn>}), Phi ({@code <|user|>}, {@code <|end|>}) and any other
 * {@code <|…|>} special token.
 */
public final class ChatTokenFilter {
    /** A stripped token family and how often it occurred. */
    public record Removal(String family, int count) {}

    private record Family(String name, Pattern pattern) {}

    private static final List<Family> FAMILIES = List.of(
            new Family("chatml", Pattern.compile("<\\|im_(?:start|end|sep)\\|>", Pattern.CASE_INSENSITIVE)),
            new Family(
                    "llama3",
                    Pattern.compile(
                            "<\\|(?:begin_of_text|end_of_text|start_header_id|end_header_id|eot_id|eom_id|python_tag|finetune_right_pad_id)\\|>",
                            Pattern.CASE_INSENSITIVE)),
            new Family(
                    "phi",
                    Pattern.compile(
                            "<\\|(?:system|user|assistant|end|endoftext|placeholder\\d*)\\|>",
                            Pattern.CASE_INSENSITIVE)),
            new Family(
                    "llama2-mistral",
                    Pattern.compile(
                            "\\[/?(?:INST|SYSTEM_PROMPT|AVAILABLE_TOOLS|TOOL_CALLS|TOOL_RESULTS)\\]|<</?SYS>>",
                            Pattern.CASE_INSENSITIVE)),
            new Family(
                    "gemma",
                    Pattern.compile(
                            "<(?:start_of_turn|end_of_turn)>(?:\\s*(?:user|model|system)\\b)?",
                            Pattern.CASE_INSENSITIVE)),
            new Family("bos-eos", Pattern.compile("</?s>|<(?:bos|eos|pad|unk)>", Pattern.CASE_INSENSITIVE)),
            new Family("special-token", Pattern.compile("<\\|[A-Za-z0-9_\\-]{1,40}\\|>|<｜[^｜>]{1,40}｜>")));

    private ChatTokenFilter() {}

    /** The text with every chat-template token replaced by a space, and what was removed. */
    public static String strip(String text, List<Removal> removals) {
        if (!mayHoldToken(text)) {
            return text;
        }
        String out = text;
        for (Family f : FAMILIES) {
            Matcher m = f.pattern().matcher(out);
            int count = 0;
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                count++;
                m.appendReplacement(sb, " ");
            }
            if (count > 0) {
                m.appendTail(sb);
                out = sb.toString();
                removals.add(new Removal(f.name(), count));
            }
        }
        return out;
    }

    /** Every token above starts with '<' or '[' (or their full-width forms): most queries skip the regexes. */
    private static boolean mayHoldToken(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '<' || c == '[' || c == '\uFF1C' || c == '\uFF3B') {
                return true;
            }
        }
        return false;
    }

    public static String strip(String text) {
        return strip(text, new ArrayList<>());
    }
}
