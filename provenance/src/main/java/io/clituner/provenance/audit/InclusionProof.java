package io.clituner.provenance.audit;

import io.clituner.core.hash.Digests;
import java.util.HexFormat;
import java.util.List;

/**
 * Proof that one entry is in the log at a given size (hashes lower-case hex).
 *
 * @param index    the entry's index
 * @param treeSize the size of the tree the proof is against
 * @param leafHash {@code SHA-256(0x00 ‖ entry)}
 * @param rootHash the root of the tree of {@code treeSize}
 * @param path     the audit path, leaf to root
 */
public record InclusionProof(long index, long treeSize, String leafHash, String rootHash, List<String> path) {
    public InclusionProof {
        path = List.copyOf(path);
    }

    /** Checks the path against the stated root; pass a root obtained independently (a checkpoint) to trust it. */
    public boolean verify(String trustedRootHex) {
        HexFormat hex = HexFormat.of();
        return MerkleProofs.verifyInclusion(
                hex.parseHex(leafHash),
                index,
                treeSize,
                path.stream().map(hex::parseHex).toList(),
                hex.parseHex(trustedRootHex));
    }

    static InclusionProof of(long index, long treeSize, byte[] leaf, byte[] root, List<byte[]> path) {
        return new InclusionProof(
                index,
                treeSize,
                Digests.hex(leaf),
                Digests.hex(root),
                path.stream().map(Digests::hex).toList());
    }
}
