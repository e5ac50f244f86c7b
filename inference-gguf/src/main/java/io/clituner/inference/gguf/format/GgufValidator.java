package io.clituner.inference.gguf.format;

import io.clituner.core.error.ErrorCode;
import io.clituner.core.error.ModelFileException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Checks what a GGUF header means before llama.cpp sees it: values that llama.cpp does not check
 * but aborts on (a {@code GGML_ASSERT}, an integer division by zero, an out-of-range index) take
 * the whole host process down, so they are refused here with a {@link ModelFileException}.
 *
 * <ul>
 *   <li><b>Hyperparameters</b> ({@code <arch>.*}): counts positive (a model with
 *       {@code block_count = 0} aborts in llama.cpp), head counts dividing the embedding and each
 *       other, the rotary dimension within a head, every epsilon finite and in (0, 1) (a NaN
 *       {@code layer_norm_rms_epsilon} fails {@code GGML_ASSERT(eps >= 0.0f)}).</li>
 *   <li><b>Tokenizer</b>: the BOS, EOS, UNK and PAD token ids inside the vocabulary (or the
 *       "none" id, {@code -1}/{@code 0xFFFFFFFF}), and per-token arrays as long as the vocabulary
 *       (llama.cpp indexes them by token).</li>
 *   <li><b>Tensor types by role</b>: a 1-D tensor (norm, bias) is the second operand of
 *       {@code ggml_mul}/{@code ggml_add}, which asserts F32 or F16; a matrix must be a float or
 *       weight-quantization type, never an integer type, F64, or the activation-only Q8_1/Q8_K.</li>
 *   <li><b>Tensor shapes</b> against the hyperparameters: embeddings and output
 *       {@code [n_embd, n_vocab]}, norms {@code [n_embd]}, blocks numbered below {@code block_count},
 *       and for the llama layout every attention and feed-forward matrix.</li>
 * </ul>
 *
 * Keys and tensors that are absent are left to llama.cpp, which reports them as a load error;
 * only present values are judged, so a hand-made or unfamiliar file is not refused for what it
 * does not say.
 */
public final class GgufValidator {
    /** llama.cpp b4916's LLAMA_MAX_LAYERS and LLAMA_MAX_EXPERTS. */
    static final int MAX_LAYERS = 512;

    static final int MAX_EXPERTS = 256;
    private static final long MAX_EMBEDDING = 1 << 20;
    /** The "no such token" id, written as int32 -1 or uint32 0xFFFFFFFF. */
    private static final long NO_TOKEN_U32 = 0xFFFFFFFFL;
    /** Architectures whose blocks use llama's tensor names and shapes (q/k/v/o, gate/up/down). */
    private static final Set<String> LLAMA_LAYOUT =
            Set.of("llama", "mistral", "granite", "qwen2", "qwen3", "internlm2", "deci");

    private static final Set<GgmlType> VECTOR_TYPES = Set.of(GgmlType.F32, GgmlType.F16);
    private static final Set<GgmlType> NEVER_A_MATRIX =
            Set.of(GgmlType.Q8_1, GgmlType.Q8_K, GgmlType.I8, GgmlType.I16, GgmlType.I32, GgmlType.I64, GgmlType.F64);
    /**
     * The special tokens every tokenizer uses. Others (sep, cls, mask, eot, fim_*) llama.cpp
     * replaces by "none" with a warning when out of range, so they are left to it.
     */
    private static final List<String> SPECIAL_TOKENS = List.of(
            "tokenizer.ggml.bos_token_id",
            "tokenizer.ggml.eos_token_id",
            "tokenizer.ggml.unknown_token_id",
            "tokenizer.ggml.padding_token_id");

    private static final Pattern BLOCK_TENSOR = Pattern.compile("blk\\.(\\d{1,9})\\.(.+)");

    private final GgufFile file;
    private final String arch;

    private GgufValidator(GgufFile file) {
        this.file = file;
        this.arch = file.architecture();
    }

    /** @throws ModelFileException MODEL_CORRUPT or MODEL_UNSUPPORTED with what is wrong and where */
    public static void validate(GgufFile file) {
        GgufValidator v = new GgufValidator(file);
        Hyper h = v.hyperparameters();
        long vocab = v.tokenizer();
        v.tensors(h, vocab);
    }

    /** The hyperparameters that were present and valid; a per-layer value is read with {@link #at}. */
    /** The hyperparameters the file states; null where it states none. */
    private record Hyper(
            @Nullable Long embedding,
            @Nullable Long blocks,
            @Nullable List<Long> ff,
            @Nullable List<Long> heads,
            @Nullable List<Long> headsKv,
            @Nullable Long keyLength,
            @Nullable Long valueLength) {
        static long at(List<Long> perLayer, int layer) {
            return perLayer.get(Math.min(layer, perLayer.size() - 1));
        }
    }

