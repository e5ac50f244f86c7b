package io.clituner.inference.djl.retrieval;

import io.clituner.core.NormalizedRequest;
import io.clituner.core.RawModelOutput;
import io.clituner.core.engine.InferenceEngine;
import io.clituner.core.engine.ModelIdentity;
import io.clituner.core.engine.Prompt;
import io.clituner.core.error.ConfigurationException;
import io.clituner.core.error.ErrorCode;
import io.clituner.core.error.InferenceException;
import io.clituner.core.error.NoSuggestionException;
import io.clituner.core.hash.Digests;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The zero-configuration engine: answers with the bank example nearest to the request (adapted by
 * the {@link SlotAdapter} where it safely can), with the cosine similarity as confidence, and
 * refuses with {@link NoSuggestionException} below {@link #minSimilarity()} rather than return a
 * command for a different task. Thread-safe (calls run concurrently).
 */
public final class RetrievalEngine implements InferenceEngine {
    public static final String ENGINE_NAME = "retrieval";
    public static final String MODEL_ID = "all-minilm-l6-v2-q+bank";
    public static final String CONFIDENCE_METHOD = "retrieval-cosine";
    /** Below this, MiniLM's nearest neighbour is usually a different task (paraphrases score ≥ 0.6). */
    public static final double DEFAULT_MIN_SIMILARITY = 0.5;
    /** Neighbours that vote on the answer ({@link NeighbourVote}); 3 beat 1, 5, 10 and 20 on tldr-pairs. */
    public static final int DEFAULT_NEIGHBOURS = 3;

    private final ExampleRetriever retriever;
    private final double minSimilarity;
    private final SlotAdapter adapter = new SlotAdapter();
    private final ModelIdentity identity;
    private volatile boolean closed;

    /** Takes ownership of the retriever and closes it with the engine. */
    public RetrievalEngine(ExampleRetriever retriever, double minSimilarity) {
        if (!(minSimilarity >= -1.0 && minSimilarity <= 1.0)) {
            throw new ConfigurationException(ErrorCode.CONFIGURATION, "minSimilarity must be within [-1, 1], got " + minSimilarity);
        }
        this.retriever = retriever;
        this.minSimilarity = minSimilarity;
        String modelSha = retriever.model().sha256();
        String bankSha = retriever.bank().sha256();
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("embeddingModel", retriever.model().modelId());
        meta.put("embeddingModelSha256", modelSha);
        meta.put("embeddingDimension", Integer.toString(retriever.model().dimension()));
        meta.put("bank", retriever.bank().name());
        meta.put("bankSha256", bankSha);
        meta.put("bankSize", Integer.toString(retriever.bank().size()));
        meta.put("minSimilarity", Double.toString(minSimilarity));
        meta.put("device", retriever.index().device().toString());
        this.identity = new ModelIdentity(MODEL_ID, "bank-" + bankSha.substring(0, 12),
                Digests.sha256Hex(modelSha + "\n" + bankSha), ENGINE_NAME, meta);
    }

    @Override
    public ModelIdentity model() {
        return identity;
    }

    @Override
    public RawModelOutput generate(Prompt prompt, NormalizedRequest request) {
        if (closed) {
            throw new InferenceException(ErrorCode.ENGINE_CLOSED, "retrieval engine is closed");
        }
        long start = System.nanoTime();
        String query = request.text();
        List<RetrievedExample> hits = retriever.nearest(query, DEFAULT_NEIGHBOURS);
        RetrievedExample nearest = hits.get(0);
        if (nearest.similarity() < minSimilarity) {
            throw new NoSuggestionException(ErrorCode.NO_SUGGESTION, String.format(Locale.ROOT,
                    "no example in the bank is close enough to this request (best similarity %.2f < %.2f, nearest: '%s'); "
                            + "rephrase it, add examples with a bank TSV, or configure a GGUF model",
                    nearest.similarity(), minSimilarity, nearest.example().query()));
        }
        // Only neighbours that clear the threshold themselves may vote.
        List<RetrievedExample> voters = hits.stream().filter(h -> h.similarity() >= minSimilarity).toList();
        float[] sims = new float[voters.size()];
        for (int i = 0; i < sims.length; i++) {
            sims[i] = (float) voters.get(i).similarity();
        }
        RetrievedExample best = voters.get(NeighbourVote.choose(voters.stream().map(v -> v.example().command()).toList(), sims));
        SlotAdapter.Adaptation adaptation = adapter.adapt(query, best.example());
        Map<String, String> details = new LinkedHashMap<>();
        details.put("exampleId", best.example().id());
        details.put("exampleQuery", best.example().query());
        details.put("similarity", String.format(Locale.ROOT, "%.4f", best.similarity()));
        details.put("adapted", Boolean.toString(adaptation.adapted()));
        if (adaptation.adapted()) {
            details.put("substitutions", String.join(";", adaptation.substitutions()));
        }
        double confidence = Math.max(0.0, Math.min(1.0, best.similarity()));
        return new RawModelOutput(adaptation.command(), confidence, CONFIDENCE_METHOD, 0, 0,
                Duration.ofNanos(System.nanoTime() - start), details);
    }

    /** Retrieval answers from its bank directly; few-shot examples in the prompt would be ignored. */
    @Override
    public boolean usesFewShotExamples() {
        return false;
    }

    public double minSimilarity() {
        return minSimilarity;
    }

    public ExampleRetriever retriever() {
        return retriever;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        retriever.close();
    }
}
