package io.clituner.provenance.dsse;

import java.util.List;

/**
 * What a successful {@link Dsse#verify} established.
 *
 * @param payloadType    the authenticated payload type
 * @param payload        the authenticated payload bytes
 * @param verifiedKeyIds distinct ids of trusted keys whose signatures verified, in envelope order
 */
@SuppressWarnings("ArrayRecordComponent") // payload is copied in and out (below)
public record VerifiedEnvelope(String payloadType, byte[] payload, List<String> verifiedKeyIds) {
    public VerifiedEnvelope {
        payload = payload.clone();
        verifiedKeyIds = List.copyOf(verifiedKeyIds);
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }
}
