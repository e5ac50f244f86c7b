package io.clituner.inference.gguf.format;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds the first impossible value in a tensor's bytes. Float tensors are checked element by
 * element, eight bytes at a time: NaN, infinity, and (F32, BF16, F64) any magnitude of 2^32 or
 * more, far beyond any trained weight; quantized blocks by their scales (fp16, so only NaN and
 * infinity; Q8_K's float32 scale like an F32 element). NaN weights give NaN logits, on which
 * llama.cpp's grammar sampler throws from a worker thread and the process aborts; so do finite
 * F32 weights near the float maximum (an F32 {@code output.weight} filled with 0x7F bytes is
 * 3.39e38 everywhere, and its dot products overflow to infinity).
 *
 * <p>Block layouts are ggml's ({@code ggml-common.h}): where each block keeps its fp16 {@code d}
 * (and {@code dmin}/{@code m}/{@code s}). Types without an entry here (integer types, types added
 * later) are not scanned.
 */
final class TensorValues {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORTS =
            MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int[] NONE = {};
    /** Magnitudes from here on are refused in F32, BF16 and F64 tensors: 2^32. */
    static final double MAX_MAGNITUDE = 0x1p32;
    /** Bits (sign cleared) of the first refused value: 2^32 as float32 and bfloat16, the first non-finite half. */
    private static final int F32_TOO_LARGE = Float.floatToRawIntBits(0x1p32f);

    private static final int BF16_TOO_LARGE = F32_TOO_LARGE >>> 16;
    private static final int F16_NON_FINITE = 0x7c00;

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
            case F32 -> {
                return scanLanes(buf, off, len, 4, F32_TOO_LARGE);
            }
            case F16 -> {
                return scanLanes(buf, off, len, 2, F16_NON_FINITE);
            }
            case BF16 -> {
                return scanLanes(buf, off, len, 2, BF16_TOO_LARGE);
            }
            case F64 -> {
                for (int i = 0; i < len; i += 8) {
                    double d = Double.longBitsToDouble((long) LONGS.get(buf, off + i));
                    if (!(Math.abs(d) < MAX_MAGNITUDE)) {
                        return i / 8;
                    }
                }
                return -1;
            }
            case Q8_K -> { // float32 d at the start of each 292-byte block
                for (int i = 0; i < len; i += 292) {
                    if (((int) INTS.get(buf, off + i) & 0x7fffffff) >= F32_TOO_LARGE) {
                        return i / 292;
                    }
                }
                return -1;
            }
            case IQ1_M -> {
                return iq1m(buf, off, len);
            }
            default -> {
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
    }

    /**
     * Eight bytes at a time. With the sign cleared, a float's bits order like its magnitude, so a
     * lane is bad when {@code bits & 0x7f…f >= limit}. Adding {@code 0x80…0 - limit} to every
     * lane sets the lane's top bit exactly then, and cannot carry into the next lane (the sum
     * stays below 2^width), so one add and one mask test all lanes.
     */
    private static long scanLanes(byte[] buf, int off, int len, int width, int limit) {
        long abs = width == 4 ? 0x7fffffff7fffffffL : 0x7fff7fff7fff7fffL;
        long high = width == 4 ? 0x8000000080000000L : 0x8000800080008000L;
        long bias = width == 4 ? (0x80000000L - limit) * 0x0000000100000001L : (0x8000L - limit) * 0x0001000100010001L;
        int i = 0;
        for (; i + 8 <= len; i += 8) {
            if (((((long) LONGS.get(buf, off + i) & abs) + bias) & high) != 0) {
                break; // the element is found one at a time below
            }
        }
        for (; i < len; i += width) {
            int bits =
                    width == 4 ? (int) INTS.get(buf, off + i) & 0x7fffffff : (short) SHORTS.get(buf, off + i) & 0x7fff;
            if (bits >= limit) {
                return i / width;
            }
        }
        return -1;
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
