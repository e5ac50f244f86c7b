package io.clituner.inference.gguf.format;

import java.util.Optional;

/** Metadata value types of the GGUF format (spec: ggml/docs/gguf.md), with their fixed sizes in bytes. */
public enum GgufValueType {
    UINT8(1),
    INT8(1),
    UINT16(2),
    INT16(2),
    UINT32(4),
    INT32(4),
    FLOAT32(4),
    BOOL(1),
    STRING(-1),
    ARRAY(-1),
    UINT64(8),
    INT64(8),
    FLOAT64(8);

    private final int size;

    GgufValueType(int size) {
        this.size = size;
    }

    /** Size of one value, or -1 for variable-length types. */
    public int size() {
        return size;
    }

    public static Optional<GgufValueType> byId(long id) {
        GgufValueType[] all = values();
        return id >= 0 && id < all.length ? Optional.of(all[(int) id]) : Optional.empty();
    }
}
