package io.clituner.inference.djl.eval;

import java.util.Locale;

/**
 * Retrieval quality on a held-out split, embedding search against the BM25 baseline in the same run.
 *
 * @param bankSize                 examples in the bank (the 90% side, exact duplicates dropped)
 * @param queries                  held-out descriptions evaluated (each with its set of reference commands)
 * @param embeddingTop1            share of queries whose top-1 command equals a reference command
 * @param embeddingFirstProgram    share whose top-1 command starts with a reference command's program
 * @param bm25Top1                 as embeddingTop1, for BM25
 * @param bm25FirstProgram         as embeddingFirstProgram, for BM25
 * @param bankEmbeddingMillis      time to obtain the bank's embeddings (0-ish when cached on disk)
 * @param queryMillis              time to embed and search every query
 */
public record EvaluationReport(
        int bankSize,
        int queries,
        double embeddingTop1,
        double embeddingFirstProgram,
        double bm25Top1,
        double bm25FirstProgram,
        long bankEmbeddingMillis,
        long queryMillis) {
    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "bank=%d queries=%d | embedding: top1=%.4f firstProgram=%.4f | bm25: top1=%.4f firstProgram=%.4f | bank embeddings %d ms, queries %d ms",
                bankSize,
                queries,
                embeddingTop1,
                embeddingFirstProgram,
                bm25Top1,
                bm25FirstProgram,
                bankEmbeddingMillis,
                queryMillis);
    }
}
