package io.clituner.core.engine;

import java.util.List;

/** SPI: supplies the k examples nearest to a query (the default lives in {@code inference-djl}). */
public interface FewShotSource {
    List<FewShotExample> nearest(String query, int k);

    /** Identifies the bank's content; part of the response-cache key. */
    String fingerprint();
}
