package io.clituner.inference.gguf.format;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Writes a loadable GGUF language model with random weights of a given shape: a byte-level BPE vocabulary (GPT-2
 * byte alphabet, a few merges, ChatML control tokens, filler tokens up to the vocabulary size), the hyperparameters
 * and tensors of the {@code llama} or {@code qwen3} architecture, F32 norms and 2-D weights in F32, Q4_K or MXFP4.
 * Text from it is gibberish; it exists so tests and benchmarks can run architectures and shapes no shared file has
 * (a Qwen3 file, a realistic 1024×16 Q4_K Llama) without downloading anything.
 */
public final class RandomWeightsModel {
    /**
     * @param architecture {@code llama} or {@code qwen3}
     * @param weights      type of the 2-D weight matrices: F32, Q4_K (row lengths multiples of 256) or MXFP4 (of 32)
     */
    public record Shape(
            String architecture,
            int vocab,
            int embd,
            int layers,
            int heads,
            int kvHeads,
            int feedForward,
            int context,
            GgmlType weights) {
        public Shape {
            Objects.requireNonNull(architecture, "architecture");
            if (!architecture.equals("llama") && !architecture.equals("qwen3")) {
                throw new IllegalArgumentException("architecture must be llama or qwen3");
            }
            if (weights != GgmlType.F32 && weights != GgmlType.Q4_K && weights != GgmlType.MXFP4) {
                throw new IllegalArgumentException("weights must be F32, Q4_K or MXFP4");
            }
            if (embd % heads != 0 || heads % kvHeads != 0 || vocab < 300) {
                throw new IllegalArgumentException("inconsistent shape");
            }
        }

        int headDim() {
            return embd / heads;
        }
    }

    private static final int ALIGN = 32;
    private final Map<String, Object> kv = new LinkedHashMap<>();
    private final List<Object[]> tensors = new ArrayList<>(); // name, type, dims
    private final SplittableRandom random;

    private RandomWeightsModel(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** Writes the model to {@code file}; the same shape and seed give the same bytes. */
    public static void write(Path file, Shape s, long seed) throws IOException {
        new RandomWeightsModel(seed).build(s).writeTo(file);
    }

    private RandomWeightsModel build(Shape s) {
        String a = s.architecture();
        kv.put("general.architecture", a);
        kv.put("general.name", "random-" + a + "-" + s.embd() + "x" + s.layers());
        kv.put("general.alignment", new int[] {ALIGN});
        kv.put(a + ".context_length", new int[] {s.context()});
        kv.put(a + ".embedding_length", new int[] {s.embd()});
        kv.put(a + ".block_count", new int[] {s.layers()});
        kv.put(a + ".feed_forward_length", new int[] {s.feedForward()});
        kv.put(a + ".attention.head_count", new int[] {s.heads()});
        kv.put(a + ".attention.head_count_kv", new int[] {s.kvHeads()});
        kv.put(a + ".attention.key_length", new int[] {s.headDim()});
        kv.put(a + ".attention.value_length", new int[] {s.headDim()});
        kv.put(a + ".attention.layer_norm_rms_epsilon", new float[] {1e-6f});
        kv.put(a + ".rope.freq_base", new float[] {10000f});
        vocabulary(s);
        int hd = s.headDim();
        tensor("token_embd.weight", s.weights(), s.embd(), s.vocab());
        tensor("output_norm.weight", GgmlType.F32, s.embd());
        tensor("output.weight", s.weights(), s.embd(), s.vocab());
        for (int i = 0; i < s.layers(); i++) {
            String b = "blk." + i + ".";
            tensor(b + "attn_norm.weight", GgmlType.F32, s.embd());
            tensor(b + "attn_q.weight", s.weights(), s.embd(), s.heads() * ((long) hd));
            tensor(b + "attn_k.weight", s.weights(), s.embd(), s.kvHeads() * ((long) hd));
            tensor(b + "attn_v.weight", s.weights(), s.embd(), s.kvHeads() * ((long) hd));
            tensor(b + "attn_output.weight", s.weights(), s.heads() * ((long) hd), s.embd());
            if (a.equals("qwen3")) {
                tensor(b + "attn_q_norm.weight", GgmlType.F32, hd);
                tensor(b + "attn_k_norm.weight", GgmlType.F32, hd);
            }
            tensor(b + "ffn_norm.weight", GgmlType.F32, s.embd());
            tensor(b + "ffn_gate.weight", s.weights(), s.embd(), s.feedForward());
            tensor(b + "ffn_up.weight", s.weights(), s.embd(), s.feedForward());
            tensor(b + "ffn_down.weight", s.weights(), s.feedForward(), s.embd());
        }
        return this;
    }

    private void vocabulary(Shape s) {
        List<String> tokens = new ArrayList<>();
        for (int b = 0; b < 256; b++) {
            tokens.add(byteToken(b));
        }
        String[] merges = {"Ġ l", "l s", "Ġ f", "Ġl s", "f i", "Ġ -", "i n", "Ġf in", "d ."};
        for (String m : merges) {
            tokens.add(m.replace(" ", ""));
        }
        List<String> special = List.of("<|endoftext|>", "<|im_start|>", "<|im_end|>");
        while (tokens.size() < s.vocab() - special.size()) {
            tokens.add("<filler_" + tokens.size() + ">");
        }
        int firstSpecial = tokens.size();
        tokens.addAll(special);
        int[] types = new int[tokens.size()];
        for (int i = 0; i < types.length; i++) {
            types[i] = i >= firstSpecial ? 3 : 1; // CONTROL : NORMAL
        }
        kv.put("tokenizer.ggml.model", "gpt2");
        kv.put("tokenizer.ggml.pre", s.architecture().equals("qwen3") ? "qwen2" : "default");
        kv.put("tokenizer.ggml.tokens", tokens.toArray(String[]::new));
        kv.put("tokenizer.ggml.token_type", types);
        kv.put("tokenizer.ggml.merges", merges);
        kv.put("tokenizer.ggml.bos_token_id", new int[] {firstSpecial});
        kv.put("tokenizer.ggml.eos_token_id", new int[] {firstSpecial + 2});
        kv.put("tokenizer.ggml.add_bos_token", false);
        kv.put(
                "tokenizer.chat_template",
                "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content']"
                        + " + '<|im_end|>' + '\\n'}}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}");
    }

    /** GPT-2's printable stand-in for a byte. */
    private static String byteToken(int b) {
        if ((b >= 33 && b <= 126) || (b >= 161 && b <= 172) || (b >= 174 && b <= 255)) {
            return String.valueOf((char) b);
        }
        int n = 0;
        for (int x = 0; x < b; x++) {
            if (!((x >= 33 && x <= 126) || (x >= 161 && x <= 172) || (x >= 174 && x <= 255))) {
                n++;
            }
        }
        return String.valueOf((char) (256 + n));
    }

    private void tensor(String name, GgmlType type, long... dims) {
        tensors.add(new Object[] {name, type, dims});
    }

    private void writeTo(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            // The header (vocabulary included) is small next to the weights: built in memory, then written once.
            ByteBuffer h = ByteBuffer.allocate(16 << 20).order(ByteOrder.LITTLE_ENDIAN);
            h.putInt(GgufReader.MAGIC).putInt(3).putLong(tensors.size()).putLong(kv.size());
            for (Map.Entry<String, Object> e : kv.entrySet()) {
                string(h, e.getKey());
                value(h, e.getValue());
            }
            long offset = 0;
            for (int i = 0; i < tensors.size(); i++) {
                Object[] t = tensors.get(i);
                long[] dims = (long[]) t[2];
                string(h, (String) t[0]);
                h.putInt(dims.length);
                for (long d : dims) {
                    h.putLong(d);
                }
                h.putInt(((GgmlType) t[1]).id());
                h.putLong(offset);
                offset = align(offset + bytes((GgmlType) t[1], dims));
            }
            out.write(h.array(), 0, h.position());
            pad(out, h.position());
            for (Object[] t : tensors) {
                long n = bytes((GgmlType) t[1], (long[]) t[2]);
                data(out, (String) t[0], (GgmlType) t[1], n);
                pad(out, n);
            }
        }
    }

