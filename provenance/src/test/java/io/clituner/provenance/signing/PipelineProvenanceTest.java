package io.clituner.provenance.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.core.CommandResponse;
import io.clituner.core.NormalizedRequest;
import io.clituner.core.RawModelOutput;
import io.clituner.core.RiskLevel;
import io.clituner.core.analysis.Finding;
import io.clituner.core.analysis.OutputValidator;
import io.clituner.core.analysis.ValidatedCommand;
import io.clituner.core.analysis.Verdict;
import io.clituner.core.engine.InferenceEngine;
import io.clituner.core.engine.ModelIdentity;
import io.clituner.core.engine.Prompt;
import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.CommandBlockedException;
import io.clituner.core.pipeline.Pipeline;
import io.clituner.provenance.audit.AuditEntry;
import io.clituner.provenance.audit.AuditLog;
import io.clituner.provenance.audit.AuditLogFile;
import io.clituner.provenance.audit.VerifyReport;
import io.clituner.provenance.crypto.Ed25519Signer;
import io.clituner.provenance.crypto.Signer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The core pipeline wired to this module's signer and audit log: a returned response carries
 * verifiable provenance and every outcome (returned, blocked, rejected at ingress) is in the log.
 * Engine and validator are small scripted stand-ins (the real ones are tested in their modules).
 */
class PipelineProvenanceTest {
    @TempDir
    Path dir;

    /** Answers "ls -la" unless the query mentions deleting. */
    static final class ScriptedEngine implements InferenceEngine {
        @Override
        public ModelIdentity model() {
            return new ModelIdentity("scripted", "1", "ab".repeat(32), "scripted", Map.of());
        }

        @Override
        public RawModelOutput generate(Prompt prompt, NormalizedRequest request) {
            String cmd = prompt.userMessage().contains("delete") ? "rm -rf /" : "ls -la";
            return new RawModelOutput(cmd, 0.8, "scripted", 3, 2, Duration.ofMillis(1), Map.of());
        }

        @Override
        public void close() {}
    }

    /** rm is DANGEROUS, the rest SAFE. */
    static final class RmValidator implements OutputValidator {
        @Override
        public ValidatedCommand validate(RawModelOutput output, NormalizedRequest request) {
            List<Finding> f = new ArrayList<>();
            if (output.text().startsWith("rm ")) {
                f.add(new Finding("test.rm", RiskLevel.DANGEROUS, "deletes files", 0, 2));
            }
            return new ValidatedCommand(output.text(), Verdict.of(f), "test-1");
        }

        @Override
        public String policyVersion() {
            return "test-1";
        }
    }

    @Test
    void everyOutcomeIsSignedOrAudited() {
        Signer key = Ed25519Signer.generate();
        Path log = dir.resolve("audit.jsonl");
        try (AuditLog audit = AuditLog.open(log);
                Pipeline pipeline = Pipeline.builder()
                        .engine(new ScriptedEngine())
                        .outputValidator(new RmValidator())
                        .signer(ProvenanceSigners.inToto(key))
                        .auditSink(audit)
                        .noCache()
                        .build()) {
            CommandResponse r = pipeline.translate("list all files in this directory");
            assertEquals("ls -la", r.command());
            VerifiedProvenance v = ProvenanceVerifier.trusting(key.publicKey()).verify(r);
            assertEquals(r.provenance().requestId(), v.provenance().requestId());

            assertThrows(CommandBlockedException.class, () -> pipeline.translate("delete everything on this machine"));
            assertThrows(CliTunerException.class, () -> pipeline.translate(""));
        }
        VerifyReport report = AuditLogFile.verify(log);
        assertTrue(report.intact(), report.detail());
        assertEquals(3, report.entries());
        List<AuditEntry> entries = new ArrayList<>();
        AuditLogFile.forEach(log, entries::add);
        assertEquals(
                List.of("generation.returned", "generation.blocked", "generation.rejected-ingress"),
                entries.stream().map(e -> e.event().type()).toList());
        assertEquals("test.rm", entries.get(1).event().attributes().get("rules"));
    }
}
