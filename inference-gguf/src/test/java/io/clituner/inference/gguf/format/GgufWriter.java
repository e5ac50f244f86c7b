package io.clituner.inference.gguf.format;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Writes small GGUF files by hand for the reader's tests (format: ggml/docs/gguf.md). */
final class GgufWriter {
    private record Tensor(String name, long[] shape, int type, long offset, byte[] data) {}

    private final ByteArrayOutputStream kv = new ByteArrayOutputStream();
    private int kvCount;
    private final List<Tensor> tensors = new ArrayList<>();
    private int magic = GgufReader.MAGIC;
    private int version = 3;
    private long dataBytes;

    GgufWriter magic(int magic) {
        this.magic = magic;
        return this;
    }

    GgufWriter version(int version) {
        this.version = version;
        return this;
    }

    GgufWriter string(String key, String value) {
        key(key);
        u32(kv, 8);
        str(kv, value);
        return this;
    }

    GgufWriter u32(String key, long value) {
        key(key);
        u32(kv, 4);
        u32(kv, (int) value);
        return this;
    }

    /** A raw entry with any type id (for corrupt files). */
    GgufWriter raw(String key, int typeId, byte[] payload) {
        key(key);
        u32(kv, typeId);
        kv.writeBytes(payload);
        return this;
    }

    GgufWriter stringArray(String key, String... values) {
        arrayHeader(key, 8, values.length);
        for (String v : values) {
            str(kv, v);
        }
        return this;
    }

    GgufWriter f32(String key, float value) {
        key(key);
        u32(kv, 6);
        u32(kv, Float.floatToRawIntBits(value));
        return this;
    }

    GgufWriter f32Array(String key, float... values) {
        arrayHeader(key, 6, values.length);
        for (float v : values) {
            u32(kv, Float.floatToRawIntBits(v));
        }
        return this;
    }

    GgufWriter i32Array(String key, int... values) {
        arrayHeader(key, 5, values.length);
        for (int v : values) {
            u32(kv, v);
        }
        return this;
    }

    /** Key, the array type (9), the element type and the length; the elements follow. */
    private void arrayHeader(String key, int elementType, int length) {
        key(key);
        u32(kv, 9);
        u32(kv, elementType);
        u64(kv, length);
    }

    /** An F32 tensor (zeros) placed at the next aligned data offset. */
    GgufWriter f32Tensor(String name, long... shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return tensor(name, 0, new byte[(int) (n * 4)], shape);
    }

    /** A tensor of any type id with its data, placed at the next aligned data offset. */
    GgufWriter tensor(String name, int type, byte[] data, long... shape) {
        tensors.add(new Tensor(name, shape, type, dataBytes, data));
        dataBytes += (data.length + 31) / 32 * 32;
        return this;
    }

    /** A tensor description only, at any offset (for corrupt files); its data reads as zeros. */
    GgufWriter tensor(String name, int type, long offset, long... shape) {
        tensors.add(new Tensor(name, shape, type, offset, null));
        return this;
    }

    /** The file with all declared tensor data present (zeros). */
    byte[] build() {
        return build(true);
    }

    byte[] build(boolean withData) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        u32(out, magic);
        u32(out, version);
        u64(out, tensors.size());
        u64(out, kvCount);
        out.writeBytes(kv.toByteArray());
        for (Tensor t : tensors) {
            str(out, t.name);
            u32(out, t.shape.length);
            for (long d : t.shape) {
                u64(out, d);
            }
            u32(out, t.type);
            u64(out, t.offset);
        }
        while (out.size() % 32 != 0) {
            out.write(0);
        }
        if (withData) {
            byte[] data = new byte[(int) dataBytes];
            for (Tensor t : tensors) {
                if (t.data != null) {
                    System.arraycopy(t.data, 0, data, (int) t.offset, t.data.length);
                }
            }
            out.writeBytes(data);
        }
        return out.toByteArray();
    }

    private void key(String key) {
        kvCount++;
        str(kv, key);
    }

    private static void str(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        u64(out, b.length);
        out.writeBytes(b);
    }

    static void u32(ByteArrayOutputStream out, int v) {
        out.writeBytes(
                ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array());
    }

    static void u64(ByteArrayOutputStream out, long v) {
        out.writeBytes(
                ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array());
    }
}