    private static long bytes(GgmlType type, long[] dims) {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        return type.byteSize(n, dims[0]);
    }

    private static long align(long x) {
        return (x + ALIGN - 1) / ALIGN * ALIGN;
    }

    private static long pad(OutputStream out, long length) throws IOException {
        long p = align(length) - length;
        for (long i = 0; i < p; i++) {
            out.write(0);
        }
        return p;
    }

    private void data(OutputStream out, String name, GgmlType type, long n) throws IOException {
        byte[] buf = new byte[(int) Math.min(n, 1 << 20)];
        ByteBuffer b = ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN);
        boolean norm = name.endsWith("norm.weight");
        long left = n;
        while (left > 0) {
            int chunk = (int) Math.min(left, buf.length);
            b.clear();
            switch (type) {
                case F32 -> {
                    for (int i = 0; i < chunk / 4; i++) {
                        b.putFloat(norm ? 1f : (float) (random.nextDouble(-1, 1) * 0.08));
                    }
                }
                case Q4_K -> {
                    for (int blk = 0; blk < chunk / 144; blk++) {
                        b.putShort((short) 0x1A00); // d = 2^-9 (f16): weights of a few thousandths
                        b.putShort((short) 0x1600); // dmin = 2^-10
                        for (int i = 0; i < 140; i++) {
                            b.put((byte) random.nextInt(256));
                        }
                    }
                }
                case MXFP4 -> {
                    for (int blk = 0; blk < chunk / 17; blk++) {
                        b.put((byte) 122); // E8M0 scale 2^-5
                        for (int i = 0; i < 16; i++) {
                            b.put((byte) random.nextInt(256));
                        }
                    }
                }
                default -> throw new IllegalStateException(type.name());
            }
            out.write(buf, 0, chunk);
            left -= chunk;
        }
    }

    private static void string(ByteBuffer h, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        h.putLong(b.length).put(b);
    }

    private static void value(ByteBuffer h, Object v) {
        if (v instanceof String s) {
            h.putInt(8);
            string(h, s);
        } else if (v instanceof Boolean b) {
            h.putInt(7).put((byte) (b ? 1 : 0));
        } else if (v instanceof float[] f && f.length == 1) {
            h.putInt(6).putFloat(f[0]);
        } else if (v instanceof int[] i && i.length == 1) {
            h.putInt(4).putInt(i[0]);
        } else if (v instanceof int[] i) {
            h.putInt(9).putInt(5).putLong(i.length);
            for (int x : i) {
                h.putInt(x);
            }
        } else if (v instanceof String[] a) {
            h.putInt(9).putInt(8).putLong(a.length);
            for (String x : a) {
                string(h, x);
            }
        } else {
            throw new IllegalArgumentException(String.valueOf(v));
        }
    }
}
