package io.clituner.inference.gguf.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.core.engine.ChatMessage;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChatTemplatesTest {
    static final List<ChatMessage> CHAT = List.of(
            ChatMessage.system("SYS"),
            ChatMessage.user("list files"),
            ChatMessage.assistant("ls"),
            ChatMessage.user("show disk"));

    /** Excerpts of the Jinja templates shipped in real GGUF files, and the family each must map to. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '§', quoteCharacter = '"', textBlock = """
            Qwen2.5 § {%- for message in messages %}{{- '<|im_start|>' + message.role + '\\n' + message.content + '<|im_end|>' + '\\n' }}{%- endfor %} § CHATML
            Llama 3.1 § {{- '<|start_header_id|>' + message['role'] + '<|end_header_id|>\\n\\n'+ message['content'] | trim + '<|eot_id|>' }} § LLAMA3
            Llama 2 § {% if system %}{{ '<<SYS>>\\n' + system + '\\n<</SYS>>\\n\\n' }}{% endif %}{{ bos_token + '[INST] ' + content + ' [/INST]' }} § LLAMA2
            Mistral v0.1 § {{ bos_token }}{% for message in messages %}{{ ' [INST] ' + message['content'] + ' [/INST]' }}{% endfor %} § MISTRAL_V1
            Mistral v0.3 § {{ bos_token }}{% for m in messages %}{{ '[INST] ' + m['content'] + '[/INST]' }}{% endfor %} § MISTRAL_V3
            Mistral Small3 § {{ '[SYSTEM_PROMPT]' + system_message + '[/SYSTEM_PROMPT]' }}{{ '[INST]' + m['content'] + '[/INST]' }} § MISTRAL_V7
            Gemma 2 § {{ '<start_of_turn>' + role + '\\n' + message['content'] | trim + '<end_of_turn>\\n' }} § GEMMA
            Phi-3 § {{'<|' + message['role'] + '|>' + '\\n' + message['content'] + '<|end|>\\n'}}{{ '<|assistant|>\\n' }} § PHI3
            Phi-4 § {{'<|im_start|>' + message['role'] + '<|im_sep|>' + message['content'] + '<|im_end|>'}} § PHI4
            """)
    void detectsTheFamily(String model, String jinja, ChatFormat expected) {
        assertEquals(Optional.of(expected), ChatTemplates.detect(jinja), model);
    }

    @Test
    void unknownTemplatesAreNotGuessed() {
        assertEquals(Optional.empty(), ChatTemplates.detect("{{ messages[0].content }}"));
    }

    @ParameterizedTest
    @CsvSource({"llama, LLAMA2", "qwen2, CHATML", "gemma2, GEMMA", "gemma3, GEMMA", "phi3, PHI3", "starcoder2, CHATML"})
    void fallsBackByArchitecture(String arch, ChatFormat expected) {
        assertEquals(expected, ChatTemplates.forArchitecture(arch));
    }

    @Test
    void rendersChatMl() {
        assertEquals(
                "<|im_start|>system\nSYS<|im_end|>\n<|im_start|>user\nlist files<|im_end|>\n"
                        + "<|im_start|>assistant\nls<|im_end|>\n<|im_start|>user\nshow disk<|im_end|>\n<|im_start|>assistant\n",
                ChatFormat.CHATML.apply(CHAT));
    }

    @Test
    void rendersLlama2WithItsSystemBlockInTheFirstTurnOnly() {
        assertEquals(
                "[INST] <<SYS>>\nSYS\n<</SYS>>\n\nlist files [/INST]ls</s>[INST] show disk [/INST]",
                ChatFormat.LLAMA2.apply(CHAT));
    }

    @Test
    void rendersGemmaWithoutASystemRole() {
        String s = ChatFormat.GEMMA.apply(CHAT);
        assertTrue(s.startsWith("<start_of_turn>user\nSYS\n\nlist files<end_of_turn>\n<start_of_turn>model\nls"), s);
        assertTrue(s.endsWith("<start_of_turn>model\n"), s);
    }

    @Test
    void parsesNamesAndRejectsUnknownOnes() {
        assertEquals(ChatFormat.LLAMA2, ChatFormat.parse("llama2-sys"));
        assertEquals(ChatFormat.MISTRAL_V3, ChatFormat.parse("MISTRAL_V3"));
        assertThrows(IllegalArgumentException.class, () -> ChatFormat.parse("vicuna"));
        assertThrows(IllegalArgumentException.class, () -> ChatFormat.CHATML.apply(List.of()));
    }
}
