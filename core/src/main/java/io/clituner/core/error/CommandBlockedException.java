package io.clituner.core.error;

import io.clituner.core.GenerationProvenance;
import io.clituner.core.analysis.Verdict;

/**
 * The model produced a command the guardrail judged DANGEROUS. The command itself is deliberately
 * not exposed (only its hash, in the provenance); the verdict says which rules fired and why. Its
 * {@link #provenance()} is always present.
 */
public class CommandBlockedException extends CliTunerException {
    private static final long serialVersionUID = 1L;

    private final transient Verdict verdict;

    public CommandBlockedException(Verdict verdict, GenerationProvenance provenance) {
        super(
                ErrorCode.COMMAND_BLOCKED,
                "generated command blocked as DANGEROUS: "
                        + verdict.findings().stream()
                                .map(f -> f.ruleId() + " (" + f.reason() + ")")
                                .toList());
        this.verdict = verdict;
        attachProvenance(java.util.Objects.requireNonNull(provenance, "provenance"));
    }

    public Verdict verdict() {
        return verdict;
    }
}
