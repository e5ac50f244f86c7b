package io.clituner.provenance.registry.manifest;

import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import io.clituner.core.hash.Digests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Hashes a model directory (every regular file, recursively) or a single file (e.g. one GGUF) into
 * an {@link ArtifactManifest}. Symbolic links are refused: a link could point a verified name at
 * bytes outside the model.
 */
public final class ManifestHasher {
    private ManifestHasher() {}

    /** {@link #hash(Path, boolean)} refusing hard-linked files. */
    public static ArtifactManifest hash(Path artifacts) {
        return hash(artifacts, false);
    }

    /**
     * Hashes the artifacts after {@link ArtifactPaths#check refusing} system files and secrets (and,
     * unless {@code allowHardLinks}, files with more than one hard link).
     */
    public static ArtifactManifest hash(Path artifacts, boolean allowHardLinks) {
        if (artifacts == null || !Files.exists(artifacts, LinkOption.NOFOLLOW_LINKS)) {
            throw new CliTunerException(ErrorCode.REGISTRY_NOT_FOUND, "artifact path " + artifacts + " does not exist");
        }
        try {
            ArtifactPaths.check(artifacts, allowHardLinks);
            if (Files.isRegularFile(artifacts, LinkOption.NOFOLLOW_LINKS)) {
                return ArtifactManifest.of(
                        List.of(digest(artifacts, artifacts.getFileName().toString())));
            }
            List<FileDigest> files = new ArrayList<>();
            try (Stream<Path> walk = Files.walk(artifacts)) {
                for (Path p : (Iterable<Path>) walk::iterator) {
                    if (Files.isSymbolicLink(p)) {
                        throw new CliTunerException(
                                ErrorCode.REGISTRY_INVALID,
                                "symbolic link " + p + " inside the model directory; copy the file instead");
                    }
                    if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                        ArtifactPaths.check(p, allowHardLinks);
                        files.add(digest(p, relative(artifacts, p)));
                    }
                }
            }
            if (files.isEmpty()) {
                throw new CliTunerException(
                        ErrorCode.REGISTRY_INVALID, "model directory " + artifacts + " holds no files");
            }
            return ArtifactManifest.of(files);
        } catch (IOException e) {
            throw new CliTunerException(
                    ErrorCode.STORE_IO, "cannot read artifacts at " + artifacts + ": " + e.getMessage(), e);
        }
    }

    /** Where the files at {@code artifacts} differ from the manifest; empty when they match exactly. */
    public static List<String> differences(ArtifactManifest expected, Path artifacts) {
        ArtifactManifest actual;
        try {
            actual = hash(artifacts);
        } catch (CliTunerException e) {
            if (e.code() == ErrorCode.REGISTRY_NOT_FOUND) {
                return List.of("artifacts missing: " + artifacts);
            }
            throw e;
        }
        var have = new java.util.HashMap<String, FileDigest>();
        actual.files().forEach(f -> have.put(f.path(), f));
        List<String> problems = new ArrayList<>();
        for (FileDigest f : expected.files()) {
            FileDigest a = have.remove(f.path());
            if (a == null) {
                problems.add("missing: " + f.path());
            } else if (!a.sha256().equals(f.sha256())) {
                problems.add("changed: " + f.path() + " (sha256 " + a.sha256() + ", expected " + f.sha256() + ")");
            }
        }
        have.keySet().stream().sorted().forEach(p -> problems.add("unexpected: " + p));
        return problems;
    }

    private static FileDigest digest(Path file, String name) throws IOException {
        return new FileDigest(name, Digests.sha256Hex(file), Files.size(file));
    }

    private static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace(java.io.File.separatorChar, '/');
    }
}
