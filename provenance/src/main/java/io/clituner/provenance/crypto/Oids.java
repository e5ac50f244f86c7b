package io.clituner.provenance.crypto;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;

/** Algorithm OIDs (Bouncy Castle keeps its Ed25519 constant in an internal package). */
final class Oids {
    /** RFC 8410 id-Ed25519. */
    static final ASN1ObjectIdentifier ED25519 = new ASN1ObjectIdentifier("1.3.101.112");

    private Oids() {}
}
