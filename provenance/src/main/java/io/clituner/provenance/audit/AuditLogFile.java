package io.clituner.provenance.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.clituner.core.egress.AuditEvent;
import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import io.clituner.core.hash.Digests;
import io.clituner.provenance.crypto.CanonicalJson;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * Read-only operations on a log file, for auditors and the CLI: verify, prove, read. They take a
 * shared file lock, so they never observe an append half-written by a live process.
 */
public final class AuditLogFile {
    private AuditLogFile() {}

    /**
     * Verifies a log, that it still holds every entry its head file ({@code LOG.head}) counts as
     * acknowledged ({@link Damage#TRUNCATED} otherwise) and, when {@code checkpointFile} is given,
     * that it is consistent with every checkpoint there (size reached, root equal). With
     * {@code trustedKeys}, checkpoint signatures must verify too; without, they are read but not
     * authenticated (the report says so).
     */
    public static VerifyReport verify(Path log, @Nullable Path checkpointFile, Map<String, PublicKey> trustedKeys) {
        return withReadChannel(log, ch -> verify(ch, log.toAbsolutePath().normalize(), checkpointFile, trustedKeys));
    }

    public static VerifyReport verify(Path log) {
        return verify(log, null, Map.of());
    }

    public static InclusionProof inclusionProof(Path log, long index) {
        return withReadChannel(log, ch -> inclusionProof(ch, index, -1));
    }

    public static InclusionProof inclusionProof(Path log, long index, long treeSize) {
        return withReadChannel(log, ch -> inclusionProof(ch, index, treeSize));
    }

    public static ConsistencyProof consistencyProof(Path log, long oldSize, long newSize) {
        return withReadChannel(log, ch -> consistencyProof(ch, oldSize, newSize));
    }

    public static AuditEntry entry(Path log, long index) {
        return withReadChannel(log, ch -> entry(ch, index));
    }

    /**
     * Streams every verified entry to {@code consumer}, in order, and returns the verification
     * report (reading stops at the first damage).
     */
    public static VerifyReport forEach(Path log, java.util.function.Consumer<AuditEntry> consumer) {
        return withReadChannel(log, ch -> {
            LogScanner scanner = new LogScanner(List.of())
                    .onEntry((i, line, parsed) -> consumer.accept(parseEntry(i, line, parsed)));
            scanner.scan(ch, 0, ch.size());
            LogScanner.Finding f = scanner.finding();
            String root = Digests.hex(scanner.accumulator().root());
            long n = scanner.accumulator().size();
            return VerifyReport.of(n, root, f, 0, false);
        });
    }

    // ---- shared with AuditLog, which calls these on its own channel under its locks ----

    static VerifyReport verify(
            FileChannel ch, Path log, @Nullable Path checkpointFile, Map<String, PublicKey> trustedKeys)
            throws IOException {
        boolean signed = trustedKeys != null && !trustedKeys.isEmpty();
        List<LogScanner.Expectation> expectations = new ArrayList<>();
        LogHead.Read head = LogHead.read(LogHead.pathFor(log));
        if (head.malformed()) {
            return new VerifyReport(
                    0, Digests.hex(Rfc6962.emptyRoot()), Damage.MALFORMED, 0, head.problem(), 0, signed);
        }
        head.state().ifPresent(expectations::add);
        if (checkpointFile != null) {
            CheckpointFile.Contents contents = CheckpointFile.read(checkpointFile, trustedKeys);
            if (!contents.valid()) {
                return new VerifyReport(
                        0,
                        Digests.hex(Rfc6962.emptyRoot()),
                        Damage.CHECKPOINT_SIGNATURE_INVALID,
                        0,
                        contents.problem(),
                        0,
                        signed);
            }
            for (SignedCheckpoint c : contents.checkpoints()) {
                expectations.add(new LogScanner.Expectation(
                        c.checkpoint().treeSize(), c.checkpoint().rootHash()));
            }
        }
        LogScanner scanner = new LogScanner(expectations);
        scanner.scan(ch, 0, ch.size());
        LogScanner.Finding f = scanner.finding();
        String root = Digests.hex(scanner.accumulator().root());
        long n = scanner.accumulator().size();
        return VerifyReport.of(n, root, f, scanner.checkpointsChecked(), signed);
    }

