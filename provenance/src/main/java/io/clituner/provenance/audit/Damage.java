package io.clituner.provenance.audit;

/** What {@link AuditLog#verify()} found wrong, at the report's first bad index. */
public enum Damage {
    /** The last line is incomplete: a crash during an unacknowledged append. Repaired on open; not tampering. */
    TORN_TAIL(false),
    /** A line is not in the log's line format. */
    MALFORMED(true),
    /** An entry's bytes no longer match its leaf hash. */
    EDITED(true),
    /** An entry was rewritten consistently but no longer chains to its successor. */
    CHAIN_BROKEN(true),
    /** Entries are missing: the next line carries a later index. */
    MISSING(true),
    /** Entries are out of order. */
    REORDERED(true),
    /** An entry was inserted that the log never appended. */
    INSERTED(true),
    /**
     * The log holds fewer complete entries than were acknowledged (its head file records more): cut
     * inside or after an acknowledged entry. A crash leaves at most one partial record after the
     * last acknowledged one ({@link #TORN_TAIL}); anything shorter is damage and is never repaired.
     */
    TRUNCATED(true),
    /** The log holds fewer entries than a checkpoint says it had. */
    ROLLED_BACK(true),
    /** The root at a checkpoint's size differs from the signed one: history was rewritten. */
    CHECKPOINT_MISMATCH(true),
    /** A checkpoint's signature does not verify with the trusted keys. */
    CHECKPOINT_SIGNATURE_INVALID(true);

    private final boolean tamper;

    Damage(boolean tamper) {
        this.tamper = tamper;
    }

    /** Whether this damage can only come from tampering (or media corruption) rather than a crash. */
    public boolean isTamper() {
        return tamper;
    }
}