    private Hyper hyperparameters() {
        positive("context_length", Long.MAX_VALUE);
        Long embedding = positive("embedding_length", MAX_EMBEDDING);
        Long blocks = positive("block_count", MAX_LAYERS);
        Long keyLength = positive("attention.key_length", MAX_EMBEDDING);
        Long valueLength = positive("attention.value_length", MAX_EMBEDDING);
        List<Long> ff = perLayer("feed_forward_length", blocks);
        List<Long> heads = perLayer("attention.head_count", blocks);
        List<Long> headsKv = perLayer("attention.head_count_kv", blocks);

        if (heads != null) {
            if (heads.get(0) == 0) {
                throw corrupt(key("attention.head_count") + " of the first layer is 0 (llama.cpp divides by it)");
            }
            if (embedding != null && keyLength == null && embedding % heads.get(0) != 0) {
                throw corrupt(key("attention.head_count") + " " + heads.get(0) + " does not divide "
                        + key("embedding_length") + " " + embedding);
            }
            if (headsKv != null) {
                for (int i = 0; i < Math.max(heads.size(), headsKv.size()); i++) {
                    long n = Hyper.at(heads, i);
                    long kv = Hyper.at(headsKv, i);
                    if (n > 0 && (kv == 0 || n % kv != 0)) {
                        throw corrupt(key("attention.head_count_kv") + " " + kv + " does not divide "
                                + key("attention.head_count") + " " + n
                                + (heads.size() > 1 || headsKv.size() > 1 ? " in layer " + i : ""));
                    }
                }
            }
        }
        Long rope = positive("rope.dimension_count", MAX_EMBEDDING);
        if (rope != null) {
            Long headDim = keyLength != null
                    ? keyLength
                    : embedding != null && heads != null ? embedding / heads.get(0) : null;
            if (rope % 2 != 0 || (headDim != null && rope > headDim)) {
                throw corrupt(key("rope.dimension_count") + " is " + rope
                        + "; it must be even and at most the head size " + headDim);
            }
        }
        Long experts = nonNegative("expert_count", MAX_EXPERTS);
        Long used = nonNegative("expert_used_count", MAX_EXPERTS);
        if (used != null && (experts == null ? used > 0 : used > experts || (experts > 0 && used == 0))) {
            throw corrupt(key("expert_used_count") + " is " + used + " but " + key("expert_count") + " is " + experts);
        }
        for (Map.Entry<String, Object> e : file.metadata().entrySet()) {
            if (e.getKey().startsWith(arch + ".") && e.getKey().endsWith("epsilon")) {
                epsilon(e.getKey(), e.getValue());
            }
        }
        return new Hyper(embedding, blocks, ff, heads, headsKv, keyLength, valueLength);
    }

    private void epsilon(String key, Object value) {
        if (!(value instanceof Double d)) {
            throw corrupt(key + " must be a floating-point number, got " + value);
        }
        if (!Double.isFinite(d) || d <= 0 || d >= 1) {
            throw corrupt(key + " is " + d + "; a normalization epsilon must be finite and between 0 and 1");
        }
    }

    /** The vocabulary size (0 when the file has no token list). */
    private long tokenizer() {
        GgufArray tokens = file.arrays().get("tokenizer.ggml.tokens");
        long vocab = tokens == null ? 0 : tokens.length();
        if (tokens != null && vocab == 0) {
            throw corrupt("tokenizer.ggml.tokens is empty");
        }
        for (String perToken : List.of("tokenizer.ggml.scores", "tokenizer.ggml.token_type")) {
            GgufArray a = file.arrays().get(perToken);
            if (a != null && tokens != null && a.length() != vocab) {
                throw corrupt(perToken + " has " + a.length() + " entries for " + vocab + " tokens");
            }
        }
        for (String k : SPECIAL_TOKENS) {
            Object value = file.metadata().get(k);
            if (value == null) {
                continue;
            }
            if (!(value instanceof Long id)) {
                throw corrupt(k + " must be an integer token id, got " + value);
            }
            if (id == -1 || id == NO_TOKEN_U32) {
                continue; // "none"
            }
            if (tokens != null && (id < 0 || id >= vocab)) {
                throw corrupt(k + " is " + id + ", outside the vocabulary of " + vocab + " tokens");
            }
        }
        return vocab;
    }