    static List<byte[]> leaves(FileChannel ch) throws IOException {
        List<byte[]> leaves = new ArrayList<>();
        LogScanner scanner = new LogScanner(List.of()).onLeaf(leaves::add);
        scanner.scan(ch, 0, ch.size());
        LogScanner.Finding f = scanner.finding();
        if (f != null && f.damage().isTamper()) {
            throw new CliTunerException(
                    ErrorCode.AUDIT_TAMPERED,
                    "cannot prove over a damaged log: " + f.damage() + " at entry " + f.index() + ": " + f.detail());
        }
        return leaves;
    }

    static InclusionProof inclusionProof(FileChannel ch, long index, long treeSize) throws IOException {
        MerkleTree tree = new MerkleTree(leaves(ch));
        long size = treeSize < 0 ? tree.size() : treeSize;
        if (index < 0 || index >= size || size > tree.size()) {
            throw new CliTunerException(
                    ErrorCode.INVALID_REQUEST,
                    "no entry " + index + " in a tree of size " + size + " (the log has " + tree.size() + " entries)");
        }
        int i = (int) index;
        int s = (int) size;
        return InclusionProof.of(index, size, tree.leafHash(i), tree.root(s), tree.inclusionProof(i, s));
    }

    static ConsistencyProof consistencyProof(FileChannel ch, long oldSize, long newSize) throws IOException {
        MerkleTree tree = new MerkleTree(leaves(ch));
        if (oldSize < 1 || oldSize > newSize || newSize > tree.size()) {
            throw new CliTunerException(
                    ErrorCode.INVALID_REQUEST,
                    "consistency needs 1 ≤ old (" + oldSize + ") ≤ new (" + newSize + ") ≤ log size (" + tree.size()
                            + ")");
        }
        int m = (int) oldSize;
        int n = (int) newSize;
        return ConsistencyProof.of(oldSize, newSize, tree.root(m), tree.root(n), tree.consistencyProof(m, n));
    }

    static AuditEntry entry(FileChannel ch, long index) throws IOException {
        AuditEntry[] found = new AuditEntry[1];
        LogScanner scanner = new LogScanner(List.of()).onEntry((i, line, parsed) -> {
            if (i == index) {
                found[0] = parseEntry(i, line, parsed);
            }
        });
        scanner.scan(ch, 0, ch.size());
        if (found[0] == null) {
            LogScanner.Finding f = scanner.finding();
            throw new CliTunerException(
                    f != null && f.damage().isTamper() ? ErrorCode.AUDIT_TAMPERED : ErrorCode.INVALID_REQUEST,
                    "no readable entry " + index + " (log has "
                            + scanner.accumulator().size() + " verified entries"
                            + (f != null ? "; " + f.damage() + " at " + f.index() : "") + ")");
        }
        return found[0];
    }

    static AuditEntry parseEntry(long index, byte[] line, EntryLine.Parsed parsed) {
        JsonNode event =
                CanonicalJson.parse(Arrays.copyOfRange(line, parsed.eventOff(), parsed.eventOff() + parsed.eventLen()));
        AuditEvent e = CanonicalJson.read(event, AuditEvent.class);
        String prev = new String(line, parsed.prevOff(), EntryLine.HEX_LEN, StandardCharsets.US_ASCII);
        String leaf = new String(line, parsed.leafOff(), EntryLine.HEX_LEN, StandardCharsets.US_ASCII);
        return new AuditEntry(index, e, prev, leaf);
    }

    interface ChannelOp<T> {
        T apply(FileChannel ch) throws IOException;
    }

    @SuppressWarnings("try") // the file lock is held for the block; the resource is never read
    private static <T> T withReadChannel(Path log, ChannelOp<T> op) {
        Path abs = log.toAbsolutePath().normalize();
        ReentrantLock processLock = AuditLog.processLock(abs);
        processLock.lock();
        try (FileChannel ch = FileChannel.open(abs, StandardOpenOption.READ);
                FileLock ignored = ch.lock(0, Long.MAX_VALUE, true)) {
            return op.apply(ch);
        } catch (NoSuchFileException e) {
            throw new CliTunerException(ErrorCode.AUDIT_IO, "no audit log at " + abs);
        } catch (IOException e) {
            throw new CliTunerException(ErrorCode.AUDIT_IO, "cannot read audit log " + abs + ": " + e.getMessage(), e);
        } finally {
            processLock.unlock();
        }
    }

    /** {@code p} when it names an existing file, else null. */
    static @Nullable Path existing(@Nullable Path p) {
        return p != null && Files.exists(p) ? p : null;
    }
}
