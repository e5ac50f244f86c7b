package io.clituner.inference.gguf.format;

import io.clituner.core.error.ErrorCode;
import io.clituner.core.error.ModelFileException;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads and validates a GGUF header in Java, so that a missing, truncated, corrupt or foreign file
 * becomes a {@link ModelFileException} instead of a crash inside llama.cpp. Checks the magic and
 * version, every metadata entry, every tensor description (type, shape, alignment, contiguous
 * offsets as llama.cpp requires), that the file is long enough for all declared tensor data, and
 * then the model's meaning ({@link GgufValidator}: hyperparameters, token ids, tensor types and
 * shapes). The tensor values themselves are checked while the file is hashed ({@link ModelDigests}).
 * Streams the header through a small buffer; array contents (vocabularies) are validated and
 * skipped, never kept.
 */
public final class GgufReader {
    /** "GGUF" read as a little-endian uint32. */
    public static final int MAGIC = 0x46554747;

    private static final int DEFAULT_ALIGNMENT = 32;
    /** llama.cpp's GGML_MAX_DIMS and GGML_MAX_NAME. */
    private static final int MAX_DIMS = 4;

    private static final int MAX_TENSOR_NAME = 64;
    /** Strings longer than this (beyond any chat template seen in practice) are validated but not kept. */
    private static final int MAX_KEPT_STRING = 1 << 20;

    private static final int MAX_KEY = 65_535;
    private static final long MAX_COUNT = 1L << 32;
    private static final long MAX_STRING = 1L << 30;

    private final Path path;
    private final FileChannel channel;
    private final long size;
    private final ByteBuffer buf = ByteBuffer.allocate(64 * 1024).order(ByteOrder.LITTLE_ENDIAN);
    /** Absolute file position of buf's position. */
    private long bufStart;

    private GgufReader(Path path, FileChannel channel, long size) {
        this.path = path;
        this.channel = channel;
        this.size = size;
        buf.limit(0);
    }

    /**
     * @throws ModelFileException MODEL_NOT_FOUND, MODEL_TRUNCATED, MODEL_CORRUPT or MODEL_UNSUPPORTED
     */
    public static GgufFile read(Path file) {
        if (file == null) {
            throw new ModelFileException(ErrorCode.MODEL_NOT_FOUND, "no model file given");
        }
        if (Files.isDirectory(file)) {
            throw new ModelFileException(
                    ErrorCode.MODEL_NOT_FOUND, "model path is a directory, not a .gguf file: " + file);
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return new GgufReader(file, ch, ch.size()).parse();
        } catch (NoSuchFileException e) {
            throw new ModelFileException(
                    ErrorCode.MODEL_NOT_FOUND,
                    "model file not found: " + file
                            + " (give the path of a .gguf file, e.g. Qwen2.5-Coder-1.5B-Instruct-Q4_K_M.gguf)",
                    e);
        } catch (AccessDeniedException e) {
            throw new ModelFileException(
                    ErrorCode.MODEL_NOT_FOUND, "model file is not readable (permission denied): " + file, e);
        } catch (IOException e) {
            throw new ModelFileException(
                    ErrorCode.MODEL_NOT_FOUND, "cannot read model file " + file + ": " + e.getMessage(), e);
        }
    }

    private GgufFile parse() throws IOException {
        long version = version();
        long tensorCount = count("tensor count");
        long kvCount = count("metadata entry count");
        Map<String, Object> metadata = new LinkedHashMap<>();
        Map<String, GgufArray> arrays = new LinkedHashMap<>();
        readMetadata(kvCount, metadata, arrays);
        int alignment = alignment(metadata);
        if (!(metadata.get("general.architecture") instanceof String)) {
            throw new ModelFileException(
                    ErrorCode.MODEL_UNSUPPORTED,
                    "GGUF file has no general.architecture, so llama.cpp cannot load it as a language model: " + path);
        }
        List<TensorInfo> tensors = readTensors(tensorCount, alignment);
        long dataOffset = pad(position(), alignment);
        requireTensorData(tensors, dataOffset);
        GgufFile file = new GgufFile(path, size, (int) version, alignment, metadata, arrays, tensors, dataOffset);
        GgufValidator.validate(file);
        return file;
    }

