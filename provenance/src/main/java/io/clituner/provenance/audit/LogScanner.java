package io.clituner.provenance.audit;

import io.clituner.core.hash.Digests;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Reads log lines in order, checking each one's framing, leaf hash, index and chain link, and
 * folding accepted leaves into a {@link MerkleAccumulator}. Stops at the first damage and names
 * it; a look-ahead of one line tells a deletion from a swap from an insertion.
 */
final class LogScanner {
    /** A root the log must have at a given size: from a signed checkpoint, or from the log's {@link LogHead}. */
    record Expectation(long treeSize, String rootHex, boolean head) {
        Expectation(long treeSize, String rootHex) {
            this(treeSize, rootHex, false);
        }

        String source() {
            return head ? "the log's head file" : "a checkpoint";
        }
    }

    /** How every line starts; a torn final line must be a prefix of a line, nothing else. */
    private static final byte[] LINE_START = concat(EntryLine.LINE_PREFIX, EntryLine.EVENT_PREFIX);

    /** The first problem found. */
    record Finding(Damage damage, long index, String detail) {}

    private final MerkleAccumulator acc;
    private final MessageDigest md = Digests.sha256();
    private final byte[] computedHex = new byte[EntryLine.HEX_LEN];
    private final byte[] scratch = new byte[Rfc6962.HASH_SIZE];
    private final List<Expectation> expectations;
    private int nextExpectation;
    private long lastMatchedCheckpointSize;
    private int checkpointsChecked;
    private byte[] lastLeafHex;
    private byte @Nullable [] leafBeforeLastHex;
    private long validEnd;
    private @Nullable Finding finding;
    private LineSource.@Nullable Line torn;
    private @Nullable Consumer<byte[]> leafSink;
    private @Nullable EntrySink entrySink;

    /** Receives accepted entries: index, the buffer holding the line, and its parsed framing (offsets into the buffer). */
    interface EntrySink {
        void accept(long index, byte[] buf, EntryLine.Parsed parsed);
    }

    LogScanner(List<Expectation> expectations) {
        this(new MerkleAccumulator(), EntryLine.ZERO_HEX, 0, expectations);
    }

    /** Continues from a known state (catching up on lines another process appended). */
    LogScanner(MerkleAccumulator acc, byte[] lastLeafHex, long validEnd, List<Expectation> expectations) {
        this.acc = acc;
        this.lastLeafHex = lastLeafHex.clone(); // recycled below; never write into the caller's array
        this.validEnd = validEnd;
        List<Expectation> sorted = new ArrayList<>(expectations);
        sorted.sort((a, b) -> Long.compare(a.treeSize(), b.treeSize()));
        this.expectations = sorted;
    }

    LogScanner onLeaf(Consumer<byte[]> sink) {
        this.leafSink = sink;
        return this;
    }

    LogScanner onEntry(EntrySink sink) {
        this.entrySink = sink;
        return this;
    }

