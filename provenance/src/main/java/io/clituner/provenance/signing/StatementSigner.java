package io.clituner.provenance.signing;

import io.clituner.core.SignedEnvelope;
import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import io.clituner.provenance.crypto.Signer;
import io.clituner.provenance.dsse.Dsse;
import io.clituner.provenance.intoto.Statement;
import java.util.List;

/** Signs in-toto statements into DSSE envelopes with one or more keys. Thread-safe. */
public final class StatementSigner {
    private final List<Signer> signers;

    public StatementSigner(List<Signer> signers) {
        if (signers == null || signers.isEmpty()) {
            throw new CliTunerException(ErrorCode.KEY_ERROR, "a statement signer needs at least one key");
        }
        this.signers = List.copyOf(signers);
    }

    public StatementSigner(Signer signer) {
        this(List.of(signer));
    }

    public List<Signer> signers() {
        return signers;
    }

    public SignedEnvelope sign(Statement statement) {
        return Dsse.sign(Statement.PAYLOAD_TYPE, statement.toCanonicalJson(), signers);
    }

    /** Subject: the model file by name and digest; predicate: the record. */
    public SignedEnvelope signModel(ModelProvenance model) {
        return sign(Statement.of(
                List.of(Statement.Subject.sha256(model.name(), model.sha256())), PredicateTypes.MODEL, model));
    }

    /** Subject: the data file by name and digest; predicate: the record. */
    public SignedEnvelope signData(DataProvenance data) {
        return sign(
                Statement.of(List.of(Statement.Subject.sha256(data.name(), data.sha256())), PredicateTypes.DATA, data));
    }
}
