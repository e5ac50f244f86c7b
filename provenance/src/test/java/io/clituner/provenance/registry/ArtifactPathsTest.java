package io.clituner.provenance.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import io.clituner.provenance.crypto.Ed25519Signer;
import io.clituner.provenance.registry.manifest.ManifestHasher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Secrets and system files are never model artifacts; hard-linked files only when explicitly allowed. */
class ArtifactPathsTest {
    @TempDir
    Path tmp;

    static CliTunerException refused(Path p) {
        return assertThrows(
                CliTunerException.class,
                () -> NewVersion.builder("m", "1.0.0").artifacts(p, List.of(Ed25519Signer.generate())));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/etc/shadow",
                "/etc/passwd",
                "/etc",
                "/proc/self/environ",
                "/proc/self/status",
                "/sys/kernel",
                "/dev/null"
            })
    void systemFilesAreRefused(String path) {
        Path p = Path.of(path);
        assumeTrue(Files.exists(p), path + " does not exist on this system");
        CliTunerException e = refused(p);
        assertEquals(ErrorCode.REGISTRY_INVALID, e.code(), e.getMessage());
        assertTrue(e.getMessage().contains("refusing"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"id_rsa", "server.key", "tls.pem", "shadow", ".netrc", "credentials", ".env"})
    void filesNamedLikeSecretsAreRefused(String name) throws Exception {
        Path p = Files.writeString(tmp.resolve(name), "secret");
        assertEquals(ErrorCode.REGISTRY_INVALID, refused(p).code());
    }

    @Test
    void secretsInsideAModelDirectoryOrBehindASymlinkedParentAreRefused() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("model"));
        Files.writeString(dir.resolve("model.gguf"), "weights");
        Files.createDirectories(dir.resolve(".ssh"));
        Files.writeString(dir.resolve(".ssh").resolve("config"), "Host *");
        assertEquals(ErrorCode.REGISTRY_INVALID, refused(dir).code());
        Path etcLink = Files.createSymbolicLink(tmp.resolve("etc-link"), Path.of("/etc"));
        assumeTrue(Files.exists(Path.of("/etc/hostname")) || Files.exists(Path.of("/etc/passwd")));
        Path viaLink = etcLink.resolve(Files.exists(Path.of("/etc/hostname")) ? "hostname" : "passwd");
        assertEquals(ErrorCode.REGISTRY_INVALID, refused(viaLink).code());
    }

    @Test
    void hardLinkedFilesNeedExplicitPermission() throws Exception {
        Path original = Files.writeString(tmp.resolve("weights.bin"), "weights");
        Path dir = Files.createDirectories(tmp.resolve("model"));
        Path link;
        try {
            link = Files.createLink(dir.resolve("model.gguf"), original);
        } catch (UnsupportedOperationException e) {
            assumeTrue(false, "no hard links on this file system");
            return;
        }
        CliTunerException e = refused(link);
        assertTrue(e.getMessage().contains("2 hard links"), e.getMessage());
        assertEquals(ErrorCode.REGISTRY_INVALID, refused(dir).code(), "also when the link is inside a model directory");
        assertEquals(1, ManifestHasher.hash(link, true).files().size(), "allowed explicitly");
        Files.delete(original);
        assertEquals(1, ManifestHasher.hash(link).files().size(), "one link left: an ordinary file");
    }
}
