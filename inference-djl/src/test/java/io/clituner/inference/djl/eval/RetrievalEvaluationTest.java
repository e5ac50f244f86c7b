package io.clituner.inference.djl.eval;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.core.testing.SharedFiles;
import io.clituner.inference.djl.embedding.EmbeddingModel;
import io.clituner.inference.djl.retrieval.ExampleRetriever;
import io.clituner.inference.djl.retrieval.RetrievalEngine;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acceptance: on tldr-pairs (deterministic 90/10 split by description hash), embedding retrieval
 * (the engine's 3-neighbour vote) beats BM25 on top-1 exact match and on first-program accuracy.
 * The bank is the full 90%, every held-out description is a query; its
 * embeddings are computed once (about a minute on 2 cores) and then read from the disk cache.
 */
class RetrievalEvaluationTest {
    private static final Logger LOG = LoggerFactory.getLogger(RetrievalEvaluationTest.class);
    /** 0 = every held-out description (2,598); embedding and searching them all takes under 10 s. */
    static final int QUERIES = 0;

    @Test
    void embeddingRetrievalBeatsBm25OnTldrPairs() {
        Path corpus = SharedFiles.require("corpora/tldr-pairs.tsv");
        try (EmbeddingModel model = EmbeddingModel.open()) {
            EvaluationReport r = new RetrievalEvaluation(
                            model, ExampleRetriever.defaultEmbeddingCache(), RetrievalEngine.DEFAULT_NEIGHBOURS)
                    .run(corpus, QUERIES);
            LOG.info("tldr-pairs retrieval evaluation: {}", r);
            assertTrue(r.bankSize() > 20_000, r.toString());
            assertTrue(r.queries() > 0, r.toString());
            assertTrue(r.embeddingTop1() > r.bm25Top1(), "top-1 exact match: " + r);
            assertTrue(r.embeddingFirstProgram() > r.bm25FirstProgram(), "first-program accuracy: " + r);
        }
    }
}
