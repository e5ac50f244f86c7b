package io.clituner.inference.gguf.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** The value scan finds exactly the first bad element, in every lane of its eight-byte steps and in the tail. */
class TensorValuesTest {
    private static byte[] f32(float... v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float x : v) {
            b.putFloat(x);
        }
        return b.array();
    }

    private static byte[] halves(int... bits) {
        ByteBuffer b = ByteBuffer.allocate(bits.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int x : bits) {
            b.putShort((short) x);
        }
        return b.array();
    }

    private static long scan(GgmlType t, byte[] b) {
        return TensorValues.firstNonFinite(t, b, 0, b.length);
    }

    @Test
    void f32RefusesNanInfinityAndMagnitudesFrom2To32() {
        float big = Math.nextDown(0x1p32f);
        assertEquals(-1, scan(GgmlType.F32, f32(0f, -0f, 1e-30f, -big, big, Float.MIN_VALUE, 65504f)));
        for (int at = 0; at < 7; at++) {
            for (float bad : new float[] {
                Float.NaN,
                Float.POSITIVE_INFINITY,
                Float.NEGATIVE_INFINITY,
                0x1p32f,
                -0x1p32f,
                Float.intBitsToFloat(0x7f7f7f7f)
            }) {
                float[] v = {1f, 2f, 3f, 4f, 5f, 6f, 7f};
                v[at] = bad;
                assertEquals(at, scan(GgmlType.F32, f32(v)), bad + " at " + at);
            }
        }
    }

    @Test
    void f16RefusesOnlyNanAndInfinityAndBf16LikeF32() {
        assertEquals(
                -1, scan(GgmlType.F16, halves(0x7bff, 0xfbff, 0x0001, 0x8000, 0x3c00)), "65504 is the largest half");
        for (int at = 0; at < 5; at++) {
            int[] v = {0x3c00, 0x3c00, 0x3c00, 0x3c00, 0x3c00};
            v[at] = at % 2 == 0 ? 0x7c00 : 0xfe00;
            assertEquals(at, scan(GgmlType.F16, halves(v)));
            int[] b = {0x3f80, 0x3f80, 0x3f80, 0x3f80, 0x3f80};
            b[at] = at % 2 == 0 ? 0x4f80 : 0xff80; // 2^32, -infinity
            assertEquals(at, scan(GgmlType.BF16, halves(b)));
        }
        assertEquals(-1, scan(GgmlType.BF16, halves(0x4f7f, 0xcf7f, 0x0000)));
    }

    @Test
    void quantizedBlocksAreJudgedByTheirScales() {
        byte[] q40 = new byte[18 * 3];
        java.util.Arrays.fill(q40, (byte) 0x7f); // quants are any bytes; only d counts
        for (int i = 0; i < 3; i++) {
            q40[i * 18] = 0;
            q40[i * 18 + 1] = 0x3c;
        }
        assertEquals(-1, scan(GgmlType.Q4_0, q40));
        q40[2 * 18 + 1] = 0x7c;
        assertEquals(2, scan(GgmlType.Q4_0, q40));
        byte[] q6k = new byte[210 * 2];
        q6k[210 + 209] = (byte) 0xfc; // -infinity in the second block's d (bytes 208..209)
        assertEquals(1, scan(GgmlType.Q6_K, q6k));
    }
}
