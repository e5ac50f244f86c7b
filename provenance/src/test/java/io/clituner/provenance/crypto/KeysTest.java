package io.clituner.provenance.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import io.clituner.core.hash.Digests;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KeysTest {
    @TempDir
    Path dir;

    private static Signer newSigner(KeyAlgorithm alg) {
        return alg == KeyAlgorithm.ED25519 ? Ed25519Signer.generate() : EcdsaP256Signer.generate();
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void signaturesVerifyAndRejectOtherData(KeyAlgorithm alg) {
        Signer s = newSigner(alg);
        byte[] data = "hello".getBytes(StandardCharsets.UTF_8);
        byte[] sig = s.sign(data);
        assertEquals(alg.label(), s.algorithm());
        assertTrue(Signatures.verify(s.publicKey(), data, sig));
        assertFalse(Signatures.verify(s.publicKey(), "hellp".getBytes(StandardCharsets.UTF_8), sig));
        byte[] flipped = sig.clone();
        flipped[flipped.length / 2] ^= 1;
        assertFalse(Signatures.verify(s.publicKey(), data, flipped));
        assertFalse(Signatures.verify(newSigner(alg).publicKey(), data, sig));
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void keyIdIsSha256OfSubjectPublicKeyInfoAndSurvivesPem(KeyAlgorithm alg) {
        Signer s = newSigner(alg);
        assertEquals(Digests.sha256Hex(s.publicKey().getEncoded()), s.keyId());
        assertTrue(s.keyId().matches("[0-9a-f]{64}"));
        PublicKey back = PublicKeys.fromPem(PublicKeys.toPem(s.publicKey()));
        assertEquals(s.keyId(), KeyIds.of(back));
        byte[] data = {1, 2, 3};
        assertTrue(Signatures.verify(back, data, s.sign(data)));
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void fileProviderStoresOwnerOnlyAndReloadsTheSameKey(KeyAlgorithm alg) throws Exception {
        FileKeyProvider keys = new FileKeyProvider(dir);
        Signer created = keys.generate("signing", alg);
        assertEquals(
                "rw-------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.privateKeyFile("signing"))));
        Signer loaded = keys.signer("signing");
        assertEquals(created.keyId(), loaded.keyId());
        assertEquals(created.keyId(), KeyIds.of(keys.publicKey("signing")));
        byte[] data = {9, 9};
        assertTrue(Signatures.verify(created.publicKey(), data, loaded.sign(data)));
        CliTunerException dup = assertThrows(CliTunerException.class, () -> keys.generate("signing", alg));
        assertEquals(ErrorCode.KEY_ERROR, dup.code());
    }

    @Test
    void refusesAPrivateKeyFileOthersCanRead() throws Exception {
        FileKeyProvider keys = new FileKeyProvider(dir);
        keys.generate("k", KeyAlgorithm.ED25519);
        Files.setPosixFilePermissions(keys.privateKeyFile("k"), PosixFilePermissions.fromString("rw-r--r--"));
        CliTunerException e = assertThrows(CliTunerException.class, () -> keys.signer("k"));
        assertEquals(ErrorCode.KEY_ERROR, e.code());
        assertTrue(e.getMessage().contains("chmod 600"), e.getMessage());
    }

    @Test
    void privateKeyMaterialNeverAppearsInToStringOrErrors() throws Exception {
        FileKeyProvider keys = new FileKeyProvider(dir);
        Signer s = keys.generate("k", KeyAlgorithm.ED25519);
        String pem = Files.readString(keys.privateKeyFile("k"));
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        byte[] der = Base64.getDecoder().decode(body);
        String rawSeedB64 =
                Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(der, der.length - 32, der.length));
        assertFalse(s.toString().contains(body));
        assertFalse(s.toString().contains(rawSeedB64));
        assertTrue(s.toString().contains(s.keyId()));
        // A corrupted key file: the error names the file, not its content.
        String corrupt = pem.replace(body.substring(10, 20), "!!!!!!!!!!");
        Files.writeString(keys.privateKeyFile("k"), corrupt);
        CliTunerException e = assertThrows(CliTunerException.class, () -> keys.signer("k"));
        assertEquals(ErrorCode.KEY_ERROR, e.code());
        assertFalse(e.getMessage().contains(body.substring(20, 40)), e.getMessage());
        assertFalse(String.valueOf(e.getCause()).contains(body.substring(20, 40)));
    }

    @Test
    void rotationKeepsTheRetiredPublicKey() throws Exception {
        FileKeyProvider keys = new FileKeyProvider(dir);
        Signer old = keys.generate("k", KeyAlgorithm.ED25519);
        Signer fresh = keys.rotate("k", KeyAlgorithm.ED25519);
        assertNotEquals(old.keyId(), fresh.keyId());
        assertEquals(fresh.keyId(), keys.signer("k").keyId());
        Path retired = dir.resolve("k." + old.keyId().substring(0, 16) + ".retired.pub");
        assertEquals(old.keyId(), KeyIds.of(PublicKeys.read(retired)));
    }

    @Test
    void pemWithTheWrongAlgorithmOrGarbageIsAKeyError() {
        String ecPem = PrivateKeys.toPkcs8Pem(EcdsaP256Signer.generate());
        assertEquals(
                ErrorCode.KEY_ERROR,
                assertThrows(CliTunerException.class, () -> Ed25519Signer.fromPkcs8Pem(ecPem))
                        .code());
        assertEquals("ecdsa-p256", PrivateKeys.signerFromPkcs8Pem(ecPem).algorithm());
        assertEquals(
                ErrorCode.KEY_ERROR,
                assertThrows(CliTunerException.class, () -> PublicKeys.fromPem("not pem"))
                        .code());
        assertEquals(
                ErrorCode.KEY_ERROR,
                assertThrows(CliTunerException.class, () -> new FileKeyProvider(dir).signer("../etc/passwd"))
                        .code());
    }
}
