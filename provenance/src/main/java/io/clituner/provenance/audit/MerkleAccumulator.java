package io.clituner.provenance.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * Incremental RFC 6962 root: keeps only the roots of the perfect subtrees that make up the tree
 * (one per set bit of the size), so appending is O(1) amortized and the root O(log n).
 */
final class MerkleAccumulator {
    private final List<byte[]> subtrees = new ArrayList<>();
    private long size;

    long size() {
        return size;
    }

    void add(byte[] leafHash) {
        subtrees.add(leafHash);
        // Merge equal-height neighbours: one merge per trailing 1-bit of the old size.
        for (long s = size; (s & 1) == 1; s >>>= 1) {
            byte[] right = subtrees.remove(subtrees.size() - 1);
            byte[] left = subtrees.remove(subtrees.size() - 1);
            subtrees.add(Rfc6962.nodeHash(left, right));
        }
        size++;
    }

    byte[] root() {
        if (subtrees.isEmpty()) {
            return Rfc6962.emptyRoot();
        }
        byte[] r = subtrees.get(subtrees.size() - 1);
        for (int i = subtrees.size() - 2; i >= 0; i--) {
            r = Rfc6962.nodeHash(subtrees.get(i), r);
        }
        return r;
    }

    MerkleAccumulator copy() {
        MerkleAccumulator c = new MerkleAccumulator();
        c.subtrees.addAll(subtrees);
        c.size = size;
        return c;
    }
}
