package io.clituner.benchmarks.eval.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.SortedMap;

/**
 * What one command did in a fresh sandbox.
 *
 * @param exitCode        the command's exit status (128+N for a signal; -1 when killed by the harness)
 * @param stdout          standard output, at most the limit
 * @param stderr          the start of standard error (for people; never compared)
 * @param timedOut        killed at the wall-clock limit
 * @param outputTruncated more output than the limit was produced
 * @param tree            the working tree afterwards, relative path → state
 * @param nanos           wall time of the run, including set-up
 */
@SuppressWarnings("ArrayRecordComponent") // one run's captured output, compared by content where it matters
public record Execution(
        int exitCode,
        byte[] stdout,
        String stderr,
        boolean timedOut,
        boolean outputTruncated,
        SortedMap<String, PathState> tree,
        long nanos) {
    public Execution {
        stdout = stdout.clone();
        tree = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(tree));
    }

    @Override
    public byte[] stdout() {
        return stdout.clone();
    }

    public String stdoutText() {
        return new String(stdout, StandardCharsets.UTF_8);
    }
}
