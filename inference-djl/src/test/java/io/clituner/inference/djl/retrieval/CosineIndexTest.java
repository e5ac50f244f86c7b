package io.clituner.inference.djl.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.clituner.core.error.ConfigurationException;
import io.clituner.core.error.ErrorCode;
import io.clituner.core.error.InferenceException;
import io.clituner.inference.djl.DjlRuntime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CosineIndexTest {
    static float[][] unit(int n, int dim, long seed) {
        Random r = new Random(seed);
        float[][] out = new float[n][dim];
        for (float[] v : out) {
            double norm = 0;
            for (int d = 0; d < dim; d++) {
                v[d] = (float) r.nextGaussian();
                norm += v[d] * v[d];
            }
            for (int d = 0; d < dim; d++) {
                v[d] /= (float) Math.sqrt(norm);
            }
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(
            value = CosineIndex.Backend.class,
            names = {"JAVA", "PYTORCH"})
    void topKMatchesBruteForceForSingleAndBatchedQueries(CosineIndex.Backend backend) {
        float[][] rows = unit(2000, 32, 1);
        float[][] queries = unit(7, 32, 2);
        try (CosineIndex index = CosineIndex.of(rows, backend)) {
            assertEquals(backend, index.backend());
            List<List<SearchHit>> batched = index.search(queries, 5);
            for (int q = 0; q < queries.length; q++) {
                float[] query = queries[q];
                List<Integer> expected = IntStream.range(0, rows.length)
                        .boxed()
                        .sorted(Comparator.comparingDouble((Integer i) -> -dot(rows[i], query)))
                        .limit(5)
                        .toList();
                List<Integer> single =
                        index.search(query, 5).stream().map(SearchHit::index).toList();
                assertEquals(expected, single);
                assertEquals(
                        expected, batched.get(q).stream().map(SearchHit::index).toList());
                assertEquals(
                        dot(rows[expected.get(0)], query), batched.get(q).get(0).score(), 1e-5);
            }
            assertEquals(2000, index.search(queries[0], 5000).size(), "k is capped at the index size");
        }
    }

    @Test
    void autoPicksPyTorchOnlyWhenItSeesAGpu() {
        CosineIndex.Backend expected =
                DjlRuntime.mathDevice().isGpu() ? CosineIndex.Backend.PYTORCH : CosineIndex.Backend.JAVA;
        try (CosineIndex index = CosineIndex.of(unit(10, 4, 1))) {
            assertEquals(expected, index.backend());
            assertEquals(DjlRuntime.mathDevice(), index.device());
        }
    }

    static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Test
    void misuseIsATypedError() {
        assertThrows(ConfigurationException.class, () -> CosineIndex.of(new float[0][]));
        assertThrows(ConfigurationException.class, () -> CosineIndex.of(new float[][] {{1f, 0f}, {1f}}));
        assertThrows(ConfigurationException.class, () -> CosineIndex.of(new float[][] {{}}));
        assertThrows(ConfigurationException.class, () -> CosineIndex.of(new float[][] {{1f, 0f}, {Float.NaN, 0f}}));
        assertThrows(
                ConfigurationException.class,
                () -> CosineIndex.of(new float[][] {{Float.POSITIVE_INFINITY}}, CosineIndex.Backend.PYTORCH));
        CosineIndex index = CosineIndex.of(unit(3, 4, 3));
        assertEquals(
                ErrorCode.CONFIGURATION,
                assertThrows(ConfigurationException.class, () -> index.search(new float[3], 1))
                        .code());
        assertThrows(ConfigurationException.class, () -> index.search(new float[4], 0));
        assertThrows(ConfigurationException.class, () -> index.search(new float[] {0f, Float.NaN, 0f, 0f}, 1));
        assertThrows(ConfigurationException.class, () -> index.rescoredRows(new float[4], -1));
        index.close();
        assertEquals(
                ErrorCode.ENGINE_CLOSED,
                assertThrows(InferenceException.class, () -> index.search(new float[4], 1))
                        .code());
    }

    @Test
    void neighbourVotePrefersTheProgramCloseNeighboursAgreeOn() {
        // One slightly nearer outlier loses to two agreeing neighbours; a clearly nearer one wins.
        assertEquals(
                1, NeighbourVote.choose(List.of("curl -I https://x", "find . -name a", "find . -type f"), new float[] {
                    0.80f, 0.78f, 0.77f
                }));
        assertEquals(
                0, NeighbourVote.choose(List.of("curl -I https://x", "find . -name a", "find . -type f"), new float[] {
                    0.95f, 0.60f, 0.58f
                }));
        assertEquals(0, NeighbourVote.choose(List.of("ls"), new float[] {0.3f}));
        // Among the winning program, an exact command shared by neighbours wins over a nearer singleton.
        assertEquals(1, NeighbourVote.choose(List.of("ls -la", "ls -l", "ls -l"), new float[] {0.80f, 0.79f, 0.78f}));
    }

    @Test
    void bm25RanksTheDocumentSharingRareTermsFirst() {
        List<String> docs = new ArrayList<>(List.of(
                "list files in a directory",
                "show running docker containers",
                "list files sorted by size",
                "remove a docker image"));
        Bm25Index bm25 = new Bm25Index(docs);
        assertEquals(1, bm25.best("which docker containers are running"));
        assertEquals(2, bm25.best("files by size"));
        assertEquals(-1, bm25.best("zzz qqq"));
        assertEquals(List.of("list", "files", "2", "txt"), Bm25Index.tokenize("List FILES (2) .txt"));
    }
}
