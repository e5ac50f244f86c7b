package io.clituner.provenance.registry.manifest;

import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import io.clituner.core.hash.Digests;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;

/**
 * The digests of every file of a model, sorted by path, and the root digest: SHA-256 over the raw
 * file digests concatenated in path order (the OpenSSF model-signing "files" serialization), so one
 * hash names the whole model and any changed, added or removed file changes it.
 */
public record ArtifactManifest(List<FileDigest> files, String rootDigest) {
    public ArtifactManifest {
        if (files == null || files.isEmpty()) {
            throw new CliTunerException(ErrorCode.REGISTRY_INVALID, "a manifest needs at least one file");
        }
        List<FileDigest> sorted = sortedByPath(files);
        var seen = new HashSet<String>();
        for (FileDigest f : sorted) {
            if (!seen.add(f.path())) {
                throw new CliTunerException(ErrorCode.REGISTRY_INVALID, "manifest lists " + f.path() + " twice");
            }
        }
        files = List.copyOf(sorted);
        String expected = root(files);
        if (rootDigest == null) {
            rootDigest = expected;
        } else if (!rootDigest.equals(expected)) {
            throw new CliTunerException(
                    ErrorCode.MANIFEST_MISMATCH,
                    "manifest root digest " + rootDigest + " does not match its files (expected " + expected + ")");
        }
    }

    public static ArtifactManifest of(List<FileDigest> files) {
        return new ArtifactManifest(files, root(sortedByPath(files)));
    }

    public long totalSize() {
        return files.stream().mapToLong(FileDigest::size).sum();
    }

    private static List<FileDigest> sortedByPath(List<FileDigest> files) {
        List<FileDigest> sorted = new ArrayList<>(files);
        sorted.sort(Comparator.comparing(FileDigest::path));
        return sorted;
    }

    private static String root(List<FileDigest> sortedFiles) {
        MessageDigest md = Digests.sha256();
        HexFormat hex = HexFormat.of();
        for (FileDigest f : sortedFiles) {
            md.update(hex.parseHex(f.sha256()));
        }
        return Digests.hex(md.digest());
    }
}