    private void tensors(Hyper h, long vocab) {
        boolean llamaLayout = LLAMA_LAYOUT.contains(arch);
        for (TensorInfo t : file.tensors()) {
            boolean vector = t.shape().size() == 1;
            if (vector ? !VECTOR_TYPES.contains(t.type()) : NEVER_A_MATRIX.contains(t.type())) {
                throw new ModelFileException(
                        ErrorCode.MODEL_UNSUPPORTED,
                        "unsupported GGUF file: tensor '" + t.name() + "' has type "
                                + t.type() + ", which llama.cpp cannot compute with as a "
                                + (vector ? "vector (norm or bias: F32 or F16)" : "weight matrix") + ": "
                                + file.path());
            }
            Matcher m = BLOCK_TENSOR.matcher(t.name());
            if (m.matches() && h.blocks() != null && Long.parseLong(m.group(1)) >= h.blocks()) {
                throw corrupt("tensor '" + t.name() + "' belongs to block " + m.group(1) + " but " + key("block_count")
                        + " is " + h.blocks());
            }
            if (h.embedding() == null) {
                continue;
            }
            long e = h.embedding();
            Optional<List<Long>> expected = switch (t.name()) {
                case "token_embd.weight", "output.weight" ->
                    Optional.of(
                            vocab > 0
                                    ? List.of(e, vocab)
                                    : List.of(
                                            e, t.shape().size() > 1 ? t.shape().get(1) : -1L));
                case "output_norm.weight" -> Optional.of(List.of(e));
                default ->
                    m.matches() && llamaLayout
                            ? blockShape(h, e, Integer.parseInt(m.group(1)), m.group(2))
                            : Optional.empty();
            };
            if (expected.isPresent() && !expected.get().equals(t.shape())) {
                throw corrupt("tensor '" + t.name() + "' has shape " + t.shape() + " but the hyperparameters ("
                        + key("embedding_length") + " " + e + (vocab > 0 ? ", " + vocab + " tokens" : "") + ") require "
                        + expected.get());
            }
        }
    }

    /** The llama layout's block tensors; shapes are [columns, rows] as GGUF lists them. */
    private static Optional<List<Long>> blockShape(Hyper h, long e, int layer, String name) {
        if (name.equals("attn_norm.weight") || name.equals("ffn_norm.weight")) {
            return Optional.of(List.of(e));
        }
        List<Long> headCounts = h.heads();
        if (headCounts == null) {
            return Optional.empty();
        }
        List<Long> kvCounts = h.headsKv();
        Long keyLength = h.keyLength();
        Long valueLength = h.valueLength();
        List<Long> ffLengths = h.ff();
        long heads = Hyper.at(headCounts, layer);
        long headsKv = kvCounts == null ? heads : Hyper.at(kvCounts, layer);
        long k = keyLength != null ? keyLength : e / headCounts.get(0);
        long v = valueLength != null ? valueLength : e / headCounts.get(0);
        Long ff = ffLengths == null ? null : Hyper.at(ffLengths, layer);
        return switch (name) {
            case "attn_q.weight" -> Optional.of(List.of(e, heads * k));
            case "attn_k.weight" -> Optional.of(List.of(e, headsKv * k));
            case "attn_v.weight" -> Optional.of(List.of(e, headsKv * v));
            case "attn_output.weight" -> Optional.of(List.of(heads * v, e));
            case "ffn_gate.weight", "ffn_up.weight" -> ff == null ? Optional.empty() : Optional.of(List.of(e, ff));
            case "ffn_down.weight" -> ff == null ? Optional.empty() : Optional.of(List.of(ff, e));
            default -> Optional.empty();
        };
    }

    private String key(String suffix) {
        return arch + "." + suffix;
    }

    private @Nullable Long integer(String suffix) {
        Object v = file.metadata().get(key(suffix));
        if (v == null) {
            if (file.arrays().containsKey(key(suffix))) {
                throw corrupt(key(suffix) + " must be a single integer, not an array");
            }
            return null;
        }
        if (!(v instanceof Long l)) {
            throw corrupt(key(suffix) + " must be an integer, got " + v);
        }
        return l;
    }

    private @Nullable Long positive(String suffix, long max) {
        Long v = integer(suffix);
        if (v != null && (v <= 0 || v > max)) {
            throw corrupt(key(suffix) + " is " + v + "; it must be between 1 and " + max);
        }
        return v;
    }

    private @Nullable Long nonNegative(String suffix, long max) {
        Long v = integer(suffix);
        if (v != null && (v < 0 || v > max)) {
            throw corrupt(key(suffix) + " is " + v + "; it must be between 0 and " + max);
        }
        return v;
    }

    /**
     * A value that is one integer for all layers or an array with one per layer (llama.cpp's
     * get_key_or_arr); a single value must be positive, per-layer values non-negative (a layer
     * may have no attention or no feed-forward part).
     */
    private @Nullable List<Long> perLayer(String suffix, @Nullable Long blocks) {
        GgufArray a = file.arrays().get(key(suffix));
        if (a == null) {
            Long v = positive(suffix, Integer.MAX_VALUE);
            return v == null ? null : List.of(v);
        }
        if (a.values().isEmpty() || (blocks != null && a.length() != blocks)) {
            throw corrupt(key(suffix) + " has " + a.length() + " per-layer values (" + a.elementType() + ") for "
                    + blocks + " blocks");
        }
        for (long v : a.values()) {
            if (v < 0 || v > Integer.MAX_VALUE) {
                throw corrupt(key(suffix) + " holds " + v);
            }
        }
        return a.values();
    }

    private ModelFileException corrupt(String detail) {
        return new ModelFileException(ErrorCode.MODEL_CORRUPT, "corrupt GGUF file: " + detail + ": " + file.path());
    }
}
