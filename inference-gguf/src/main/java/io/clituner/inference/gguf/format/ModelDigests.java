package io.clituner.inference.gguf.format;

import io.clituner.core.error.ErrorCode;
import io.clituner.core.error.ModelFileException;
import io.clituner.core.hash.Digests;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * SHA-256 of model files, streamed once and remembered by (real path, size, modification time):
 * hashing a 1 GB model takes seconds, and the digest is the model's identity in provenance, in
 * the response cache key and in the process-wide loaded-model cache. A file replaced in place gets a
 * new size or mtime and is hashed again.
 *
 * <p>The same pass checks the tensor values ({@link TensorValues}): every float tensor for NaN,
 * infinity and magnitudes of 2^32 or more, every quantized block's scales. The bytes are in memory for the hash anyway, so
 * this costs no extra I/O; a file with a non-finite value gets no digest, only a
 * {@link ModelFileException} (MODEL_CORRUPT) naming the tensor and element.
 */
public final class ModelDigests {
    private record FileKey(Path realPath, long size, long mtimeNanos) {}

    /** Reads are whole units of a tensor's type, about this many bytes. */
    private static final int CHUNK = 1 << 20;
    /** Digests of files whose tensor values passed the scan. */
    private static final ConcurrentHashMap<FileKey, String> CACHE = new ConcurrentHashMap<>();

    private ModelDigests() {}

    /**
     * The digest of a GGUF file, after validating its header ({@link GgufReader#read}) and, on the
     * first call for this file version, its tensor values.
     *
     * @throws ModelFileException when the file cannot be read, is not valid GGUF, or holds a NaN or infinity
     */
    public static String sha256(Path file) {
        return cached(file).orElseGet(() -> sha256(GgufReader.read(file)));
    }

    /** The digest of the file {@code header} was read from, checking its tensor values in the same pass. */
    public static String sha256(GgufFile header) {
        Path file = header.path();
        try {
            FileKey key = key(file);
            String cached = CACHE.get(key);
            if (cached != null) {
                return cached;
            }
            if (key.size() != header.fileSize()) {
                throw new ModelFileException(
                        ErrorCode.MODEL_CORRUPT,
                        "model file " + file + " changed while it was being read (" + header.fileSize() + " bytes, now "
                                + key.size() + ")");
            }
            String digest = hashAndScan(key.realPath(), header);
            CACHE.put(key, digest);
            return digest;
        } catch (IOException e) {
            throw new ModelFileException(
                    ErrorCode.MODEL_NOT_FOUND, "cannot read model file " + file + " to hash it: " + e, e);
        }
    }

    /**
     * Hashes and scans the file again, bypassing (and refreshing) the cache: to re-check a file
     * that may have been modified in place without a new mtime, and for benchmarks.
     */
    public static String rehash(GgufFile header) {
        try {
            FileKey key = key(header.path());
            CACHE.remove(key);
            String digest = hashAndScan(key.realPath(), header);
            CACHE.put(key, digest);
            return digest;
        } catch (IOException e) {
            throw new ModelFileException(
                    ErrorCode.MODEL_NOT_FOUND, "cannot read model file " + header.path() + " to hash it: " + e, e);
        }
    }

    private static java.util.Optional<String> cached(Path file) {
        try {
            return java.util.Optional.ofNullable(CACHE.get(key(file)));
        } catch (IOException e) {
            return java.util.Optional.empty(); // reported by the full path below
        }
    }

    private static FileKey key(Path file) throws IOException {
        Path real = file.toRealPath();
        BasicFileAttributes attrs = Files.readAttributes(real, BasicFileAttributes.class);
        return new FileKey(real, attrs.size(), attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS));
    }

    /** One sequential pass: the header and padding are only hashed; each tensor is hashed and scanned in whole units. */
    private static String hashAndScan(Path real, GgufFile header) throws IOException {
        MessageDigest md = Digests.sha256();
        List<TensorInfo> tensors = new ArrayList<>(header.tensors());
        tensors.sort(Comparator.comparingLong(TensorInfo::offset));
        byte[] buf = new byte[CHUNK + 512];
        try (FileChannel ch = FileChannel.open(real, StandardOpenOption.READ)) {
            long pos = 0;
            for (TensorInfo t : tensors) {
                long start = header.dataOffset() + t.offset();
                pos = hash(ch, md, buf, pos, start - pos, CHUNK);
                int unit = TensorValues.unit(t.type());
                int chunk = CHUNK / unit * unit;
                long done = 0;
                while (done < t.bytes()) {
                    int n = (int) Math.min(chunk, t.bytes() - done);
                    read(ch, buf, pos, n);
                    md.update(buf, 0, n);
                    long bad = TensorValues.firstNonFinite(t.type(), buf, 0, n - n % unit);
                    if (bad >= 0) {
                        long index = done / unit + bad;
                        throw new ModelFileException(
                                ErrorCode.MODEL_CORRUPT,
                                "corrupt GGUF file: tensor '" + t.name() + "' ("
                                        + t.type() + ") holds "
                                        + (t.type().blockSize() == 1
                                                ? "NaN, infinity or a magnitude of 2^32 or more at element "
                                                : "a NaN or infinite scale in block ")
                                        + index
                                        + ", which no trained model has; llama.cpp would compute NaN and abort: "
                                        + header.path());
                    }
                    pos += n;
                    done += n;
                }
            }
            hash(ch, md, buf, pos, header.fileSize() - pos, CHUNK);
        }
        return Digests.hex(md.digest());
    }

    private static long hash(FileChannel ch, MessageDigest md, byte[] buf, long pos, long length, int chunk)
            throws IOException {
        long end = pos + length;
        while (pos < end) {
            int n = (int) Math.min(chunk, end - pos);
            read(ch, buf, pos, n);
            md.update(buf, 0, n);
            pos += n;
        }
        return pos;
    }

    private static void read(FileChannel ch, byte[] buf, long pos, int n) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
        while (bb.hasRemaining()) {
            if (ch.read(bb, pos + bb.position()) < 0) {
                throw new IOException("the file ended at byte " + (pos + bb.position()) + " while hashing");
            }
        }
    }

    /** How many digests are remembered (for tests and diagnostics). */
    public static int cachedCount() {
        return CACHE.size();
    }
}
