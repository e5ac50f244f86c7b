package io.clituner.provenance.signing;

import io.clituner.core.egress.ProvenanceSigner;
import io.clituner.provenance.crypto.KeyProvider;
import io.clituner.provenance.crypto.Signer;
import java.util.Arrays;

/** Entry points for wiring signed provenance into a {@link io.clituner.core.pipeline.Pipeline}. */
public final class ProvenanceSigners {
    private ProvenanceSigners() {}

    /** Signs every response's provenance with all the given keys (one DSSE signature each). */
    public static ProvenanceSigner inToto(Signer... signers) {
        return new InTotoProvenanceSigner(new StatementSigner(Arrays.asList(signers)));
    }

    /** Signs with the named key of a {@link KeyProvider} (loaded once, now). */
    public static ProvenanceSigner inToto(KeyProvider keys, String keyName) {
        return inToto(keys.signer(keyName));
    }
}
