package io.clituner.core.analysis;

import io.clituner.core.RiskLevel;
import java.util.Objects;

/**
 * One rule that fired on a command.
 *
 * @param ruleId stable rule id (e.g. {@code delete.recursive-root})
 * @param risk   the risk this rule assigns
 * @param reason why, in words a user understands
 * @param start  start offset (inclusive, UTF-16 index) of the triggering source span in the analysed text
 * @param end    end offset (exclusive)
 */
public record Finding(String ruleId, RiskLevel risk, String reason, int start, int end) {
    public Finding {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(risk, "risk");
        Objects.requireNonNull(reason, "reason");
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span [" + start + "," + end + ")");
        }
    }
}
