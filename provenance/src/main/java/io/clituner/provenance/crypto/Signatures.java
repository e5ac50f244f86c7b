package io.clituner.provenance.crypto;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/** Signature verification for the algorithms {@link Signer} implementations produce. */
public final class Signatures {
    /**
     * Decoded Ed25519 points by encoded key: decoding (a square root in the field) costs about as
     * much as half a verification, and verifiers see the same few keys over and over.
     */
    private static final Cache<ByteBuffer, Ed25519PublicKeyParameters> ED25519_KEYS =
            Caffeine.newBuilder().maximumSize(1024).build();

    private Signatures() {}

    /**
     * @return whether {@code signature} is a valid signature of {@code data} under {@code key};
     *         malformed signatures are simply invalid, never an exception
     */
    public static boolean verify(PublicKey key, byte[] data, byte[] signature) {
        return switch (PublicKeys.algorithmOf(key)) {
            case ED25519 -> verifyEd25519(key, data, signature);
            case ECDSA_P256 -> verifyEcdsa(key, data, signature);
        };
    }

    private static boolean verifyEd25519(PublicKey key, byte[] data, byte[] signature) {
        if (signature.length != Ed25519.SIGNATURE_SIZE) {
            return false;
        }
        Ed25519PublicKeyParameters params =
                ED25519_KEYS.get(ByteBuffer.wrap(key.getEncoded()), Signatures::decodeEd25519);
        return params.verify(Ed25519.Algorithm.Ed25519, null, data, 0, data.length, signature, 0);
    }

    private static Ed25519PublicKeyParameters decodeEd25519(ByteBuffer spki) {
        byte[] raw;
        try {
            byte[] der = new byte[spki.remaining()];
            spki.duplicate().get(der);
            raw = SubjectPublicKeyInfo.getInstance(der).getPublicKeyData().getBytes();
        } catch (RuntimeException e) {
            throw new CliTunerException(ErrorCode.KEY_ERROR, "Ed25519 public key is not a SubjectPublicKeyInfo");
        }
        if (raw.length != Ed25519.PUBLIC_KEY_SIZE) {
            throw new CliTunerException(
                    ErrorCode.KEY_ERROR, "Ed25519 public key has " + raw.length + " bytes, expected 32");
        }
        return new Ed25519PublicKeyParameters(raw, 0);
    }

    private static boolean verifyEcdsa(PublicKey key, byte[] data, byte[] signature) {
        try {
            Signature s = Signature.getInstance("SHA256withECDSA");
            s.initVerify(key);
            s.update(data);
            return s.verify(signature);
        } catch (java.security.SignatureException e) {
            return false; // not DER or out of range: an invalid signature, not an error
        } catch (GeneralSecurityException e) {
            throw new CliTunerException(ErrorCode.KEY_ERROR, "ECDSA verification unavailable: " + e.getMessage());
        }
    }
}
