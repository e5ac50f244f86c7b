package io.clituner.provenance.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import io.clituner.core.hash.Digests;
import io.clituner.provenance.crypto.EcdsaP256Signer;
import io.clituner.provenance.crypto.Ed25519Signer;
import io.clituner.provenance.crypto.KeyIds;
import io.clituner.provenance.dsse.Dsse;
import io.clituner.provenance.intoto.Statement;
import io.clituner.provenance.registry.manifest.ArtifactManifest;
import io.clituner.provenance.registry.manifest.FileDigest;
import io.clituner.provenance.registry.manifest.ManifestHasher;
import io.clituner.provenance.registry.manifest.ManifestSigning;
import io.clituner.provenance.registry.training.RunRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestAndRunRecordTest {
    @TempDir
    Path tmp;

    @Test
    void rootDigestIsSha256OverSortedFileDigests() throws Exception {
        Path dir = Fixtures.modelDir(tmp, "m", 1);
        ArtifactManifest m = ManifestHasher.hash(dir);
        assertEquals(
                List.of("config.json", "model.safetensors", "tokenizer/tokenizer.json"),
                m.files().stream().map(FileDigest::path).toList());
        var md = Digests.sha256();
        for (String p : List.of("config.json", "model.safetensors", "tokenizer/tokenizer.json")) {
            md.update(HexFormat.of().parseHex(Digests.sha256Hex(dir.resolve(p))));
        }
        assertEquals(Digests.hex(md.digest()), m.rootDigest());
        assertEquals(
                m,
                ArtifactManifest.of(
                        List.of(m.files().get(2), m.files().get(0), m.files().get(1))),
                "order of input does not matter");
    }

    @Test
    void singleGgufFileIsAManifestOfOne() throws Exception {
        Path gguf = Files.write(tmp.resolve("model.gguf"), new byte[] {'G', 'G', 'U', 'F', 3, 0, 0, 0});
        ArtifactManifest m = ManifestHasher.hash(gguf);
        assertEquals(1, m.files().size());
        assertEquals("model.gguf", m.files().get(0).path());
        assertEquals(8, m.totalSize());
    }

    @Test
    void badManifestsAreRejected() throws Exception {
        assertEquals(
                ErrorCode.REGISTRY_INVALID,
                assertThrows(CliTunerException.class, () -> new FileDigest("../etc/passwd", "0".repeat(64), 1))
                        .code());
        assertEquals(
                ErrorCode.REGISTRY_INVALID,
                assertThrows(CliTunerException.class, () -> new FileDigest("a", "XYZ", 1))
                        .code());
        FileDigest f = new FileDigest("a", "0".repeat(64), 1);
        assertEquals(
                ErrorCode.REGISTRY_INVALID,
                assertThrows(CliTunerException.class, () -> ArtifactManifest.of(List.of(f, f)))
                        .code());
        assertEquals(
                ErrorCode.MANIFEST_MISMATCH,
                assertThrows(CliTunerException.class, () -> new ArtifactManifest(List.of(f), "1".repeat(64)))
                        .code());
        assertEquals(
                ErrorCode.REGISTRY_NOT_FOUND,
                assertThrows(CliTunerException.class, () -> ManifestHasher.hash(tmp.resolve("missing")))
                        .code());
        Path dir = Files.createDirectories(tmp.resolve("links"));
        Files.writeString(tmp.resolve("outside"), "secret");
        Files.createSymbolicLink(dir.resolve("weights"), tmp.resolve("outside"));
        assertEquals(
                ErrorCode.REGISTRY_INVALID,
                assertThrows(CliTunerException.class, () -> ManifestHasher.hash(dir))
                        .code());
    }

    @Test
    void signedManifestHasTheModelSigningShape() throws Exception {
        ArtifactManifest m = ManifestHasher.hash(Fixtures.modelDir(tmp, "m", 1));
        var ecdsa = EcdsaP256Signer.generate();
        var env = ManifestSigning.sign("m@1.0.0", m, List.of(ecdsa));
        assertEquals(Statement.PAYLOAD_TYPE, env.payloadType());
        Statement s = Statement.parse(
                Dsse.verify(env, Map.of(ecdsa.keyId(), ecdsa.publicKey()), 1).payload());
        assertEquals("https://model_signing/signature/v1.0", s.predicateType());
        assertEquals(m.rootDigest(), s.subject().get(0).sha256());
        assertEquals("files", s.predicate().path("serialization").path("method").asText());
        assertEquals(3, s.predicate().path("resources").size());
        assertEquals(
                "sha256",
                s.predicate().path("resources").get(0).path("algorithm").asText());
        var signed = ManifestSigning.verifyMatches(
                env, "m@1.0.0", m, Map.of(KeyIds.of(ecdsa.publicKey()), ecdsa.publicKey()));
        assertEquals(List.of(ecdsa.keyId()), signed.keyIds());
        var other = Ed25519Signer.generate();
        assertEquals(
                ErrorCode.SIGNATURE_INVALID,
                assertThrows(
                                CliTunerException.class,
                                () -> ManifestSigning.verifyMatches(
                                        env, "m@1.0.0", m, Map.of(other.keyId(), other.publicKey())))
                        .code());
        assertEquals(
                ErrorCode.MANIFEST_MISMATCH,
                assertThrows(
                                CliTunerException.class,
                                () -> ManifestSigning.verifyMatches(
                                        env, "m@2.0.0", m, Map.of(ecdsa.keyId(), ecdsa.publicKey())))
                        .code());
    }

    @Test
    void sameRunInputsGiveTheSameDigest() {
        String d1 = "a".repeat(64);
        String d2 = "b".repeat(64);
        Map<String, String> hp = new LinkedHashMap<>();
        hp.put("lr", "2e-4");
        hp.put("epochs", "3");
        Map<String, String> hpReordered = new LinkedHashMap<>();
        hpReordered.put("epochs", "3");
        hpReordered.put("lr", "2e-4");
        RunRecord a = new RunRecord("git+x@1", Map.of("jdk", "17", "os", "linux"), 42, List.of(d1, d2), hp);
        RunRecord b = new RunRecord("git+x@1", Map.of("os", "linux", "jdk", "17"), 42, List.of(d2, d1), hpReordered);
        assertEquals(a.digest(), b.digest());
        assertEquals(64, a.digest().length());
        assertNotEquals(
                a.digest(),
                new RunRecord("git+x@1", Map.of("jdk", "17", "os", "linux"), 43, List.of(d1, d2), hp).digest());
        assertTrue(new String(a.canonicalBytes()).startsWith("{\"codeRef\":\"git+x@1\",\"datasetDigests\":["));
    }

    @Test
    void runRecordsNeedTheirInputs() {
        assertEquals(
                ErrorCode.REGISTRY_INVALID,
                assertThrows(
                                CliTunerException.class,
                                () -> new RunRecord("git+x", Map.of(), 1, List.of("a".repeat(64)), Map.of()))
                        .code());
        assertEquals(
                ErrorCode.REGISTRY_INVALID,
                assertThrows(
                                CliTunerException.class,
                                () -> new RunRecord("git+x", Map.of("jdk", "17"), 1, List.of(), Map.of()))
                        .code());
        assertEquals(
                ErrorCode.REGISTRY_INVALID,
                assertThrows(
                                CliTunerException.class,
                                () -> new RunRecord(" ", Map.of("jdk", "17"), 1, List.of("a".repeat(64)), Map.of()))
                        .code());
        assertEquals(
                ErrorCode.REGISTRY_INVALID,
                assertThrows(
                                CliTunerException.class,
                                () -> new RunRecord(
                                        "git+x",
                                        Map.of("jdk", "17"),
                                        Long.MAX_VALUE,
                                        List.of("a".repeat(64)),
                                        Map.of()))
                        .code());
    }
}
