package io.clituner.provenance.audit;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Newline-separated lines of a file region, read in large chunks with positional reads (so the
 * caller's channel position and locks are untouched). {@link #next()} exposes the current line as
 * a view into the buffer — no copy per line, which matters at a million lines — valid until the
 * next call; {@link #peekCopy()} looks one line ahead (only damage paths need it).
 */
final class LineSource {
    private static final int CHUNK = 1 << 22;
    private static final int MAX_LINE = 1 << 24;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** A copied line; {@code terminated} is false only for a final, torn segment. */
    @SuppressWarnings("ArrayRecordComponent") // a private copy of one line, never shared or compared
    record Line(byte[] bytes, long offset, boolean terminated) {}

    private final FileChannel channel;
    private final long end;
    private long readPos;
    private byte[] buf = new byte[CHUNK];
    private int start;
    private int limit;
    private @Nullable Line pushedBack;

    // The current view.
    byte[] lineBuf;
    int lineOff;
    int lineLen;
    long lineOffset;
    boolean lineTerminated;

    LineSource(FileChannel channel, long from, long to) {
        this.channel = channel;
        this.readPos = from;
        this.end = to;
        this.lineBuf = buf;
    }

    /** Advances to the next line; false at the end of the region. */
    boolean next() throws IOException {
        if (pushedBack != null) {
            Line l = pushedBack;
            pushedBack = null;
            lineBuf = l.bytes();
            lineOff = 0;
            lineLen = l.bytes().length;
            lineOffset = l.offset();
            lineTerminated = l.terminated();
            return true;
        }
        int searchFrom = start;
        while (true) {
            int nl = indexOfNewline(buf, searchFrom, limit);
            if (nl >= 0) {
                setView(start, nl - start, true);
                start = nl + 1;
                return true;
            }
            if (readPos >= end) {
                if (start < limit) {
                    setView(start, limit - start, false);
                    start = limit;
                    return true;
                }
                return false;
            }
            int searched = limit - start; // fill() moves these bytes to the front; don't search them again
            fill();
            searchFrom = searched;
        }
    }

    /** A copy of the line after the current one (or null); the current view becomes invalid. */
    @Nullable
    Line peekCopy() throws IOException {
        if (pushedBack != null) {
            return pushedBack;
        }
        if (!next()) {
            return null;
        }
        pushedBack = new Line(Arrays.copyOfRange(lineBuf, lineOff, lineOff + lineLen), lineOffset, lineTerminated);
        return pushedBack;
    }

    private void setView(int off, int len, boolean terminated) {
        lineBuf = buf;
        lineOff = off;
        lineLen = len;
        lineOffset = readPos - (limit - off);
        lineTerminated = terminated;
    }

    /** First '\n' in {@code b[from, to)}, eight bytes at a time (SWAR zero-byte test), or -1. */
    static int indexOfNewline(byte[] b, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long x = (long) LONGS.get(b, i) ^ 0x0A0A0A0A0A0A0A0AL;
            long t = (x - 0x0101010101010101L) & ~x & 0x8080808080808080L;
            if (t != 0) {
                return i + (Long.numberOfTrailingZeros(t) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void fill() throws IOException {
        int pending = limit - start;
        if (pending > 0 && start > 0) {
            System.arraycopy(buf, start, buf, 0, pending);
        }
        start = 0;
        limit = pending;
        if (limit == buf.length) {
            if (buf.length >= MAX_LINE) {
                throw new IOException("line longer than " + MAX_LINE + " bytes at offset " + (readPos - limit));
            }
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        int want = (int) Math.min(buf.length - limit, end - readPos);
        ByteBuffer bb = ByteBuffer.wrap(buf, limit, want);
        while (bb.hasRemaining()) {
            int n = channel.read(bb, readPos + bb.position() - limit);
            if (n < 0) {
                throw new IOException("file shrank while reading at offset " + (readPos + bb.position() - limit));
            }
        }
        readPos += want;
        limit += want;
    }
}
