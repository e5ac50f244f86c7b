package io.clituner.provenance.signing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clituner.core.CommandResponse;
import io.clituner.core.SignedEnvelope;
import io.clituner.core.egress.ProvenanceSigner;
import io.clituner.core.hash.Digests;
import io.clituner.provenance.crypto.CanonicalJson;
import io.clituner.provenance.intoto.Statement;
import java.util.List;

/**
 * The default {@link ProvenanceSigner}: an in-toto Statement v1 whose subject is the response
 * (SHA-256 of its canonical JSON without signature) and whose predicate is its
 * {@link io.clituner.core.GenerationProvenance}, in a DSSE envelope.
 */
public final class InTotoProvenanceSigner implements ProvenanceSigner {
    private final StatementSigner signer;

    public InTotoProvenanceSigner(StatementSigner signer) {
        this.signer = signer;
    }

    @Override
    public SignedEnvelope sign(CommandResponse response) {
        // One tree serves both: its bytes are the subject, its provenance member the predicate.
        ObjectNode tree = ResponseDigest.unsignedTree(response);
        String digest = Digests.sha256Hex(CanonicalJson.write(tree));
        Statement statement = Statement.of(
                List.of(Statement.Subject.sha256(ResponseDigest.subjectName(response), digest)),
                PredicateTypes.GENERATION,
                tree.get("provenance"));
        return signer.sign(statement);
    }
}
