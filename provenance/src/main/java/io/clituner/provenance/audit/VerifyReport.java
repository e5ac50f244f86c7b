package io.clituner.provenance.audit;

import org.jspecify.annotations.Nullable;

/**
 * Outcome of verifying a log.
 *
 * @param entries            entries that verified (the prefix before any damage)
 * @param rootHash           root over those entries (hex)
 * @param damage             what is wrong, or {@code null} when the log is intact
 * @param firstBadIndex      the first entry index affected, or -1 when intact
 * @param detail             a sentence for a human, or {@code null} when intact
 * @param checkpointsChecked checkpoints whose size and root were compared
 * @param checkpointSignaturesVerified whether checkpoint signatures were checked against trusted keys
 */
public record VerifyReport(
        long entries,
        String rootHash,
        @Nullable Damage damage,
        long firstBadIndex,
        @Nullable String detail,
        int checkpointsChecked,
        boolean checkpointSignaturesVerified) {
    /** The report of a scan over {@code entries} entries that found {@code finding} (or nothing). */
    static VerifyReport of(
            long entries,
            String rootHash,
            LogScanner.@Nullable Finding finding,
            int checkpointsChecked,
            boolean signaturesVerified) {
        return finding == null
                ? new VerifyReport(entries, rootHash, null, -1, null, checkpointsChecked, signaturesVerified)
                : new VerifyReport(
                        entries,
                        rootHash,
                        finding.damage(),
                        finding.index(),
                        finding.detail(),
                        checkpointsChecked,
                        signaturesVerified);
    }

    public boolean intact() {
        return damage == null;
    }

    /** Intact, or only a torn tail (which a crash leaves and opening repairs). */
    public boolean untampered() {
        return damage == null || !damage.isTamper();
    }
}
