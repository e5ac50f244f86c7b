package io.clituner.inference.djl.retrieval;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.clituner.core.error.ConfigurationException;
import io.clituner.core.error.ErrorCode;
import io.clituner.core.error.InferenceException;
import io.clituner.inference.djl.DjlRuntime;
import java.util.ArrayList;
import java.util.List;

/**
 * Exact cosine search over unit vectors: one matrix product on the PyTorch engine (GPU when
 * present) and a top-k. Exact search is the right tool up to roughly a million rows (384 floats
 * each: 1.5 GB); beyond that an approximate index (HNSW, or IVF-PQ for memory) trades a little
 * recall for sub-linear time. Thread-safe: each search works in its own native memory scope.
 */
public final class CosineIndex implements AutoCloseable {
    private final NDManager manager;
    /** The unit vectors as rows (rows × dim, row-major): a matrix-vector product streams it once per query. */
    private final NDArray matrix;
    private final int rows;
    private final int dim;
    private volatile boolean closed;

    private CosineIndex(NDManager manager, NDArray matrix, int rows, int dim) {
        this.manager = manager;
        this.matrix = matrix;
        this.rows = rows;
        this.dim = dim;
    }

    /** Copies the (already unit-length) row vectors to the math device. */
    public static CosineIndex of(float[][] vectors) {
        if (vectors.length == 0) {
            throw new ConfigurationException(ErrorCode.CONFIGURATION, "cannot index an empty set of vectors");
        }
        int dim = vectors[0].length;
        float[] flat = new float[vectors.length * dim];
        for (int i = 0; i < vectors.length; i++) {
            if (vectors[i].length != dim) {
                throw new ConfigurationException(ErrorCode.CONFIGURATION,
                        "vector " + i + " has dimension " + vectors[i].length + ", expected " + dim);
            }
            System.arraycopy(vectors[i], 0, flat, i * dim, dim);
        }
        Device device = DjlRuntime.mathDevice();
        NDManager manager = NDManager.newBaseManager(device, DjlRuntime.PYTORCH_ENGINE);
        NDArray matrix = manager.create(flat, new Shape(vectors.length, dim));
        return new CosineIndex(manager, matrix, vectors.length, dim);
    }

    /** The k rows most similar to {@code query}, best first. */
    public List<SearchHit> search(float[] query, int k) {
        return search(new float[][] {query}, k).get(0);
    }

    /** Top-k for many queries at once: one (queries × rows) similarity matrix. */
    public List<List<SearchHit>> search(float[][] queries, int k) {
        if (closed) {
            throw new InferenceException(ErrorCode.ENGINE_CLOSED, "index is closed");
        }
        if (k <= 0) {
            throw new ConfigurationException(ErrorCode.CONFIGURATION, "k must be positive, got " + k);
        }
        int kk = Math.min(k, rows);
        float[] flat = new float[queries.length * dim];
        for (int i = 0; i < queries.length; i++) {
            if (queries[i].length != dim) {
                throw new ConfigurationException(ErrorCode.CONFIGURATION,
                        "query has dimension " + queries[i].length + ", index has " + dim);
            }
            System.arraycopy(queries[i], 0, flat, i * dim, dim);
        }
        try (NDManager scope = manager.newSubManager()) {
            int nq = queries.length;
            NDArray q = scope.create(flat, new Shape(nq, dim));
            // rows × nq scores; results of an op on the index matrix belong to its manager, so move them into this scope.
            NDArray scores = matrix.matMul(q.transpose());
            scores.attach(scope);
            NDList top = scores.topK(kk, 0, true, true);
            float[] values = top.get(0).toFloatArray();   // kk × nq
            long[] indices = top.get(1).toLongArray();
            List<List<SearchHit>> out = new ArrayList<>(nq);
            for (int i = 0; i < nq; i++) {
                List<SearchHit> hits = new ArrayList<>(kk);
                for (int j = 0; j < kk; j++) {
                    hits.add(new SearchHit((int) indices[j * nq + i], values[j * nq + i]));
                }
                out.add(hits);
            }
            return out;
        }
    }

    public int size() {
        return rows;
    }

    public int dimension() {
        return dim;
    }

    public Device device() {
        return manager.getDevice();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        manager.close();
    }
}
