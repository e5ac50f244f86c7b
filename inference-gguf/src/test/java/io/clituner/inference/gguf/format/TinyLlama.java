package io.clituner.inference.gguf.format;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * A complete llama model written at test time that llama.cpp loads and runs: one block, 8-wide,
 * two heads, a SentencePiece vocabulary with byte fallback (so any text tokenizes), random F16
 * weights, F32 norms. Tests use it without {@code ../shared}, and change one thing at a time to
 * craft the files that must be refused.
 */
public final class TinyLlama {
    public static final int EMBEDDING = 8;
    public static final int FEED_FORWARD = 32;
    public static final int GGML_F32 = 0;
    public static final int GGML_F16 = 1;

    private long blockCount = 1;
    private float rmsEpsilon = 1e-5f;
    private final Map<String, Long> tokenIds = new LinkedHashMap<>(Map.of("bos", 1L, "eos", 2L, "unknown", 0L));
    private final Map<String, Integer> typeOverrides = new HashMap<>();
    private final Map<String, Byte> fills = new HashMap<>();
    private final Map<String, Short> halfFills = new HashMap<>();
    private final long seed;
    private boolean f32Weights;

    private TinyLlama(long seed) {
        this.seed = seed;
    }

    public static TinyLlama model() {
        return new TinyLlama(42);
    }

    public static List<String> vocabulary() {
        List<String> tokens = new ArrayList<>(List.of("<unk>", "<s>", "</s>"));
        for (int b = 0; b < 256; b++) {
            tokens.add(String.format(Locale.ROOT, "<0x%02X>", b));
        }
        tokens.add("\u2581");
        for (char c = 'a'; c <= 'z'; c++) {
            tokens.add(String.valueOf(c));
            tokens.add("\u2581" + c);
        }
        return tokens;
    }

    /** Writes the weight matrices as F32 instead of F16 (like stories260K). */
    public TinyLlama f32Weights() {
        this.f32Weights = true;
        return this;
    }

    public TinyLlama blockCount(long n) {
        this.blockCount = n;
        return this;
    }

    public TinyLlama rmsEpsilon(float eps) {
        this.rmsEpsilon = eps;
        return this;
    }

    /** {@code which} is "bos", "eos", "unknown" or "padding". */
    public TinyLlama tokenId(String which, long id) {
        tokenIds.put(which, id);
        return this;
    }

    /** Declares the tensor with another ggml type id, its bytes unchanged (a same-size swap, as an attacker would). */
    public TinyLlama tensorType(String tensor, int typeId) {
        typeOverrides.put(tensor, typeId);
        return this;
    }

    /** Fills the tensor's bytes with {@code b}. */
    public TinyLlama fill(String tensor, byte b) {
        fills.put(tensor, b);
        return this;
    }

    /** Fills an F16 tensor with one half-precision bit pattern (0x7e00 is NaN). */
    public TinyLlama fillHalf(String tensor, short bits) {
        halfFills.put(tensor, bits);
        return this;
    }

    public byte[] build() {
        List<String> vocab = vocabulary();
        int n = vocab.size();
        float[] scores = new float[n];
        int[] types = new int[n];
        for (int i = 0; i < n; i++) {
            String t = vocab.get(i);
            types[i] = i == 0 ? 2 : i < 3 ? 3 : t.startsWith("<0x") ? 6 : 1;
            scores[i] = types[i] == 1 ? -i : 0;
        }
        GgufWriter w = new GgufWriter()
                .string("general.architecture", "llama")
                .string("general.name", "tiny-llama-written-by-tests")
                .u32("general.file_type", f32Weights ? 0 : 1)
                .u32("llama.context_length", 1024)
                .u32("llama.embedding_length", EMBEDDING)
                .u32("llama.block_count", blockCount)
                .u32("llama.feed_forward_length", FEED_FORWARD)
                .u32("llama.attention.head_count", 2)
                .u32("llama.attention.head_count_kv", 2)
                .u32("llama.rope.dimension_count", EMBEDDING / 2)
                .f32("llama.attention.layer_norm_rms_epsilon", rmsEpsilon)
                .string("tokenizer.ggml.model", "llama")
                .stringArray("tokenizer.ggml.tokens", vocab.toArray(String[]::new))
                .f32Array("tokenizer.ggml.scores", scores)
                .i32Array("tokenizer.ggml.token_type", types);
        tokenIds.forEach((which, id) -> w.u32("tokenizer.ggml." + which + "_token_id", id));
        Random rnd = new Random(seed);
        half(w, rnd, "token_embd.weight", EMBEDDING, n);
        for (int b = 0; b < Math.max(1, Math.min(blockCount, 4)); b++) {
            String p = "blk." + b + ".";
            for (String m : List.of("attn_q", "attn_k", "attn_v", "attn_output")) {
                half(w, rnd, p + m + ".weight", EMBEDDING, EMBEDDING);
            }
            half(w, rnd, p + "ffn_gate.weight", EMBEDDING, FEED_FORWARD);
            half(w, rnd, p + "ffn_up.weight", EMBEDDING, FEED_FORWARD);
            half(w, rnd, p + "ffn_down.weight", FEED_FORWARD, EMBEDDING);
            ones(w, p + "attn_norm.weight");
            ones(w, p + "ffn_norm.weight");
        }
        ones(w, "output_norm.weight");
        half(w, rnd, "output.weight", EMBEDDING, n);
        return w.build();
    }

    public Path write(Path file) throws IOException {
        return Files.write(file, build());
    }

    /** Small random F16 values (magnitudes 2^-10 to 2^-3), built from their bits: JDK 17 has no float-to-half. */
    private void half(GgufWriter w, Random rnd, String name, long cols, long rows) {
        if (f32Weights) {
            ByteBuffer b = ByteBuffer.allocate((int) (cols * rows * 4)).order(ByteOrder.LITTLE_ENDIAN);
            while (b.hasRemaining()) {
                b.putFloat((float) (rnd.nextGaussian() * 0.05));
            }
            tensor(w, name, GGML_F32, b.array(), cols, rows);
            return;
        }
        ByteBuffer b = ByteBuffer.allocate((int) (cols * rows * 2)).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            int bits = rnd.nextInt(2) << 15 | (5 + rnd.nextInt(8)) << 10 | rnd.nextInt(1 << 10);
            b.putShort(halfFills.containsKey(name) ? halfFills.get(name) : (short) bits);
        }
        tensor(w, name, GGML_F16, b.array(), cols, rows);
    }

    private void ones(GgufWriter w, String name) {
        ByteBuffer b = ByteBuffer.allocate(EMBEDDING * 4).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            b.putFloat(1f);
        }
        tensor(w, name, GGML_F32, b.array(), EMBEDDING);
    }

    private void tensor(GgufWriter w, String name, int type, byte[] data, long... shape) {
        if (fills.containsKey(name)) {
            java.util.Arrays.fill(data, fills.get(name));
        }
        w.tensor(name, typeOverrides.getOrDefault(name, type), data, shape);
    }
}
