package io.clituner.core;

/** The guardrail's verdict on a command. Ordered: a later constant is always more severe. */
public enum RiskLevel {
    /** Read-only or confined to the working tree. */
    SAFE,
    /** Legitimate but consequential (sudo, installs, deleting outside the working tree…): a human should look. */
    REVIEW,
    /** Destructive or hostile: never returned as a command. */
    DANGEROUS;

    public RiskLevel max(RiskLevel other) {
        return other.compareTo(this) > 0 ? other : this;
    }
}
