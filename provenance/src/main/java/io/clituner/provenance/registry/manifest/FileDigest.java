package io.clituner.provenance.registry.manifest;

import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import java.util.regex.Pattern;

/** One artifact file: its path relative to the model root ('/'-separated), SHA-256 (hex) and size. */
public record FileDigest(String path, String sha256, long size) {
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    public FileDigest {
        if (path == null
                || path.isEmpty()
                || path.startsWith("/")
                || path.contains("\\")
                || java.util.Arrays.asList(path.split("/")).contains("..")) {
            throw new CliTunerException(
                    ErrorCode.REGISTRY_INVALID,
                    "manifest path '" + path + "' must be relative, '/'-separated and stay inside the model directory");
        }
        if (sha256 == null || !HEX64.matcher(sha256).matches()) {
            throw new CliTunerException(
                    ErrorCode.REGISTRY_INVALID, "digest of " + path + " is not lower-case hex SHA-256");
        }
        if (size < 0) {
            throw new CliTunerException(ErrorCode.REGISTRY_INVALID, "size of " + path + " is negative");
        }
    }
}
