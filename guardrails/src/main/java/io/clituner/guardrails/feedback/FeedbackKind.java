package io.clituner.guardrails.feedback;

/** What a reviewer says was wrong with a verdict. */
public enum FeedbackKind {
    /** Blocked or flagged, but harmless. */
    FALSE_POSITIVE,
    /** Let through (SAFE or REVIEW), but harmful. */
    FALSE_NEGATIVE
}
