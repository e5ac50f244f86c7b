package io.clituner.inference.gguf.internal.llamacpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Platform;
import com.sun.jna.Structure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The structures passed by value to llama.cpp, checked field by field against llama.h of the pinned release (fetched
 * by the build from the same npm version as the libraries, see {@code fetch-llama-cpp.sh headers}): names, order,
 * offsets and size under the x86-64 System V layout rules. A llama.cpp upgrade that adds, removes, reorders or
 * retypes a field fails here instead of silently corrupting parameters.
 */
class StructLayoutTest {
    /** C types of llama.h/ggml.h fields, by size (alignment = size on x86-64 for these scalars). */
    private static final Map<String, Integer> SIZES = Map.ofEntries(
            Map.entry("bool", 1),
            Map.entry("int8_t", 1),
            Map.entry("uint8_t", 1),
            Map.entry("char", 1),
            Map.entry("int32_t", 4),
            Map.entry("uint32_t", 4),
            Map.entry("int", 4),
            Map.entry("float", 4),
            Map.entry("llama_token", 4),
            Map.entry("llama_pos", 4),
            Map.entry("llama_seq_id", 4),
            Map.entry("int64_t", 8),
            Map.entry("uint64_t", 8),
            Map.entry("size_t", 8),
            Map.entry("double", 8),
            // function-pointer and opaque-pointer typedefs
            Map.entry("llama_progress_callback", 8),
            Map.entry("ggml_backend_sched_eval_callback", 8),
            Map.entry("ggml_abort_callback", 8),
            Map.entry("ggml_backend_dev_t", 8));

    record Field(String name, int size) {}

    static Path header() {
        String dir = System.getProperty("clituner.llamacpp.headers");
        assumeTrue(
                dir != null,
                "clituner.llamacpp.headers is not set (run through Maven, which fetches the pinned headers)");
        Path h = Path.of(dir, "include", "llama.h");
        assumeTrue(
                Files.isRegularFile(h),
                h + " is absent: run `mvn generate-test-resources -pl inference-gguf` (fetches"
                        + " node-llama-cpp with the llama.cpp tree from npm)");
        return h;
    }

    static List<Field> parse(String header, String struct) {
        String text = header.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "");
        Matcher m = Pattern.compile("struct\\s+" + struct + "\\s*\\{([^}]*)\\}").matcher(text);
        assertTrue(m.find(), "struct " + struct + " not found in llama.h");
        List<Field> fields = new ArrayList<>();
        for (String decl : m.group(1).split(";")) {
            String d = decl.replaceAll("\\s+", " ").strip();
            if (d.isEmpty()) {
                continue;
            }
            Matcher f = Pattern.compile(
                            "^(?:const )?(enum |struct )?([A-Za-z_][A-Za-z0-9_]*)\\s*((?:\\*\\s*(?:const\\s*)?)*)\\s*([A-Za-z_][A-Za-z0-9_]*)$")
                    .matcher(d);
            assertTrue(
                    f.matches(),
                    "cannot read field declaration '" + d + "' of " + struct + ": teach this test the new form");
            String type = f.group(2);
            boolean pointer = !f.group(3).isBlank();
            int size;
            if (pointer) {
                size = 8;
            } else if ("enum ".equals(f.group(1))) {
                size = 4;
            } else {
                Integer s = SIZES.get(type);
                assertTrue(
                        s != null,
                        "unknown field type '" + type + "' in " + struct + "." + f.group(4)
                                + ": map it here and in the Java structure");
                size = s;
            }
            fields.add(new Field(f.group(4), size));
        }
        return fields;
    }

    /** Offsets and total size as a C compiler lays them out on x86-64 (natural alignment). */
    static int[] layout(List<Field> fields) {
        int[] out = new int[fields.size() + 1];
        int off = 0;
        int maxAlign = 1;
        for (int i = 0; i < fields.size(); i++) {
            int a = fields.get(i).size();
            off = (off + a - 1) / a * a;
            out[i] = off;
            off += a;
            maxAlign = Math.max(maxAlign, a);
        }
        out[fields.size()] = (off + maxAlign - 1) / maxAlign * maxAlign;
        return out;
    }

    static void check(String header, String struct, Structure java) throws IOException {
        List<Field> fields = parse(header, struct);
        int[] c = layout(fields);
        List<String> order = java.getClass().getSuperclass() == Structure.class
                ? fieldOrder(java.getClass())
                : fieldOrder(java.getClass().getSuperclass());
        assertEquals(fields.stream().map(Field::name).toList(), order, struct + ": field names and order");
        for (int i = 0; i < fields.size(); i++) {
            assertEquals(
                    c[i],
                    Offsets.of(java, fields.get(i).name()),
                    struct + "." + fields.get(i).name() + " offset");
        }
        assertEquals(c[fields.size()], java.size(), struct + " size");
    }

    private static List<String> fieldOrder(Class<?> type) {
        return List.of(type.getAnnotation(Structure.FieldOrder.class).value());
    }

    @Test
    void structuresPassedByValueMatchThePinnedHeader() throws IOException {
        assumeTrue(
                Platform.isLinux() && Platform.is64Bit() && Platform.isIntel(),
                "layout rules written for x86-64 Linux");
        String h = Files.readString(header());
        check(h, "llama_model_params", new LlamaModelParams());
        check(h, "llama_context_params", new LlamaContextParams());
        check(h, "llama_batch", new LlamaBatch());
        check(h, "llama_sampler_chain_params", new LlamaSamplerChainParams());
        check(h, "llama_token_data_array", new LlamaTokenDataArray());
        List<Field> tokenData = parse(h, "llama_token_data");
        assertEquals(
                LlamaTokenDataArray.TOKEN_DATA_BYTES, layout(tokenData)[tokenData.size()], "llama_token_data size");
        List<Field> chat = parse(h, "llama_chat_message");
        assertEquals(16, layout(chat)[chat.size()], "llama_chat_message: two pointers, as ChatRenderer writes them");
    }

    @Test
    void theLayoutReaderCatchesAChangedField() {
        String changed = "struct llama_batch { int32_t n_tokens; int64_t * token; float * embd; llama_pos * pos;"
                + " int32_t * n_seq_id; llama_seq_id ** seq_id; int8_t * logits; int32_t extra; };";
        org.opentest4j.AssertionFailedError e = org.junit.jupiter.api.Assertions.assertThrows(
                org.opentest4j.AssertionFailedError.class, () -> check(changed, "llama_batch", new LlamaBatch()));
        assertTrue(e.getMessage().contains("field names and order"), e.getMessage());
    }

    /** Reads JNA's computed field offsets (a protected API) through a subclass hook. */
    static final class Offsets {
        static int of(Structure s, String field) {
            try {
                var m = Structure.class.getDeclaredMethod("fieldOffset", String.class);
                m.setAccessible(true);
                return (int) m.invoke(s, field);
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }
    }
}
