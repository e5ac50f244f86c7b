package io.clituner.provenance.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Key files must be readable by the standard tools an operator reaches for: the {@code openssl}
 * command (OpenSSL 3) reads them, signs with them, and verifies our signatures; keys it generates
 * load here. Skipped with a message when {@code openssl} is not installed.
 */
class OpenSslInteropTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void requireOpenSsl() {
        boolean present;
        try {
            present = new ProcessBuilder("openssl", "version")
                    .redirectErrorStream(true)
                    .start()
                    .waitFor(30, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            present = false;
        }
        assumeTrue(present, "the openssl command is not installed: skipping the key-file interoperability tests");
    }

    /** Runs openssl; returns stdout, failing the test with stderr when it exits non-zero. */
    private String openssl(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        Path err = dir.resolve("openssl.err");
        Process p = new ProcessBuilder(cmd)
                .directory(dir.toFile())
                .redirectError(err.toFile())
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "openssl did not finish: " + cmd);
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + " failed: " + Files.readString(err));
        return out;
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void opensslReadsOurKeysAndWeVerifyItsSignatures(KeyAlgorithm alg) throws Exception {
        FileKeyProvider keys = new FileKeyProvider(dir.resolve("keys"));
        Signer signer = keys.generate("k", alg);
        String key = keys.privateKeyFile("k").toString();
        openssl("pkey", "-in", key, "-noout");
        assertEquals(
                Files.readString(keys.publicKeyFile("k")).strip(),
                openssl("pkey", "-in", key, "-pubout").strip(),
                "openssl derives the same public key from the private key file");

        Path data = Files.write(dir.resolve("data.bin"), "statement to sign".getBytes(StandardCharsets.UTF_8));
        Path sig = dir.resolve("data.sig");
        if (alg == KeyAlgorithm.ED25519) {
            openssl("pkeyutl", "-sign", "-rawin", "-inkey", key, "-in", data.toString(), "-out", sig.toString());
        } else {
            openssl("dgst", "-sha256", "-sign", key, "-out", sig.toString(), data.toString());
        }
        assertTrue(
                Signatures.verify(signer.publicKey(), Files.readAllBytes(data), Files.readAllBytes(sig)),
                "a signature openssl made with our key file verifies here");

        // And the reverse: openssl verifies a signature made here against our public key file.
        Files.write(sig, signer.sign(Files.readAllBytes(data)));
        String pub = keys.publicKeyFile("k").toString();
        if (alg == KeyAlgorithm.ED25519) {
            openssl(
                    "pkeyutl",
                    "-verify",
                    "-pubin",
                    "-inkey",
                    pub,
                    "-rawin",
                    "-in",
                    data.toString(),
                    "-sigfile",
                    sig.toString());
        } else {
            openssl("dgst", "-sha256", "-verify", pub, "-signature", sig.toString(), data.toString());
        }
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void keysOpensslGeneratesLoadHere(KeyAlgorithm alg) throws Exception {
        Path keyDir = Files.createDirectories(dir.resolve("keys"));
        Path key = keyDir.resolve("k.key");
        if (alg == KeyAlgorithm.ED25519) {
            openssl("genpkey", "-algorithm", "ed25519", "-out", key.toString());
        } else {
            openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", key.toString());
        }
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        Signer signer = new FileKeyProvider(keyDir).signer("k");
        assertEquals(alg.label(), signer.algorithm());
        Path pub = keyDir.resolve("k.pub");
        Files.writeString(pub, openssl("pkey", "-in", key.toString(), "-pubout"));
        assertEquals(KeyIds.of(PublicKeys.read(pub)), signer.keyId());
    }

    /** RFC 8410 §7: OneAsymmetricKey version 0 (v1), id-Ed25519 without parameters, the 32-byte seed; nothing more. */
    @Test
    void ed25519KeysAreWrittenAsRfc8410Version1() throws IOException {
        byte[] der = Pem.decode(Pem.PRIVATE_KEY, PrivateKeys.toPkcs8Pem(Ed25519Signer.generate()));
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(der);
        assertEquals(
                0,
                ASN1Integer.getInstance(ASN1Sequence.getInstance(der).getObjectAt(0))
                        .intValueExact(),
                "version v1 (0)");
        assertEquals(Oids.ED25519, info.getPrivateKeyAlgorithm().getAlgorithm());
        assertEquals(null, info.getPrivateKeyAlgorithm().getParameters(), "RFC 8410: parameters MUST be absent");
        assertEquals(null, info.getPublicKeyData(), "no [1] publicKey: version 0 cannot carry one");
        assertEquals(48, der.length, "the RFC 8410 §10.3 example's size");
        assertEquals(
                34,
                ASN1OctetString.getInstance(info.getPrivateKey().getOctets()).getEncoded().length,
                "CurvePrivateKey: an OCTET STRING of the 32-byte seed");
    }

    /** Key files written before the RFC 8410 change (Bouncy Castle's v2 encoding with the public key) still load. */
    @Test
    void oldVersion2KeyFilesStillLoad() throws Exception {
        Ed25519PrivateKeyParameters raw = new Ed25519PrivateKeyParameters(new SecureRandom());
        byte[] v2 = PrivateKeyInfoFactory.createPrivateKeyInfo(raw).getEncoded();
        assertTrue(PrivateKeyInfo.getInstance(v2).getPublicKeyData() != null, "the old format carried the public key");
        Signer old = PrivateKeys.signerFromPkcs8Pem(Pem.encode(Pem.PRIVATE_KEY, v2));
        byte[] data = {1, 2, 3};
        byte[] spki = old.publicKey().getEncoded();
        assertArrayEquals(
                raw.generatePublicKey().getEncoded(), Arrays.copyOfRange(spki, spki.length - 32, spki.length));
        assertTrue(Signatures.verify(old.publicKey(), data, old.sign(data)));
        // Rewritten by a provider, it comes out in the standard form.
        FileKeyProvider keys = new FileKeyProvider(dir.resolve("keys"));
        keys.store("migrated", old);
        openssl("pkey", "-in", keys.privateKeyFile("migrated").toString(), "-noout");
        assertEquals(old.keyId(), keys.signer("migrated").keyId());
    }
}
