package io.clituner.inference.gguf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/** Byte-level damage to a GGUF file, for the crash tests: seeded random corruption, and targeted patches. */
final class ModelCorruptions {
    private ModelCorruptions() {}

    /** A description and the damaged bytes. */
    record Corrupted(String description, byte[] bytes) {}

    /**
     * One seeded corruption: bit flips anywhere, bytes overwritten in the metadata, in the tensor
     * descriptions or in the tensor data, special values (0, -1, NaN) in header words, or a cut.
     */
    static Corrupted random(byte[] original, long dataOffset, long seed) {
        Random rnd = new Random(seed);
        byte[] b = original.clone();
        int header = (int) dataOffset;
        int kind = rnd.nextInt(6);
        switch (kind) {
            case 0 -> {
                int n = 1 + rnd.nextInt(4);
                for (int i = 0; i < n; i++) {
                    b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
                }
                return new Corrupted("seed " + seed + ": " + n + " bit flips anywhere", b);
            }
            case 1 -> {
                return overwrite(b, rnd, 8, Math.min(4096, header), 8, "seed " + seed + ": metadata bytes overwritten");
            }
            case 2 -> {
                return overwrite(
                        b,
                        rnd,
                        Math.max(8, header - 1024),
                        header,
                        8,
                        "seed " + seed + ": tensor-description bytes overwritten");
            }
            case 3 -> {
                return overwrite(b, rnd, header, b.length, 64, "seed " + seed + ": tensor data overwritten");
            }
            case 4 -> {
                int at = rnd.nextInt(b.length);
                return new Corrupted("seed " + seed + ": cut at byte " + at, Arrays.copyOf(b, at));
            }
            default -> {
                int at = rnd.nextInt(header / 4) * 4;
                int[] specials = {0, -1, 0x7fc00000, 1, 0x7f800000, 0x80000000};
                int v = specials[rnd.nextInt(specials.length)];
                ByteBuffer.wrap(b, at, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(v);
                return new Corrupted(
                        "seed " + seed + ": header word at " + at + " set to 0x" + Integer.toHexString(v), b);
            }
        }
    }

    private static Corrupted overwrite(byte[] b, Random rnd, int from, int to, int maxRun, String what) {
        int run = 1 + rnd.nextInt(maxRun);
        int at = from + rnd.nextInt(Math.max(1, to - from - run));
        for (int i = at; i < Math.min(b.length, at + run); i++) {
            b[i] = (byte) rnd.nextInt(256);
        }
        return new Corrupted(what + " (" + run + " at " + at + ")", b);
    }

    /** Sets the uint32/float32 metadata value of {@code key} (the key's bytes, then its 4-byte type id, then the value). */
    static byte[] setMetadata(byte[] file, String key, int rawValue) {
        int at = indexOf(file, lengthPrefixed(key), 0) + 8 + key.length() + 4;
        byte[] b = file.clone();
        ByteBuffer.wrap(b, at, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(rawValue);
        return b;
    }

    /** Declares tensor {@code name} with another type id (its description: name, n_dims, dims, type, offset). */
    static byte[] setTensorType(byte[] file, String name, int typeId) {
        byte[] key = lengthPrefixed(name);
        int at = -1;
        for (int i = indexOf(file, key, 0); i >= 0; i = indexOf(file, key, i + 1)) {
            at = i; // the description comes after any metadata mention
        }
        ByteBuffer bb = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int dims = bb.getInt(at + key.length);
        int typeAt = at + key.length + 4 + 8 * dims;
        byte[] b = file.clone();
        ByteBuffer.wrap(b, typeAt, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(typeId);
        return b;
    }

    /** Fills {@code [from, from + length)} with {@code value}. */
    static byte[] fill(byte[] file, long from, long length, byte value) {
        byte[] b = file.clone();
        Arrays.fill(b, (int) from, (int) (from + length), value);
        return b;
    }

    /** Fills with one 2-byte little-endian pattern (an F16 value). */
    static byte[] fillHalf(byte[] file, long from, long length, short bits) {
        byte[] b = file.clone();
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        for (long i = from; i < from + length; i += 2) {
            bb.putShort((int) i, bits);
        }
        return b;
    }

    private static byte[] lengthPrefixed(String s) {
        byte[] text = s.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + text.length)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putLong(text.length)
                .put(text)
                .array();
    }

    private static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = from; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
