package io.clituner.provenance.audit;

import io.clituner.core.hash.Digests;
import java.util.HexFormat;
import java.util.List;

/**
 * Proof that the log of {@code oldSize} is a prefix of the log of {@code newSize}: nothing was
 * rewritten or removed between two checkpoints.
 */
public record ConsistencyProof(long oldSize, long newSize, String oldRootHash, String newRootHash, List<String> path) {
    public ConsistencyProof {
        path = List.copyOf(path);
    }

    public boolean verify(String trustedOldRootHex, String trustedNewRootHex) {
        HexFormat hex = HexFormat.of();
        return MerkleProofs.verifyConsistency(
                oldSize,
                newSize,
                hex.parseHex(trustedOldRootHex),
                hex.parseHex(trustedNewRootHex),
                path.stream().map(hex::parseHex).toList());
    }

    static ConsistencyProof of(long oldSize, long newSize, byte[] oldRoot, byte[] newRoot, List<byte[]> path) {
        return new ConsistencyProof(
                oldSize,
                newSize,
                Digests.hex(oldRoot),
                Digests.hex(newRoot),
                path.stream().map(Digests::hex).toList());
    }
}
