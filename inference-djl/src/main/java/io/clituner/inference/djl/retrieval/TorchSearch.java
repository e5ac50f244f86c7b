package io.clituner.inference.djl.retrieval;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.clituner.inference.djl.DjlRuntime;
import java.util.ArrayList;
import java.util.List;

/**
 * Brute force on PyTorch's math device: one float32 (queries × rows) matrix product and a topK. The
 * backend for a GPU, where streaming the matrix is cheap and batches of queries run in parallel.
 * Scores are float32 sums in PyTorch's order; ties come back in PyTorch's order.
 */
final class TorchSearch implements CosineSearch {
    private final NDManager manager;
    /** The rows (rows × dim, row-major): a matrix-vector product streams it once per query. */
    private final NDArray matrix;

    private final int rows;
    private final int dim;

    TorchSearch(float[][] vectors) {
        rows = vectors.length;
        dim = vectors[0].length;
        float[] flat = new float[rows * dim];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(vectors[i], 0, flat, i * dim, dim);
        }
        manager = NDManager.newBaseManager(DjlRuntime.mathDevice(), DjlRuntime.PYTORCH_ENGINE);
        matrix = manager.create(flat, new Shape(rows, dim));
    }

    @Override
    public List<List<SearchHit>> search(float[][] queries, int k) {
        int nq = queries.length;
        float[] flat = new float[nq * dim];
        for (int i = 0; i < nq; i++) {
            System.arraycopy(queries[i], 0, flat, i * dim, dim);
        }
        try (NDManager scope = manager.newSubManager()) {
            NDArray q = scope.create(flat, new Shape(nq, dim));
            // rows × nq scores; results of an op on the index matrix belong to its manager, so move them into this
            // scope.
            NDArray scores = matrix.matMul(q.transpose());
            scores.attach(scope);
            NDList top = scores.topK(k, 0, true, true);
            float[] values = top.get(0).toFloatArray(); // k × nq
            long[] indices = top.get(1).toLongArray();
            List<List<SearchHit>> out = new ArrayList<>(nq);
            for (int i = 0; i < nq; i++) {
                List<SearchHit> hits = new ArrayList<>(k);
                for (int j = 0; j < k; j++) {
                    hits.add(new SearchHit((int) indices[j * nq + i], values[j * nq + i]));
                }
                out.add(hits);
            }
            return out;
        }
    }

    @Override
    public int rescoredRows(float[] query, int k) {
        return rows;
    }

    @Override
    public Device device() {
        return manager.getDevice();
    }

    @Override
    public void close() {
        manager.close();
    }
}
