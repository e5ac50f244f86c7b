package io.clituner.provenance.registry.identity;

import io.clituner.provenance.crypto.KeyIds;
import io.clituner.provenance.registry.access.Caller;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Objects;

/**
 * A caller the registry knows by public key: a request signed with the matching private key acts
 * as {@code caller}. One caller may hold several keys (rotation); one key names exactly one caller.
 */
public record Principal(Caller caller, PublicKey publicKey, String addedBy, Instant addedAt) {
    public Principal {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(addedBy, "addedBy");
        Objects.requireNonNull(addedAt, "addedAt");
    }

    /** Lower-case hex SHA-256 of the key's DER SubjectPublicKeyInfo. */
    public String keyId() {
        return KeyIds.of(publicKey);
    }
}
