package io.clituner.benchmarks.eval.report;

import java.util.Objects;

/**
 * Whether an optional tier ran. A skipped tier contributes no metric (never a pass).
 *
 * @param status RAN or SKIPPED
 * @param detail what ran it, or why it was skipped
 */
public record TierStatus(String status, String detail) {
    public TierStatus {
        Objects.requireNonNull(status, "missing member 'status'");
        Objects.requireNonNull(detail, "missing member 'detail'");
    }

    public static TierStatus ran(String detail) {
        return new TierStatus("RAN", detail);
    }

    public static TierStatus skipped(String why) {
        return new TierStatus("SKIPPED", why);
    }

    public boolean ran() {
        return "RAN".equals(status);
    }
}