    /** Checks the file's size and magic number, then reads the version: 2 or 3, as llama.cpp reads. */
    private long version() throws IOException {
        if (size == 0) {
            throw truncated("the file is empty (0 bytes): an interrupted download?");
        }
        if (size < 4) {
            throw truncated("the file has only " + size + " bytes, less than a GGUF magic number");
        }
        int magic = i32();
        if (magic != MAGIC) {
            throw new ModelFileException(
                    ErrorCode.MODEL_UNSUPPORTED,
                    "not a GGUF file (bad magic 0x" + String.format("%08x", Integer.reverseBytes(magic))
                            + describeForeign(magic) + ") at " + path);
        }
        long version = u32();
        if (version == 1) {
            throw new ModelFileException(
                    ErrorCode.MODEL_UNSUPPORTED,
                    "GGUF version 1 is no longer supported by llama.cpp;"
                            + " convert the model again with a current llama.cpp: " + path);
        }
        if (version != 2 && version != 3) {
            throw new ModelFileException(
                    ErrorCode.MODEL_UNSUPPORTED,
                    "unsupported GGUF version " + version + " (this library reads versions 2 and 3): " + path);
        }
        return version;
    }

    /** Reads {@code kvCount} entries with distinct, non-empty keys: scalars into {@code metadata}, arrays into {@code arrays}. */
    private void readMetadata(long kvCount, Map<String, Object> metadata, Map<String, GgufArray> arrays)
            throws IOException {
        Set<String> keys = new HashSet<>();
        for (long i = 0; i < kvCount; i++) {
            String key = name("metadata key #" + i);
            if (key.isEmpty()) {
                throw corrupt("metadata key #" + i + " is empty");
            }
            if (!keys.add(key)) {
                throw corrupt("duplicate metadata key '" + key + "'");
            }
            GgufValueType type = valueType(u32(), key);
            if (type == GgufValueType.ARRAY) {
                arrays.put(key, array(key));
            } else {
                Object value = scalar(type, key);
                if (value != null) {
                    metadata.put(key, value);
                }
            }
        }
    }

    /** The array after {@code key}'s type id: small integer arrays keep their values, others are checked and skipped. */
    private GgufArray array(String key) throws IOException {
        GgufValueType elementType = valueType(u32(), key + "[]");
        if (elementType == GgufValueType.ARRAY) {
            throw new ModelFileException(
                    ErrorCode.MODEL_UNSUPPORTED,
                    "metadata key '" + key + "' holds nested arrays, which llama.cpp does not read: " + path);
        }
        long length = count("length of array '" + key + "'");
        if (isInteger(elementType) && length <= GgufArray.MAX_KEPT) {
            List<Long> values = new ArrayList<>((int) length);
            for (long j = 0; j < length; j++) {
                values.add((Long) scalar(elementType, key));
            }
            return new GgufArray(elementType, length, values);
        }
        skipArray(elementType, length, key);
        return new GgufArray(elementType, length);
    }

    /** general.alignment when set (a power of two), else GGUF's default. */
    private int alignment(Map<String, Object> metadata) {
        Object a = metadata.get("general.alignment");
        if (a == null) {
            return DEFAULT_ALIGNMENT;
        }
        if (!(a instanceof Long l) || l <= 0 || l > (1 << 30) || Long.bitCount(l) != 1) {
            throw corrupt("general.alignment must be a power of two, got " + a);
        }
        return (int) (long) l;
    }

    /** Reads the tensor descriptions; llama.cpp requires each one's data to start where the previous one's aligned data ends. */
    private List<TensorInfo> readTensors(long tensorCount, int alignment) throws IOException {
        List<TensorInfo> tensors = new ArrayList<>((int) Math.min(tensorCount, 4096));
        Set<String> names = new HashSet<>();
        long expectedOffset = 0;
        for (long i = 0; i < tensorCount; i++) {
            TensorInfo t = tensorInfo(i, names);
            if (t.offset() != expectedOffset) {
                throw corrupt("tensor '" + t.name() + "' starts at data offset " + t.offset() + ", expected "
                        + expectedOffset + " (tensors must be contiguous and aligned to " + alignment + " bytes)");
            }
            try {
                expectedOffset = Math.addExact(t.offset(), pad(t.bytes(), alignment));
            } catch (ArithmeticException e) {
                throw corrupt("tensor data of '" + t.name() + "' is impossibly large");
            }
            tensors.add(t);
        }
        return tensors;
    }

