package io.clituner.inference.djl.retrieval;

import ai.djl.Device;
import io.clituner.core.error.ConfigurationException;
import io.clituner.core.error.ErrorCode;
import io.clituner.core.lifecycle.CloseGate;
import io.clituner.inference.djl.PyTorchGpu;
import java.util.List;
import java.util.Objects;

/**
 * Exact cosine top-k over unit vectors (dot products; the caller normalizes). Two backends, same
 * answer:
 * <ul>
 *   <li>{@link Backend#JAVA} (the CPU default): an int8 pre-scan with a proven error bound picks the
 *       rows that can reach the top k, and only those are scored exactly from the float32 rows. 30,000 ×
 *       384 takes well under a millisecond where a float32 brute force streams 46 MB per query.</li>
 *   <li>{@link Backend#PYTORCH} (the default when PyTorch sees a GPU): one float32 matrix product and
 *       a topK on the device.</li>
 * </ul>
 * Exact search is the right tool up to roughly a million rows (1.5 GB of float32 + 0.4 GB of int8);
 * beyond that an approximate index (HNSW, or IVF-PQ for memory) trades a little recall for sub-linear
 * time. Thread-safe: searches share only immutable data (and, on PyTorch, each works in its own
 * native memory scope).
 */
public final class CosineIndex implements AutoCloseable {
    /** Largest dimension accepted; {@link ErrorBound}'s rounding margin is argued up to it. */
    public static final int MAX_DIMENSION = 1_000_000;

    /** Where the search runs. */
    public enum Backend {
        /** PYTORCH when PyTorch sees a GPU, else JAVA. */
        AUTO,
        /** int8 pre-scan + exact float32 re-rank in Java, on the CPU. Scores are summed in double. */
        JAVA,
        /** float32 matrix product + topK on PyTorch's math device (GPU when present, else CPU). */
        PYTORCH
    }

    private final CosineSearch search;
    private final Backend backend;
    private final int rows;
    private final int dim;
    private final CloseGate gate = new CloseGate("the index");

    private CosineIndex(CosineSearch search, Backend backend, int rows, int dim) {
        this.search = search;
        this.backend = backend;
        this.rows = rows;
        this.dim = dim;
    }

    /** Indexes (already unit-length) row vectors with the {@link Backend#AUTO} backend; the vectors are copied. */
    public static CosineIndex of(float[][] vectors) {
        return of(vectors, Backend.AUTO);
    }

    public static CosineIndex of(float[][] vectors, Backend backend) {
        Objects.requireNonNull(backend, "backend");
        if (vectors.length == 0) {
            throw new ConfigurationException(ErrorCode.CONFIGURATION, "cannot index an empty set of vectors");
        }
        int dim = vectors[0].length;
        if (dim == 0 || dim > MAX_DIMENSION) {
            throw new ConfigurationException(
                    ErrorCode.CONFIGURATION, "vector dimension must be 1.." + MAX_DIMENSION + ", got " + dim);
        }
        for (int i = 0; i < vectors.length; i++) {
            if (vectors[i].length != dim) {
                throw new ConfigurationException(
                        ErrorCode.CONFIGURATION,
                        "vector " + i + " has dimension " + vectors[i].length + ", expected " + dim);
            }
            requireFinite(vectors[i], "vector " + i);
        }
        // PyTorchGpu answers as mathDevice().isGpu() would, without loading libtorch on a CPU-only machine.
        Backend chosen = backend != Backend.AUTO ? backend : PyTorchGpu.visible() ? Backend.PYTORCH : Backend.JAVA;
        if (chosen == Backend.PYTORCH && (long) vectors.length * dim > Integer.MAX_VALUE - 8) {
            throw new ConfigurationException(
                    ErrorCode.CONFIGURATION,
                    vectors.length + " × " + dim
                            + " floats do not fit one PyTorch buffer; use the JAVA backend or an approximate index");
        }
        CosineSearch search = chosen == Backend.PYTORCH ? new TorchSearch(vectors) : new PrefilteredSearch(vectors);
        return new CosineIndex(search, chosen, vectors.length, dim);
    }

    /** The k rows most similar to {@code query}, best first (k larger than the index returns every row). */
    public List<SearchHit> search(float[] query, int k) {
        return search(new float[][] {query}, k).get(0);
    }

    /** Top-k for many queries at once (one matrix product on PyTorch). */
    public List<List<SearchHit>> search(float[][] queries, int k) {
        // close() waits for this call: a PyTorch search keeps its device tensors until it returns.
        return gate.call(() -> {
            checkQueries(queries, k);
            return search.search(queries, Math.min(k, rows));
        });
    }

    /**
     * How many rows a search for (query, k) scores exactly: between k and {@link #size()} on JAVA
     * (the rest are ruled out by the int8 pre-scan), always {@link #size()} on PYTORCH. Diagnostics.
     */
    public int rescoredRows(float[] query, int k) {
        return gate.call(() -> {
            checkQueries(new float[][] {query}, k);
            return search.rescoredRows(query, Math.min(k, rows));
        });
    }

    private void checkQueries(float[][] queries, int k) {
        if (k <= 0) {
            throw new ConfigurationException(ErrorCode.CONFIGURATION, "k must be positive, got " + k);
        }
        for (float[] q : queries) {
            if (q.length != dim) {
                throw new ConfigurationException(
                        ErrorCode.CONFIGURATION, "query has dimension " + q.length + ", index has " + dim);
            }
            requireFinite(q, "query");
        }
    }

    private static void requireFinite(float[] v, String what) {
        for (int j = 0; j < v.length; j++) {
            if (!Float.isFinite(v[j])) {
                throw new ConfigurationException(
                        ErrorCode.CONFIGURATION, what + " has a non-finite component " + v[j] + " at " + j);
            }
        }
    }

    public int size() {
        return rows;
    }

    public int dimension() {
        return dim;
    }

    /** The backend chosen (never AUTO). */
    public Backend backend() {
        return backend;
    }

    public Device device() {
        return search.device();
    }

    /** Idempotent and thread-safe: waits for searches in flight, then frees the backend (device memory on PyTorch). */
    @Override
    public void close() {
        gate.close(search::close);
    }
}
