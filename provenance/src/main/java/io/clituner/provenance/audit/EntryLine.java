package io.clituner.provenance.audit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The line format, itself RFC 8785 canonical JSON (members in sorted order):
 * <pre>{"entry":{"event":EVENT,"index":N,"prev":"PREV"},"leaf":"LEAF"}\n</pre>
 * The Merkle leaf is the {@code entry} object's bytes; {@code leaf} stores its leaf hash so that a
 * changed byte is pinned to its own line, and {@code prev} (the previous leaf hash) chains each entry
 * to its predecessor so that a rewritten entry is caught by the next one. Fixed framing lets the
 * verifier slice lines without a JSON parser.
 */
final class EntryLine {
    static final byte[] LINE_PREFIX = ascii("{\"entry\":");
    static final byte[] EVENT_PREFIX = ascii("{\"event\":");
    static final byte[] INDEX_KEY = ascii(",\"index\":");
    static final byte[] PREV_KEY = ascii(",\"prev\":\"");
    static final byte[] LEAF_KEY = ascii(",\"leaf\":\"");
    static final int HEX_LEN = 64;
    /** {@code ,"leaf":"<64 hex>"}} */
    static final int LINE_SUFFIX = LEAF_KEY.length + HEX_LEN + 2;
    /** {@code ,"prev":"<64 hex>"}} */
    static final int ENTRY_SUFFIX = PREV_KEY.length + HEX_LEN + 2;

    static final byte[] ZERO_HEX = ascii("0".repeat(HEX_LEN));
    private static final byte[] HEX = ascii("0123456789abcdef");

    private EntryLine() {}

    /** The canonical entry object: the Merkle leaf data. */
    static byte[] entry(byte[] eventJson, long index, byte[] prevHex) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(eventJson.length + 110);
        out.writeBytes(EVENT_PREFIX);
        out.writeBytes(eventJson);
        out.writeBytes(INDEX_KEY);
        out.writeBytes(ascii(Long.toString(index)));
        out.writeBytes(PREV_KEY);
        out.writeBytes(prevHex);
        out.write('"');
        out.write('}');
        return out.toByteArray();
    }

    static void writeLine(ByteArrayOutputStream out, byte[] entry, byte[] leafHex) {
        out.writeBytes(LINE_PREFIX);
        out.writeBytes(entry);
        out.writeBytes(LEAF_KEY);
        out.writeBytes(leafHex);
        out.write('"');
        out.write('}');
        out.write('\n');
    }

    static byte[] hex(byte[] hash) {
        byte[] h = new byte[hash.length * 2];
        for (int i = 0; i < hash.length; i++) {
            h[2 * i] = HEX[(hash[i] >> 4) & 0xF];
            h[2 * i + 1] = HEX[hash[i] & 0xF];
        }
        return h;
    }

    /**
     * Slices a line (without its newline) held in {@code buf[off, off+len)}. Offsets in the result
     * are into {@code buf}.
     *
     * @return the parsed fields, or {@code null} when the framing is wrong
     */
    static @Nullable Parsed parse(byte[] buf, int off, int len) {
        int end = off + len;
        if (len < LINE_PREFIX.length + EVENT_PREFIX.length + 2 + INDEX_KEY.length + 1 + ENTRY_SUFFIX + LINE_SUFFIX
                || !startsWith(buf, off, LINE_PREFIX)
                || buf[end - 1] != '}'
                || buf[end - 2] != '"'
                || !startsWith(buf, end - LINE_SUFFIX, LEAF_KEY)) {
            return null;
        }
        int entryOff = off + LINE_PREFIX.length;
        int entryEnd = end - LINE_SUFFIX; // exclusive
        int leafOff = entryEnd + LEAF_KEY.length;
        if (buf[entryEnd - 1] != '}'
                || buf[entryEnd - 2] != '"'
                || !startsWith(buf, entryEnd - ENTRY_SUFFIX, PREV_KEY)
                || !startsWith(buf, entryOff, EVENT_PREFIX)) {
            return null;
        }
        int prevOff = entryEnd - ENTRY_SUFFIX + PREV_KEY.length;
        // Digits of the index run backwards from just before ,"prev":"
        int digitsEnd = entryEnd - ENTRY_SUFFIX;
        int p = digitsEnd - 1;
        while (p > entryOff && buf[p] >= '0' && buf[p] <= '9') {
            p--;
        }
        int digitsStart = p + 1;
        int ndigits = digitsEnd - digitsStart;
        if (ndigits < 1
                || ndigits > 18
                || (ndigits > 1 && buf[digitsStart] == '0')
                || !startsWith(buf, digitsStart - INDEX_KEY.length, INDEX_KEY)) {
            return null;
        }
        long index = 0;
        for (int i = digitsStart; i < digitsEnd; i++) {
            index = index * 10 + (buf[i] - '0');
        }
        int eventOff = entryOff + EVENT_PREFIX.length;
        int eventEnd = digitsStart - INDEX_KEY.length;
        if (eventEnd - eventOff < 2 || buf[eventOff] != '{' || buf[eventEnd - 1] != '}') {
            return null;
        }
        return new Parsed(index, entryOff, entryEnd - entryOff, eventOff, eventEnd - eventOff, prevOff, leafOff);
    }

    static @Nullable Parsed parse(byte[] line) {
        return parse(line, 0, line.length);
    }

    record Parsed(long index, int entryOff, int entryLen, int eventOff, int eventLen, int prevOff, int leafOff) {}

    static boolean startsWith(byte[] buf, int off, byte[] prefix) {
        if (off < 0 || off + prefix.length > buf.length) {
            return false;
        }
        return Arrays.equals(buf, off, off + prefix.length, prefix, 0, prefix.length);
    }

    static boolean regionEquals(byte[] a, int aOff, byte[] b, int bOff, int len) {
        return Arrays.equals(a, aOff, aOff + len, b, bOff, bOff + len);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