    /** Scans {@code [from, to)} of the channel; stops at the first damage (or a torn tail). */
    void scan(FileChannel channel, long from, long to) throws IOException {
        checkExpectations();
        if (finding != null) {
            return;
        }
        LineSource src = new LineSource(channel, from, to);
        while (finding == null && src.next()) {
            accept(src);
        }
        if (finding == null && nextExpectation < expectations.size()) {
            Expectation e = expectations.stream()
                    .skip(nextExpectation)
                    .filter(Expectation::head)
                    .findFirst()
                    .orElse(expectations.get(nextExpectation));
            if (e.head()) {
                // Entries that were acknowledged are gone: a crash leaves at most one partial record after them.
                finding = new Finding(
                        Damage.TRUNCATED,
                        acc.size(),
                        "the log's head file records " + e.treeSize()
                                + " acknowledged entries but the log has only " + acc.size()
                                + (torn != null
                                        ? " complete ones and then part of entry " + acc.size() + " ("
                                                + torn.bytes().length + " bytes at offset " + torn.offset()
                                                + "): it was cut inside an acknowledged entry, not torn by a crash"
                                        : ": entries " + acc.size() + ".." + (e.treeSize() - 1) + " were cut off"));
            } else {
                finding = new Finding(
                        Damage.ROLLED_BACK,
                        acc.size(),
                        "a checkpoint records " + e.treeSize() + " entries but the log has " + acc.size()
                                + (torn != null ? " complete ones (plus a torn line)" : "")
                                + ": it was truncated or rolled back");
            }
        }
        if (finding == null && torn != null && !isLineStart(torn.bytes())) {
            finding = new Finding(
                    Damage.MALFORMED,
                    acc.size(),
                    "the last line (" + torn.bytes().length + " bytes at offset " + torn.offset()
                            + ") is incomplete and is not the start of a log entry");
        }
        if (finding == null && torn != null) {
            finding = new Finding(
                    Damage.TORN_TAIL,
                    acc.size(),
                    "the last line (" + torn.bytes().length + " bytes at offset " + torn.offset()
                            + ") is incomplete: an append was interrupted before it was acknowledged");
        }
    }

    private void accept(LineSource src) throws IOException {
        long p = acc.size();
        byte[] b = src.lineBuf;
        int off = src.lineOff;
        int len = src.lineLen;
        long lineOffset = src.lineOffset;
        if (!src.lineTerminated) {
            torn = new LineSource.Line(Arrays.copyOfRange(b, off, off + len), lineOffset, false);
            return;
        }
        EntryLine.Parsed parsed = EntryLine.parse(b, off, len);
        if (parsed == null) {
            finding = new Finding(Damage.MALFORMED, p, "line at offset " + lineOffset + " is not a log entry");
            return;
        }
        md.update((byte) 0);
        md.update(b, parsed.entryOff(), parsed.entryLen());
        try {
            md.digest(scratch, 0, scratch.length);
        } catch (java.security.DigestException e) {
            throw new IllegalStateException("SHA-256 digest buffer too small", e);
        }
        hexInto(scratch, computedHex);
        if (!EntryLine.regionEquals(b, parsed.leafOff(), computedHex, 0, EntryLine.HEX_LEN)) {
            finding = new Finding(
                    Damage.EDITED, p, "entry bytes do not match their leaf hash (line at offset " + lineOffset + ")");
            return;
        }
        long x = parsed.index();
        if (x != p) {
            finding = classifyIndex(p, x, b, parsed, src);
            return;
        }
        if (!EntryLine.regionEquals(b, parsed.prevOff(), lastLeafHex, 0, EntryLine.HEX_LEN)) {
            if (indexOf(src.peekCopy()) == p) {
                finding = new Finding(
                        Damage.INSERTED, p, "entry " + p + " was inserted: the next line carries index " + p + " too");
            } else {
                long at = Math.max(0, p - 1);
                finding = new Finding(
                        Damage.CHAIN_BROKEN,
                        at,
                        "entry " + p + " does not chain to entry " + at + ": entry " + at
                                + " was rewritten after entry " + p + " was appended");
            }
            return;
        }
        byte[] leaf = scratch.clone();
        acc.add(leaf);
        if (leafSink != null) {
            leafSink.accept(leaf);
        }
        if (entrySink != null) {
            entrySink.accept(p, b, parsed);
        }
        // Swap buffers instead of allocating: the old "before last" becomes the new "last".
        byte[] recycled = leafBeforeLastHex != null ? leafBeforeLastHex : new byte[EntryLine.HEX_LEN];
        leafBeforeLastHex = lastLeafHex;
        System.arraycopy(computedHex, 0, recycled, 0, EntryLine.HEX_LEN);
        lastLeafHex = recycled;
        validEnd = lineOffset + len + 1;
        checkExpectations();
    }

