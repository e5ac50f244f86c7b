package io.clituner.inference.djl.retrieval;

import ai.djl.Device;
import java.util.List;

/** How a {@link CosineIndex} finds its top k; inputs are validated by the index. */
sealed interface CosineSearch extends AutoCloseable permits PrefilteredSearch, TorchSearch {

    /** Top-k for each query, best first; 1 ≤ k ≤ size. */
    List<List<SearchHit>> search(float[][] queries, int k);

    /** How many rows a search for (query, k) scores exactly. */
    int rescoredRows(float[] query, int k);

    Device device();

    @Override
    void close();
}
