package io.clituner.benchmarks.eval.report;

import java.util.Objects;

/** The evaluation set: name, digest over the set and its fixtures, sizes. */
public record DatasetInfo(String name, String sha256, int tasks, int fixtures) {
    public DatasetInfo {
        // read back from a --baseline report: the gate compares the digest
        Objects.requireNonNull(name, "missing member 'dataset.name'");
        Objects.requireNonNull(sha256, "missing member 'dataset.sha256'");
    }
}
