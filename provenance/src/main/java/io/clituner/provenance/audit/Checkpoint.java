package io.clituner.provenance.audit;

import java.time.Instant;

/**
 * A signed statement of the log's state: "the log named {@code origin} had {@code treeSize}
 * entries with this root at this time". Kept in a file apart from the log, so that rolling the log
 * back or rewriting it is caught by anyone holding a checkpoint.
 */
public record Checkpoint(String origin, long treeSize, String rootHash, Instant time) {
    /** DSSE payload type of a checkpoint. */
    public static final String PAYLOAD_TYPE = "application/vnd.clituner.audit-checkpoint+json";
}
