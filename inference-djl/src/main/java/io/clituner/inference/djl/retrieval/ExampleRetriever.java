package io.clituner.inference.djl.retrieval;

import io.clituner.core.error.ConfigurationException;
import io.clituner.core.error.ErrorCode;
import io.clituner.inference.djl.DjlRuntime;
import io.clituner.inference.djl.bank.BankEmbeddings;
import io.clituner.inference.djl.bank.ExampleBank;
import io.clituner.inference.djl.embedding.EmbeddingModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Semantic search over an {@link ExampleBank}: embeds the query with the {@link EmbeddingModel} and
 * looks up the nearest requests in a {@link CosineIndex}. Owns the index; owns the model only when
 * opened with {@link #open(ExampleBank)}. Thread-safe.
 */
public final class ExampleRetriever implements AutoCloseable {
    private final EmbeddingModel model;
    private final boolean ownsModel;
    private final ExampleBank bank;
    private final CosineIndex index;

    private ExampleRetriever(EmbeddingModel model, boolean ownsModel, ExampleBank bank, CosineIndex index) {
        this.model = model;
        this.ownsModel = ownsModel;
        this.bank = bank;
        this.index = index;
    }

    /** Opens the bundled embedding model and indexes the bank (embeddings cached under the DJL cache dir). */
    public static ExampleRetriever open(ExampleBank bank) {
        EmbeddingModel model = EmbeddingModel.open();
        try {
            return build(model, true, bank, defaultEmbeddingCache());
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** Indexes the bank with a model the caller owns and closes. */
    public static ExampleRetriever open(EmbeddingModel model, ExampleBank bank) {
        return build(model, false, bank, defaultEmbeddingCache());
    }

    /** As {@link #open(EmbeddingModel, ExampleBank)} with an explicit embedding cache directory. */
    public static ExampleRetriever open(EmbeddingModel model, ExampleBank bank, Path embeddingCache) {
        return build(model, false, bank, embeddingCache);
    }

    private static ExampleRetriever build(EmbeddingModel model, boolean owns, ExampleBank bank, Path cache) {
        Objects.requireNonNull(bank, "bank");
        float[][] vectors = BankEmbeddings.load(model, bank, cache);
        return new ExampleRetriever(model, owns, bank, CosineIndex.of(vectors));
    }

    public static Path defaultEmbeddingCache() {
        return DjlRuntime.cacheDir().resolve("clituner-bank-embeddings");
    }

    /** The k examples whose requests are most similar to {@code query}, best first. */
    public List<RetrievedExample> nearest(String query, int k) {
        Objects.requireNonNull(query, "query");
        if (k <= 0) {
            throw new ConfigurationException(ErrorCode.CONFIGURATION, "k must be positive, got " + k);
        }
        List<SearchHit> hits = index.search(model.embed(query), k);
        List<RetrievedExample> out = new ArrayList<>(hits.size());
        for (SearchHit h : hits) {
            out.add(new RetrievedExample(bank.get(h.index()), h.score()));
        }
        return out;
    }

    /** {@link #nearest(String, int)} for several queries, embedded in one batch (cheaper than one call each). */
    public List<List<RetrievedExample>> nearest(List<String> queries, int k) {
        Objects.requireNonNull(queries, "queries");
        if (k <= 0) {
            throw new ConfigurationException(ErrorCode.CONFIGURATION, "k must be positive, got " + k);
        }
        float[][] vectors = model.embedAll(queries);
        List<List<RetrievedExample>> out = new ArrayList<>(queries.size());
        for (float[] v : vectors) {
            List<RetrievedExample> hits = new ArrayList<>(k);
            for (SearchHit h : index.search(v, k)) {
                hits.add(new RetrievedExample(bank.get(h.index()), h.score()));
            }
            out.add(hits);
        }
        return out;
    }

    public ExampleBank bank() {
        return bank;
    }

    public EmbeddingModel model() {
        return model;
    }

    public CosineIndex index() {
        return index;
    }

    @Override
    public void close() {
        index.close();
        if (ownsModel) {
            model.close();
        }
    }
}
