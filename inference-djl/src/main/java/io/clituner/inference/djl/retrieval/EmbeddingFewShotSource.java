package io.clituner.inference.djl.retrieval;

import io.clituner.core.engine.FewShotExample;
import io.clituner.core.engine.FewShotSource;
import io.clituner.inference.djl.bank.ExampleBank;
import java.util.List;

/**
 * Few-shot examples for generative (GGUF) prompts: the k bank examples nearest to the query by
 * embedding similarity, so a small model sees requests like the user's and imitates their style.
 * The pipeline records the example ids in provenance. Owns its retriever; close it.
 */
public final class EmbeddingFewShotSource implements FewShotSource, AutoCloseable {
    private final ExampleRetriever retriever;
    private final String fingerprint;

    public EmbeddingFewShotSource(ExampleRetriever retriever) {
        this.retriever = retriever;
        this.fingerprint = retriever.model().sha256().substring(0, 16) + "-"
                + retriever.bank().sha256().substring(0, 16);
    }

    /** The built-in bank with the bundled embedding model. */
    public static EmbeddingFewShotSource builtIn() {
        return new EmbeddingFewShotSource(ExampleRetriever.open(ExampleBank.builtIn()));
    }

    @Override
    public List<FewShotExample> nearest(String query, int k) {
        if (k == 0) {
            return List.of();
        }
        return retriever.nearest(query, k).stream()
                .map(r -> new FewShotExample(
                        r.example().id(), r.example().query(), r.example().command(), r.similarity()))
                .toList();
    }

    @Override
    public String fingerprint() {
        return fingerprint;
    }

    @Override
    public void close() {
        retriever.close();
    }
}
