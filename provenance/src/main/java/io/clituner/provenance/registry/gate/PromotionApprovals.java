package io.clituner.provenance.registry.gate;

import io.clituner.core.SignedEnvelope;
import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import io.clituner.provenance.crypto.Signer;
import io.clituner.provenance.dsse.Dsse;
import io.clituner.provenance.dsse.VerifiedEnvelope;
import io.clituner.provenance.intoto.Statement;
import io.clituner.provenance.registry.ModelVersion;
import io.clituner.provenance.registry.Stage;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;

/**
 * An approver's signature that a version may go to a stage: an in-toto statement about the
 * version's root digest whose predicate names the version and the target stage, so an approval for
 * INTERNAL cannot be replayed for PRODUCTION, nor one version's approval for another.
 */
public final class PromotionApprovals {
    public static final String PREDICATE_TYPE = "https://clituner.io/registry/promotion-approval/v1";

    /** The approval's predicate. */
    public record Approval(String model, String version, String targetStage) {}

    private PromotionApprovals() {}

    public static SignedEnvelope sign(ModelVersion version, Stage target, List<Signer> approvers) {
        Statement s = Statement.of(
                List.of(Statement.Subject.sha256(
                        version.ref().toString(), version.manifest().rootDigest())),
                PREDICATE_TYPE,
                new Approval(version.ref().model(), version.ref().version().toString(), target.name()));
        return Dsse.sign(Statement.PAYLOAD_TYPE, s.toCanonicalJson(), approvers);
    }

    /**
     * @return the authorized key ids whose signatures verify and approve exactly this version for this stage
     * @throws CliTunerException SIGNATURE_INVALID when none does, saying why
     */
    public static List<String> verify(
            SignedEnvelope envelope, ModelVersion version, Stage target, Map<String, PublicKey> authorized) {
        VerifiedEnvelope v = Dsse.verify(envelope, authorized, 1);
        Statement s = Statement.parse(v.payload());
        if (!PREDICATE_TYPE.equals(s.predicateType())) {
            throw new CliTunerException(
                    ErrorCode.SIGNATURE_INVALID,
                    "signed statement is a " + s.predicateType() + ", not a promotion approval");
        }
        Approval a = s.predicateAs(Approval.class);
        String root = s.subject().get(0).sha256();
        if (!version.ref().model().equals(a.model())
                || !version.ref().version().toString().equals(a.version())
                || !target.name().equals(a.targetStage())
                || !version.manifest().rootDigest().equals(root)) {
            throw new CliTunerException(
                    ErrorCode.SIGNATURE_INVALID,
                    "approval is for " + a.model() + "@" + a.version() + " → " + a.targetStage() + " (root " + root
                            + "), not " + version.ref() + " → " + target);
        }
        return v.verifiedKeyIds();
    }
}
