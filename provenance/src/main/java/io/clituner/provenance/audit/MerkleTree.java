package io.clituner.provenance.audit;

import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import java.util.ArrayList;
import java.util.List;

/**
 * An RFC 6962 tree held in memory (all levels), for roots of any prefix and for inclusion and
 * consistency proofs. Level k holds the hashes of the complete 2^k-leaf blocks; the RFC's
 * unbalanced right edge is computed on demand, which keeps every proof O(log² n).
 */
public final class MerkleTree {
    private final List<byte[][]> levels = new ArrayList<>();
    private final int size;

    /** @param leafHashes the leaf hashes, in log order */
    public MerkleTree(List<byte[]> leafHashes) {
        this.size = leafHashes.size();
        byte[][] level = leafHashes.toArray(new byte[0][]);
        levels.add(level);
        while (level.length > 1) {
            byte[][] up = new byte[level.length / 2][];
            for (int i = 0; i < up.length; i++) {
                up[i] = Rfc6962.nodeHash(level[2 * i], level[2 * i + 1]);
            }
            levels.add(up);
            level = up;
        }
    }

    public int size() {
        return size;
    }

    public byte[] leafHash(int index) {
        checkIndex(index, size);
        return levels.get(0)[index];
    }

    /** MTH of the first {@code treeSize} leaves. */
    public byte[] root(int treeSize) {
        if (treeSize < 0 || treeSize > size) {
            throw new CliTunerException(ErrorCode.INVALID_REQUEST, "tree size " + treeSize + " outside 0.." + size);
        }
        return treeSize == 0 ? Rfc6962.emptyRoot() : mth(0, treeSize);
    }

    public byte[] root() {
        return root(size);
    }

    /** RFC 6962 §2.1.1 PATH(index, D[0:treeSize]). */
    public List<byte[]> inclusionProof(int index, int treeSize) {
        if (treeSize < 1 || treeSize > size) {
            throw new CliTunerException(ErrorCode.INVALID_REQUEST, "tree size " + treeSize + " outside 1.." + size);
        }
        checkIndex(index, treeSize);
        List<byte[]> proof = new ArrayList<>();
        path(index, 0, treeSize, proof);
        return proof;
    }

    /** RFC 6962 §2.1.2 PROOF(oldSize, D[0:newSize]). */
    public List<byte[]> consistencyProof(int oldSize, int newSize) {
        if (oldSize < 1 || oldSize > newSize || newSize > size) {
            throw new CliTunerException(
                    ErrorCode.INVALID_REQUEST,
                    "consistency needs 1 ≤ old (" + oldSize + ") ≤ new (" + newSize + ") ≤ " + size);
        }
        List<byte[]> proof = new ArrayList<>();
        if (oldSize < newSize) {
            subproof(oldSize, 0, newSize, true, proof);
        }
        return proof;
    }

    private void path(int m, int lo, int hi, List<byte[]> out) {
        int n = hi - lo;
        if (n == 1) {
            return;
        }
        int k = largestPowerOfTwoBelow(n);
        if (m < k) {
            path(m, lo, lo + k, out);
            out.add(mth(lo + k, hi));
        } else {
            path(m - k, lo + k, hi, out);
            out.add(mth(lo, lo + k));
        }
    }

    private void subproof(int m, int lo, int hi, boolean wholeOldTree, List<byte[]> out) {
        int n = hi - lo;
        if (m == n) {
            if (!wholeOldTree) {
                out.add(mth(lo, hi));
            }
            return;
        }
        int k = largestPowerOfTwoBelow(n);
        if (m <= k) {
            subproof(m, lo, lo + k, wholeOldTree, out);
            out.add(mth(lo + k, hi));
        } else {
            subproof(m - k, lo + k, hi, false, out);
            out.add(mth(lo, lo + k));
        }
    }

    private byte[] mth(int lo, int hi) {
        int n = hi - lo;
        if (Integer.bitCount(n) == 1 && lo % n == 0) {
            return levels.get(Integer.numberOfTrailingZeros(n))[lo / n];
        }
        int k = largestPowerOfTwoBelow(n);
        return Rfc6962.nodeHash(mth(lo, lo + k), mth(lo + k, hi));
    }

    /** The largest power of two strictly less than n (n ≥ 2). */
    static int largestPowerOfTwoBelow(int n) {
        return Integer.highestOneBit(n - 1);
    }

    private static void checkIndex(int index, int treeSize) {
        if (index < 0 || index >= treeSize) {
            throw new CliTunerException(
                    ErrorCode.INVALID_REQUEST, "leaf index " + index + " outside 0.." + (treeSize - 1));
        }
    }
}