    /** Tensor #{@code i}: a new name, its shape, a type llama.cpp loads (whose blocks fit the rows), its data offset. */
    private TensorInfo tensorInfo(long i, Set<String> names) throws IOException {
        String name = name("name of tensor #" + i);
        if (name.length() >= MAX_TENSOR_NAME) {
            throw corrupt("tensor #" + i + " has a name of " + name.length() + " characters (llama.cpp allows "
                    + (MAX_TENSOR_NAME - 1) + ")");
        }
        if (!names.add(name)) {
            throw corrupt("duplicate tensor name '" + name + "'");
        }
        long dims = u32();
        if (dims < 1 || dims > MAX_DIMS) {
            throw corrupt("tensor '" + name + "' has " + dims + " dimensions (1 to " + MAX_DIMS + " allowed)");
        }
        List<Long> shape = new ArrayList<>((int) dims);
        long elements = 1;
        for (int d = 0; d < dims; d++) {
            long ne = i64();
            if (ne < 0) {
                throw corrupt("tensor '" + name + "' has a negative dimension " + ne);
            }
            try {
                elements = Math.multiplyExact(elements, ne);
            } catch (ArithmeticException e) {
                throw corrupt("tensor '" + name + "' has an impossibly large shape " + shape + "…");
            }
            shape.add(ne);
        }
        long typeId = u32();
        GgmlType type = GgmlType.byId(typeId)
                .orElseThrow(() -> new ModelFileException(
                        ErrorCode.MODEL_UNSUPPORTED,
                        "tensor '" + name + "' has tensor type " + typeId + ", which llama.cpp b4916 cannot load: "
                                + path));
        long bytes;
        try {
            bytes = type.byteSize(elements, shape.get(0));
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw corrupt("tensor '" + name + "': " + e.getMessage());
        }
        long offset = i64();
        return new TensorInfo(name, shape, type, offset, bytes);
    }

    /** Reports truncation when the file is shorter than the tensor data its header declares. */
    private void requireTensorData(List<TensorInfo> tensors, long dataOffset) {
        long end = dataOffset;
        for (TensorInfo t : tensors) {
            end = Math.max(end, dataOffset + t.offset() + t.bytes());
        }
        if (end > size) {
            throw truncated("the tensors need " + end + " bytes but the file has only " + size + " (" + (end - size)
                    + " missing): an interrupted download or copy?");
        }
    }

    private static boolean isInteger(GgufValueType t) {
        return switch (t) {
            case UINT8, INT8, UINT16, INT16, UINT32, INT32, UINT64, INT64 -> true;
            default -> false;
        };
    }

    private static String describeForeign(int magic) {
        return switch (magic) {
            case 0x04034b50 -> ": a ZIP archive, e.g. a PyTorch checkpoint; convert it to GGUF with llama.cpp";
            case 0x67676d6c, 0x67676a74, 0x67676d66 -> ": a legacy GGML/GGJT model; convert it to GGUF";
            case 0x464c457f -> ": an ELF binary";
            default -> (magic & 0xff) == '{' ? ": looks like JSON" : "";
        };
    }

    private GgufValueType valueType(long id, String key) {
        return GgufValueType.byId(id)
                .orElseThrow(() -> corrupt("metadata key '" + key + "' has unknown value type " + id));
    }

    /** The value; null for a string too long to keep (skipped). */
    private @Nullable Object scalar(GgufValueType type, String key) throws IOException {
        return switch (type) {
            case UINT8 -> (long) u8();
            case INT8 -> (long) (byte) u8();
            case UINT16 -> (long) (i16() & 0xffff);
            case INT16 -> (long) i16();
            case UINT32 -> u32();
            case INT32 -> (long) i32();
            case UINT64, INT64 -> i64();
            case FLOAT32 -> (double) Float.intBitsToFloat(i32());
            case FLOAT64 -> Double.longBitsToDouble(i64());
            case BOOL -> {
                int b = u8();
                if (b > 1) {
                    throw corrupt("metadata key '" + key + "' is a bool with value " + b);
                }
                yield b == 1;
            }
            case STRING -> string(MAX_KEPT_STRING, "value of '" + key + "'");
            case ARRAY -> throw new IllegalStateException("arrays are read by skipArray");
        };
    }

