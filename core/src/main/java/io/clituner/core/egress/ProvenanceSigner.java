package io.clituner.core.egress;

import io.clituner.core.CommandResponse;
import io.clituner.core.SignedEnvelope;

/**
 * SPI: signs a response's provenance at the egress boundary. The default implementation
 * (module {@code provenance}) wraps an in-toto Statement (subject = SHA-256 of the response,
 * predicate = the provenance) in a DSSE envelope signed with Ed25519.
 */
public interface ProvenanceSigner {
    /**
     * Signs the response's provenance.
     *
     * @param response the response as it will be returned, without a signature
     */
    SignedEnvelope sign(CommandResponse response);
}
