package io.clituner.provenance.audit;

import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;

/** The log (or its checkpoints) shows damage that a crash cannot explain. */
public final class AuditTamperedException extends CliTunerException {
    private static final long serialVersionUID = 1L;

    private final VerifyReport report;

    public AuditTamperedException(String file, VerifyReport report) {
        super(
                ErrorCode.AUDIT_TAMPERED,
                "audit log " + file + " is damaged: " + report.damage() + " at entry "
                        + report.firstBadIndex() + ": " + report.detail()
                        + "; keep the file as evidence and verify with "
                        + "`clituner audit verify`");
        this.report = report;
    }

    public VerifyReport report() {
        return report;
    }
}
