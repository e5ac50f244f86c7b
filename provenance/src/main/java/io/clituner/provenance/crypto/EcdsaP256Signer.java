package io.clituner.provenance.crypto;

import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;

/**
 * ECDSA over NIST P-256 with SHA-256 (DER signatures), for deployments whose HSM or policy
 * does not offer Ed25519. Uses the JDK's provider: P-256 is what every HSM speaks.
 */
public final class EcdsaP256Signer implements Signer {
    private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyId;

    private EcdsaP256Signer(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.keyId = KeyIds.of(publicKey);
    }

    public static EcdsaP256Signer generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair kp = g.generateKeyPair();
            return new EcdsaP256Signer(kp.getPrivate(), kp.getPublic());
        } catch (GeneralSecurityException e) {
            throw new CliTunerException(ErrorCode.KEY_ERROR, "P-256 key generation unavailable: " + e.getMessage());
        }
    }

    public static EcdsaP256Signer fromPkcs8Pem(String pem) {
        return fromPkcs8(Pem.decode(Pem.PRIVATE_KEY, pem));
    }

    public static EcdsaP256Signer fromPkcs8(byte[] der) {
        PrivateKey key;
        try {
            key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new CliTunerException(
                    ErrorCode.KEY_ERROR,
                    "not a PKCS#8 EC private key (" + e.getClass().getSimpleName() + ")");
        }
        ECPrivateKey ec = (ECPrivateKey) key;
        if (ec.getParams().getCurve().getField().getFieldSize() != 256) {
            throw new CliTunerException(
                    ErrorCode.KEY_ERROR,
                    "EC key is not on P-256 (field size "
                            + ec.getParams().getCurve().getField().getFieldSize() + ")");
        }
        return new EcdsaP256Signer(key, PublicKeys.ecPublicFromPrivate(ec));
    }

    @Override
    public String keyId() {
        return keyId;
    }

    @Override
    public String algorithm() {
        return KeyAlgorithm.ECDSA_P256.label();
    }

    @Override
    public byte[] sign(byte[] data) {
        try {
            Signature s = Signature.getInstance(SIGNATURE_ALGORITHM);
            s.initSign(privateKey);
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new CliTunerException(
                    ErrorCode.KEY_ERROR, "ECDSA signing failed: " + e.getClass().getSimpleName());
        }
    }

    @Override
    public PublicKey publicKey() {
        return publicKey;
    }

    byte[] pkcs8() {
        return privateKey.getEncoded();
    }

    @Override
    public String toString() {
        return "EcdsaP256Signer[keyId=" + keyId + "]";
    }
}
