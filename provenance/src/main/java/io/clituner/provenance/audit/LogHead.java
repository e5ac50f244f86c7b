package io.clituner.provenance.audit;

import io.clituner.core.hash.Digests;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The log's acknowledged head: {@code LOG.head} beside the log, one fixed-size record
 * {@code {"size":N,"root":"HEX"}} overwritten in place after every durable batch. It is what lets
 * an open tell the one thing a crash can leave — a single partial record after the last
 * acknowledged entry — from a log cut short: when the log holds fewer complete entries than the
 * head, acknowledged entries are gone, and that is damage, never repaired.
 *
 * <p>Ordering keeps it honest under crashes: the head is written only after the log's fsync, so it
 * never counts an entry that is not durable; it is not synced itself (a stale, lower head after a
 * power loss only makes the check weaker for the last batch). It is not signed: a deliberate
 * attacker who also rewrites the head is caught only by signed checkpoints.
 */
final class LogHead {
    /** Fixed record size: the JSON, padded with spaces, then a newline; rewritten in place at offset 0. */
    static final int RECORD = 128;

    private static final Pattern FORMAT =
            Pattern.compile("\\{\"size\":(\\d{1,18}),\"root\":\"([0-9a-f]{64})\"\\} *\n?");

    /** What a head file held: nothing (absent, empty, or zeros a crash left behind), a state, or garbage. */
    record Read(
            Optional<LogScanner.Expectation> state,
            @Nullable String problem) {
        static Read absent() {
            return new Read(Optional.empty(), null);
        }

        boolean malformed() {
            return problem != null;
        }
    }

    private LogHead() {}

    static Path pathFor(Path log) {
        return log.resolveSibling(log.getFileName() + ".head");
    }

    static Read read(Path head) throws IOException {
        try {
            return parse(Files.readAllBytes(head), head);
        } catch (NoSuchFileException e) {
            return Read.absent();
        }
    }

    static Read read(FileChannel head, Path name) throws IOException {
        ByteBuffer b = ByteBuffer.allocate((int) Math.min(head.size(), 4096));
        while (b.hasRemaining() && head.read(b, b.position()) >= 0) {
            // positional reads until full
        }
        return parse(Arrays.copyOf(b.array(), b.position()), name);
    }

    private static Read parse(byte[] bytes, Path name) {
        boolean blank = true;
        for (byte x : bytes) {
            blank &= x == 0;
        }
        if (blank) {
            return Read.absent();
        }
        Matcher m = FORMAT.matcher(new String(bytes, StandardCharsets.US_ASCII));
        if (!m.matches()) {
            return new Read(Optional.empty(), "head file " + name + " is not a head record");
        }
        return new Read(Optional.of(new LogScanner.Expectation(Long.parseLong(m.group(1)), m.group(2), true)), null);
    }

    static void write(FileChannel head, MerkleAccumulator acc) throws IOException {
        String json = "{\"size\":" + acc.size() + ",\"root\":\"" + Digests.hex(acc.root()) + "\"}";
        byte[] record = new byte[RECORD];
        Arrays.fill(record, (byte) ' ');
        byte[] j = json.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(j, 0, record, 0, j.length);
        record[RECORD - 1] = '\n';
        ByteBuffer bb = ByteBuffer.wrap(record);
        long at = 0;
        while (bb.hasRemaining()) {
            at += head.write(bb, at);
        }
    }

    static FileChannel open(Path log) throws IOException {
        return FileChannel.open(
                pathFor(log), StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }
}
