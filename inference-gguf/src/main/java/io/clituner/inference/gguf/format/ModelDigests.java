package io.clituner.inference.gguf.format;

import io.clituner.core.error.ErrorCode;
import io.clituner.core.error.ModelFileException;
import io.clituner.core.hash.Digests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SHA-256 of model files, streamed once and remembered by (real path, size, modification time):
 * hashing a 1 GB model takes seconds, and the digest is the model's identity in provenance, in
 * the response cache key and in the process-wide model registry. A file replaced in place gets a
 * new size or mtime and is hashed again.
 */
public final class ModelDigests {
    private record FileKey(Path realPath, long size, long mtimeNanos) {}

    private static final ConcurrentHashMap<FileKey, String> CACHE = new ConcurrentHashMap<>();

    private ModelDigests() {}

    /**
     * @throws ModelFileException MODEL_NOT_FOUND when the file cannot be read
     */
    public static String sha256(Path file) {
        try {
            Path real = file.toRealPath();
            BasicFileAttributes attrs = Files.readAttributes(real, BasicFileAttributes.class);
            FileKey key = new FileKey(real, attrs.size(), attrs.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS));
            String cached = CACHE.get(key);
            if (cached != null) {
                return cached;
            }
            String digest = Digests.sha256Hex(real);
            CACHE.put(key, digest);
            return digest;
        } catch (IOException e) {
            throw new ModelFileException(ErrorCode.MODEL_NOT_FOUND, "cannot read model file " + file + " to hash it: " + e, e);
        }
    }

    /** How many digests are remembered (for tests and diagnostics). */
    public static int cachedCount() {
        return CACHE.size();
    }
}
