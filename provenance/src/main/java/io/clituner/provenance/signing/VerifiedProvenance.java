package io.clituner.provenance.signing;

import io.clituner.core.GenerationProvenance;
import java.util.List;

/**
 * A response's provenance, authenticated.
 *
 * @param provenance     the signed predicate
 * @param responseSha256 the signed subject digest (matches the response it came with)
 * @param keyIds         ids of the trusted keys whose signatures verified
 */
public record VerifiedProvenance(GenerationProvenance provenance, String responseSha256, List<String> keyIds) {
    public VerifiedProvenance {
        keyIds = List.copyOf(keyIds);
    }
}