    private void skipArray(GgufValueType type, long length, String key) throws IOException {
        if (type == GgufValueType.STRING) {
            for (long i = 0; i < length; i++) {
                long len = u64Length("string #" + i + " of '" + key + "'");
                skip(len);
            }
            return;
        }
        long bytes;
        try {
            bytes = Math.multiplyExact(length, (long) type.size());
        } catch (ArithmeticException e) {
            throw corrupt("array '" + key + "' claims " + length + " elements");
        }
        skip(bytes);
    }

    /**
     * A uint64 count. One beyond any real model (2^32) can only be corruption; a plausible one
     * that runs past the end of the file is reported as truncation when the reading gets there.
     */
    private long count(String what) throws IOException {
        long n = i64();
        if (n < 0 || n > MAX_COUNT) {
            throw corrupt(what + " is " + Long.toUnsignedString(n) + ", beyond any real model");
        }
        return n;
    }

    private long u64Length(String what) throws IOException {
        long n = i64();
        if (n < 0 || n > MAX_STRING) {
            throw corrupt(what + " has length " + Long.toUnsignedString(n) + ", beyond any real model");
        }
        return n;
    }

    /** A key or tensor name: a GGUF string of at most {@link #MAX_KEY} bytes (longer is corrupt). */
    private String name(String what) throws IOException {
        String s = string(MAX_KEY, what);
        if (s == null) {
            throw corrupt(what + " is too long");
        }
        return s;
    }

    /** A GGUF string: uint64 length then UTF-8 bytes; longer than {@code keep} is checked and dropped (null). */
    private @Nullable String string(int keep, String what) throws IOException {
        long len = u64Length(what);
        if (len > keep) {
            if (keep == MAX_KEY) {
                throw corrupt(what + " is " + len + " bytes long");
            }
            skip(len);
            return null;
        }
        byte[] bytes = new byte[(int) len];
        int done = 0;
        while (done < bytes.length) {
            ensure(1);
            int n = Math.min(buf.remaining(), bytes.length - done);
            buf.get(bytes, done, n);
            done += n;
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw corrupt(what + " is not valid UTF-8");
        }
    }

    private int u8() throws IOException {
        ensure(1);
        return buf.get() & 0xff;
    }

    private short i16() throws IOException {
        ensure(2);
        return buf.getShort();
    }

    private int i32() throws IOException {
        ensure(4);
        return buf.getInt();
    }

    private long u32() throws IOException {
        return i32() & 0xffffffffL;
    }

    private long i64() throws IOException {
        ensure(8);
        return buf.getLong();
    }

    private long position() {
        return bufStart + buf.position();
    }

    private void skip(long n) throws IOException {
        long target = position() + n;
        if (target > size || target < 0) {
            throw truncated("the header ends inside its metadata at byte " + size + " (needs " + target + ")");
        }
        if (n <= buf.remaining()) {
            buf.position(buf.position() + (int) n);
            return;
        }
        bufStart = target;
        buf.clear().limit(0);
    }

    /** Makes {@code n} bytes available in the buffer or reports truncation. */
    private void ensure(int n) throws IOException {
        if (buf.remaining() >= n) {
            return;
        }
        long pos = position();
        if (pos + n > size) {
            throw truncated("the header ends early at byte " + size + " (reading " + n + " bytes at " + pos + ")");
        }
        buf.compact(); // the unread bytes, which start at pos, move to the front
        bufStart = pos;
        long readAt = pos + buf.position();
        while (buf.position() < n) {
            int r = channel.read(buf, readAt);
            if (r < 0) {
                throw truncated("the file ended while reading its header at byte " + readAt);
            }
            readAt += r;
        }
        buf.flip();
        if (buf.remaining() < n) {
            throw new BufferUnderflowException();
        }
    }

    private static long pad(long x, int alignment) {
        return Math.addExact(x, alignment - 1) / alignment * alignment;
    }

    private ModelFileException truncated(String detail) {
        return new ModelFileException(ErrorCode.MODEL_TRUNCATED, "truncated GGUF file: " + detail + ": " + path);
    }

    private ModelFileException corrupt(String detail) {
        return new ModelFileException(ErrorCode.MODEL_CORRUPT, "corrupt GGUF file: " + detail + ": " + path);
    }
}
