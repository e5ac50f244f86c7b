package io.clituner.core.analysis;

import io.clituner.core.RiskLevel;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A single command extracted from model output and judged by the guardrail. A DANGEROUS one
 * exists only inside the library (and in the {@link io.clituner.core.error.CommandBlockedException}
 * that reports it); the pipeline never hands it out as a command.
 *
 * @param command       the extracted single-line command
 * @param verdict       the analyzer's verdict (risk, rule ids, spans)
 * @param policyVersion version of the guardrail policy that produced the verdict
 */
public record ValidatedCommand(String command, Verdict verdict, String policyVersion) {
    public ValidatedCommand {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(policyVersion, "policyVersion");
    }

    public RiskLevel risk() {
        return verdict.risk();
    }

    /** A short human-readable warning for REVIEW/DANGEROUS verdicts, or {@code null} for SAFE ones. */
    public @Nullable String warning() {
        if (verdict.risk() == RiskLevel.SAFE) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (Finding f : verdict.findings()) {
            if (f.risk() == RiskLevel.SAFE) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append(f.reason()).append(" [").append(f.ruleId()).append(']');
        }
        return sb.length() == 0 ? verdict.risk() + " command" : sb.toString();
    }
}