    /** Only on a damage path: may look one line ahead, which invalidates the current line's view. */
    private Finding classifyIndex(long p, long x, byte[] b, EntryLine.Parsed parsed, LineSource src)
            throws IOException {
        if (x < p && Arrays.equals(computedHex, lastLeafHex)) {
            return new Finding(
                    Damage.INSERTED, p, "entry " + x + " appears twice; the copy at position " + p + " was inserted");
        }
        boolean followsBeforeLast = x == p - 1
                && leafBeforeLastHex != null
                && EntryLine.regionEquals(b, parsed.prevOff(), leafBeforeLastHex, 0, EntryLine.HEX_LEN);
        long nextIndex = indexOf(src.peekCopy());
        if (x > p) {
            if (nextIndex == p) {
                return new Finding(
                        Damage.REORDERED, p, "entry " + x + " stands where entry " + p + " belongs, which follows it");
            }
            return new Finding(
                    Damage.MISSING,
                    p,
                    "entries " + p + (x - 1 > p ? ".." + (x - 1) : "") + " are missing: the line after entry " + (p - 1)
                            + " is entry " + x);
        }
        if (followsBeforeLast) {
            return new Finding(
                    Damage.INSERTED,
                    p - 1,
                    "the line at position " + (p - 1) + " was inserted: the next line is the genuine entry " + x
                            + " and chains to entry " + (p - 2));
        }
        if (nextIndex == p) {
            return new Finding(Damage.INSERTED, p, "a copy of entry " + x + " was inserted at position " + p);
        }
        return new Finding(Damage.REORDERED, p, "entry " + x + " appears again at position " + p);
    }

    private static long indexOf(LineSource.@Nullable Line line) {
        if (line == null || !line.terminated()) {
            return -1;
        }
        EntryLine.Parsed parsed = EntryLine.parse(line.bytes(), 0, line.bytes().length);
        return parsed == null ? -1 : parsed.index();
    }

    private void checkExpectations() {
        while (finding == null
                && nextExpectation < expectations.size()
                && expectations.get(nextExpectation).treeSize() <= acc.size()) {
            Expectation e = expectations.get(nextExpectation);
            if (e.treeSize() == acc.size()) {
                String root = Digests.hex(acc.root());
                if (!e.head()) {
                    checkpointsChecked++;
                }
                if (!root.equals(e.rootHex())) {
                    finding = new Finding(
                            Damage.CHECKPOINT_MISMATCH,
                            lastMatchedCheckpointSize,
                            "root at size " + e.treeSize() + " is " + root
                                    + " but " + (e.head() ? "the log's head file records " : "the checkpoint signed ")
                                    + e.rootHex()
                                    + ": an entry in " + lastMatchedCheckpointSize + ".." + (e.treeSize() - 1)
                                    + " was rewritten");
                    return;
                }
                if (!e.head()) {
                    lastMatchedCheckpointSize = e.treeSize(); // an unsigned head proves nothing about a rewrite
                }
            }
            nextExpectation++;
        }
    }

    private static boolean isLineStart(byte[] torn) {
        int n = Math.min(torn.length, LINE_START.length);
        return Arrays.equals(torn, 0, n, LINE_START, 0, n);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static void hexInto(byte[] hash, byte[] out) {
        final byte[] digits = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};
        for (int i = 0; i < hash.length; i++) {
            out[2 * i] = digits[(hash[i] >> 4) & 0xF];
            out[2 * i + 1] = digits[hash[i] & 0xF];
        }
    }

    MerkleAccumulator accumulator() {
        return acc;
    }

    byte[] lastLeafHex() {
        return lastLeafHex;
    }

    long validEnd() {
        return validEnd;
    }

    @Nullable
    Finding finding() {
        return finding;
    }

    LineSource.@Nullable Line torn() {
        return torn;
    }

    int checkpointsChecked() {
        return checkpointsChecked;
    }
}
