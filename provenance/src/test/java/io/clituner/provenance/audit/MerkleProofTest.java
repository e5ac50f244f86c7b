package io.clituner.provenance.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.core.hash.Digests;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Proofs from {@link MerkleTree} checked against roots computed straight from the RFC 6962 definition. */
class MerkleProofTest {
    private static final int MAX = 1000;
    private static final List<byte[]> ENTRIES = new ArrayList<>();
    private static final List<byte[]> LEAVES = new ArrayList<>();
    private static MerkleTree tree;
    private static byte[][] rootOfSize;

    /** MTH(D[lo:hi]) exactly as RFC 6962 §2.1 writes it, with its own SHA-256 calls. */
    static byte[] referenceRoot(List<byte[]> entries, int lo, int hi) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        int n = hi - lo;
        if (n == 0) {
            return md.digest();
        }
        if (n == 1) {
            md.update((byte) 0x00);
            md.update(entries.get(lo));
            return md.digest();
        }
        int k = 1;
        while (k * 2 < n) {
            k *= 2;
        }
        byte[] left = referenceRoot(entries, lo, lo + k);
        byte[] right = referenceRoot(entries, lo + k, hi);
        md.update((byte) 0x01);
        md.update(left);
        md.update(right);
        return md.digest();
    }

    @BeforeAll
    static void build() throws Exception {
        for (int i = 0; i < MAX; i++) {
            byte[] e = ("entry-" + i).getBytes(StandardCharsets.UTF_8);
            ENTRIES.add(e);
            LEAVES.add(Rfc6962.leafHash(e));
        }
        tree = new MerkleTree(LEAVES);
        rootOfSize = new byte[MAX + 1][];
        for (int n = 0; n <= MAX; n++) {
            rootOfSize[n] = referenceRoot(ENTRIES, 0, n);
        }
    }

    private static Set<Integer> picks(int n, Random rnd) {
        Set<Integer> s = new LinkedHashSet<>(List.of(0, n - 1, n / 2, rnd.nextInt(n)));
        if (n > 2) {
            s.add(1 + rnd.nextInt(n - 2));
        }
        return s;
    }

    @Test
    void rootsOfEveryPrefixMatchTheReference() {
        MerkleAccumulator acc = new MerkleAccumulator();
        assertArrayEquals(rootOfSize[0], acc.root());
        for (int n = 1; n <= MAX; n++) {
            acc.add(LEAVES.get(n - 1));
            assertArrayEquals(rootOfSize[n], acc.root(), "accumulator, size " + n);
            assertArrayEquals(rootOfSize[n], tree.root(n), "tree, size " + n);
        }
        assertArrayEquals(rootOfSize[37], new MerkleTree(LEAVES.subList(0, 37)).root());
    }

    @Test
    void inclusionProofsVerifyForSizes1To1000() {
        Random rnd = new Random(6962);
        int checked = 0;
        for (int n = 1; n <= MAX; n++) {
            for (int i : picks(n, rnd)) {
                List<byte[]> proof = tree.inclusionProof(i, n);
                assertTrue(
                        MerkleProofs.verifyInclusion(LEAVES.get(i), i, n, proof, rootOfSize[n]),
                        "index " + i + " size " + n);
                // The same proof must not vouch for another leaf, index, or root.
                assertFalse(MerkleProofs.verifyInclusion(LEAVES.get((i + 1) % MAX), i, n, proof, rootOfSize[n]));
                if (n > 1) {
                    assertFalse(MerkleProofs.verifyInclusion(LEAVES.get(i), (i + 1) % n, n, proof, rootOfSize[n]));
                }
                assertFalse(MerkleProofs.verifyInclusion(LEAVES.get(i), i, n, proof, rootOfSize[n - 1]));
                checked++;
            }
        }
        assertTrue(checked > 3000);
    }

    @Test
    void consistencyProofsVerifyForSizes1To1000() {
        Random rnd = new Random(9162);
        for (int n = 1; n <= MAX; n++) {
            for (int m : picks(n, rnd)) {
                int old = m + 1; // 1..n
                List<byte[]> proof = tree.consistencyProof(old, n);
                assertTrue(
                        MerkleProofs.verifyConsistency(old, n, rootOfSize[old], rootOfSize[n], proof),
                        old + " -> " + n);
                if (old < n) {
                    // A forked history (another root at the old size) must fail.
                    byte[] forged = Digests.sha256().digest(rootOfSize[old]);
                    assertFalse(MerkleProofs.verifyConsistency(old, n, forged, rootOfSize[n], proof));
                    assertFalse(MerkleProofs.verifyConsistency(old, n, rootOfSize[old], rootOfSize[n - 1], proof));
                }
            }
        }
    }

    @Test
    void proofsForKnownSmallTreeMatchRfcShape() {
        // RFC 6962 §2.1.3 example tree of 7 leaves: PATH(0) has 3 nodes; leaf 6, a lone right edge, needs 2.
        assertEquals(3, tree.inclusionProof(0, 7).size());
        assertEquals(2, tree.inclusionProof(6, 7).size());
        // PROOF(3, D[7]) = [c, d, g, l] and PROOF(4, D[7]) = [l] and PROOF(6, D[7]) = [i, j, k]
        assertEquals(4, tree.consistencyProof(3, 7).size());
        assertEquals(1, tree.consistencyProof(4, 7).size());
        assertEquals(3, tree.consistencyProof(6, 7).size());
        assertEquals(0, tree.consistencyProof(7, 7).size());
    }
}
