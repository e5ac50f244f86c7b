package io.clituner.inference.gguf.format;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds the first non-finite value (NaN or infinity) in a tensor's bytes. Float tensors are
 * checked element by element (eight bytes at a time); quantized blocks by their fp16 scales
 * (a NaN scale makes every weight of the block NaN). NaN weights give NaN logits, on which
 * llama.cpp's grammar sampler throws from a worker thread and the process aborts.
 *
 * <p>Block layouts are ggml's ({@code ggml-common.h}): where each block keeps its fp16 {@code d}
 * (and {@code dmin}/{@code m}/{@code s}). Types without an entry here (integer types, types added
 * later) are not scanned.
 */
final class TensorValues {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORTS = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int[] NONE = {};

    private TensorValues() {}

    /** Bytes of the smallest whole unit (element or block): a scan chunk is a multiple of it. */
    static int unit(GgmlType type) {
        return switch (type) {
            case F32 -> 4;
            case F16, BF16 -> 2;
            case F64 -> 8;
            default -> (int) type.byteSize(type.blockSize(), type.blockSize());
        };
    }

    /** Byte offsets of the fp16 scales inside one block of {@code type}. */
    private static int[] halfScales(GgmlType type) {
        return switch (type) {
            case Q4_0, Q5_0, Q8_0, IQ2_XXS, IQ2_XS, IQ3_XXS, IQ1_S, IQ4_NL, IQ3_S, IQ2_S, IQ4_XS -> new int[] {0};
            case Q4_1, Q5_1, Q8_1, Q4_K, Q5_K -> new int[] {0, 2};
            case Q2_K -> new int[] {80, 82};
            case Q3_K -> new int[] {108};
            case Q6_K -> new int[] {208};
            case TQ1_0 -> new int[] {52};
            case TQ2_0 -> new int[] {64};
            default -> NONE;
        };
    }

    /**
     * The index of the first element or block in {@code buf[off, off+len)} holding a non-finite
     * value, or -1. {@code len} is a multiple of {@link #unit}.
     */
    static long firstNonFinite(GgmlType type, byte[] buf, int off, int len) {
        switch (type) {
            case F32:
                return scanLanes(buf, off, len, 0x7f8000007f800000L, 0x0000000100000001L, 0x8000000080000000L, 4);
            case F16:
                return scanLanes(buf, off, len, 0x7c007c007c007c00L, 0x0001000100010001L, 0x8000800080008000L, 2);
            case BF16:
                return scanLanes(buf, off, len, 0x7f807f807f807f80L, 0x0001000100010001L, 0x8000800080008000L, 2);
            case F64:
                for (int i = 0; i < len; i += 8) {
                    if (!Double.isFinite(Double.longBitsToDouble((long) LONGS.get(buf, off + i)))) {
                        return i / 8;
                    }
                }
                return -1;
            case Q8_K: // float32 d at the start of each 292-byte block
                for (int i = 0; i < len; i += 292) {
                    if (((int) INTS.get(buf, off + i) & 0x7f800000) == 0x7f800000) {
                        return i / 292;
                    }
                }
                return -1;
            case IQ1_M:
                return iq1m(buf, off, len);
            default:
                int[] scales = halfScales(type);
                if (scales.length == 0) {
                    return -1;
                }
                int block = unit(type);
                for (int i = 0; i < len; i += block) {
                    for (int s : scales) {
                        if (((short) SHORTS.get(buf, off + i + s) & 0x7c00) == 0x7c00) {
                            return i / block;
                        }
                    }
                }
                return -1;
        }
    }

    /**
     * Eight bytes at a time: a lane is non-finite when all its exponent bits are set, i.e. when
     * {@code (lane & mask) ^ mask} is zero; "some lane is zero" is the classic
     * {@code (v - ones) & ~v & highs} test, exact for lanes below their high bit.
     */
    private static long scanLanes(byte[] buf, int off, int len, long mask, long ones, long highs, int width) {
        int i = 0;
        for (; i + 8 <= len; i += 8) {
            long v = ((long) LONGS.get(buf, off + i) & mask) ^ mask;
            if (((v - ones) & ~v & highs) != 0) {
                for (int j = i; j < i + 8; j += width) {
                    if (nonFinite(buf, off + j, width, mask)) {
                        return j / width;
                    }
                }
            }
        }
        for (; i < len; i += width) {
            if (nonFinite(buf, off + i, width, mask)) {
                return i / width;
            }
        }
        return -1;
    }

    private static boolean nonFinite(byte[] buf, int at, int width, long mask) {
        if (width == 4) {
            int m = (int) mask;
            return ((int) INTS.get(buf, at) & m) == m;
        }
        int m = (int) (mask & 0xffff);
        return ((short) SHORTS.get(buf, at) & m) == m;
    }

    /** IQ1_M keeps its fp16 scale in the top nibbles of the four uint16 words at byte 48. */
    private static long iq1m(byte[] buf, int off, int len) {
        for (int i = 0; i < len; i += 56) {
            int s0 = (short) SHORTS.get(buf, off + i + 48) & 0xffff;
            int s1 = (short) SHORTS.get(buf, off + i + 50) & 0xffff;
            int s2 = (short) SHORTS.get(buf, off + i + 52) & 0xffff;
            int s3 = (short) SHORTS.get(buf, off + i + 54) & 0xffff;
            int d = (s0 >> 12) | ((s1 >> 8) & 0x00f0) | ((s2 >> 4) & 0x0f00) | (s3 & 0xf000);
            if ((d & 0x7c00) == 0x7c00) {
                return i / 56;
            }
        }
        return -1;
    }
}
