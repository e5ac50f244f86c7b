package io.clituner.inference.gguf.format;

import java.util.List;

/**
 * One tensor as described in a GGUF header.
 *
 * @param offset byte offset relative to the start of the tensor data section
 * @param bytes  size of its data, from its type and shape
 */
public record TensorInfo(String name, List<Long> shape, GgmlType type, long offset, long bytes) {
    public TensorInfo {
        shape = List.copyOf(shape);
    }

    public long elements() {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }
}
