package io.clituner.provenance.audit;

import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import io.clituner.core.hash.Digests;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log file as one {@link AuditLog} instance knows it: the Merkle state over the entries read or
 * written so far, the last leaf, where the valid data ends, and the torn tails it cut off. It reads
 * (and verifies) what other writers appended, recovers on open, frames and writes a batch, and undoes
 * a batch that did not become durable. Every method runs under the owning log's process and file locks.
 */
final class LogFileState {
    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);

    private final Path file;
    private final FileChannel channel;
    /** The {@link LogHead}, rewritten after every durable batch. */
    private final FileChannel headChannel;

    private final Map<String, PublicKey> checkpointKeys;
    private final List<TornTail> repairs = new ArrayList<>();

    // An empty log until recover() has read the file.
    private MerkleAccumulator acc = new MerkleAccumulator();
    private byte[] lastLeafHex = EntryLine.ZERO_HEX.clone();
    private long fileLength;

    LogFileState(Path file, FileChannel channel, FileChannel headChannel, Map<String, PublicKey> checkpointKeys) {
        this.file = file;
        this.channel = channel;
        this.headChannel = headChannel;
        this.checkpointKeys = checkpointKeys;
    }

    MerkleAccumulator accumulator() {
        return acc;
    }

    List<TornTail> repairs() {
        return repairs;
    }

    /**
     * Frames and hashes every event of the batch after the known end, writes them with one write and
     * makes them durable with {@code sync}; on failure forgets the batch (in memory and on disk).
     *
     * @return the index of each batch element's first entry
     */
    long[] write(List<GroupCommitter.Pending> batch, ByteArrayOutputStream out, AuditLog.Sync sync) {
        MerkleAccumulator accBefore = acc.copy();
        byte[] leafBefore = lastLeafHex;
        long[] firstIndex = new long[batch.size()];
        int events = 0;
        long end;
        try {
            out.reset();
            for (int i = 0; i < batch.size(); i++) {
                firstIndex[i] = acc.size();
                for (byte[] eventJson : batch.get(i).events) {
                    byte[] entry = EntryLine.entry(eventJson, acc.size(), lastLeafHex);
                    byte[] leaf = Rfc6962.leafHash(entry);
                    byte[] leafHex = EntryLine.hex(leaf);
                    EntryLine.writeLine(out, entry, leafHex);
                    acc.add(leaf);
                    lastLeafHex = leafHex;
                    events++;
                }
            }
            ByteBuffer bb = ByteBuffer.wrap(out.toByteArray());
            end = fileLength;
            while (bb.hasRemaining()) {
                end += channel.write(bb, end);
            }
            sync.force(channel);
        } catch (IOException e) {
            rollBack(accBefore, leafBefore);
            throw new CliTunerException(
                    ErrorCode.AUDIT_IO,
                    "cannot write audit log " + file + ": " + e.getMessage() + "; " + events + " event(s) not recorded",
                    e);
        } catch (RuntimeException | Error e) {
            rollBack(accBefore, leafBefore);
            throw e;
        }
        fileLength = end;
        return firstIndex;
    }

    /** Forgets a batch that was not made durable: in memory, and on disk as far as it got written. */
    private void rollBack(MerkleAccumulator accBefore, byte[] leafBefore) {
        acc = accBefore;
        lastLeafHex = leafBefore;
        truncateQuietly(fileLength);
    }

    /** Reads (and verifies) what other processes appended since our last write; repairs a torn tail. */
    void catchUp() {
        long actual;
        try {
            actual = channel.size();
        } catch (IOException e) {
            throw new CliTunerException(ErrorCode.AUDIT_IO, "cannot stat audit log " + file + ": " + e.getMessage(), e);
        }
        if (actual == fileLength) {
            return;
        }
        if (actual < fileLength) {
            VerifyReport r = rescanAgainst(new LogScanner.Expectation(acc.size(), Digests.hex(acc.root())));
            throw new AuditTamperedException(
                    file.toString(),
                    r.intact()
                            ? new VerifyReport(
                                    r.entries(),
                                    r.rootHash(),
                                    Damage.ROLLED_BACK,
                                    r.entries(),
                                    "log shrank from " + fileLength + " to " + actual + " bytes while open",
                                    0,
                                    false)
                            : r);
        }
        LogScanner s = new LogScanner(acc, lastLeafHex, fileLength, List.of());
        try {
            s.scan(channel, fileLength, actual);
        } catch (IOException e) {
            throw new CliTunerException(ErrorCode.AUDIT_IO, "cannot read audit log " + file + ": " + e.getMessage(), e);
        }
        lastLeafHex = s.lastLeafHex();
        fileLength = s.validEnd();
        LogScanner.Finding f = s.finding();
        if (f != null && f.damage() == Damage.TORN_TAIL) {
            checkHeadAllowsRepair(s, readHead());
            repairTornTail(s, actual);
        } else if (f != null) {
            throw new AuditTamperedException(
                    file.toString(),
                    new VerifyReport(acc.size(), Digests.hex(acc.root()), f.damage(), f.index(), f.detail(), 0, false));
        }
    }

    private LogHead.Read readHead() {
        try {
            return LogHead.read(headChannel, LogHead.pathFor(file));
        } catch (IOException e) {
            throw new CliTunerException(
                    ErrorCode.AUDIT_IO, "cannot read the head file of audit log " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * A torn line may be cut only when it follows the last acknowledged entry: the head must exist and
     * count no more entries than are complete (the scan already reported TRUNCATED when it counts more).
     */
    private void checkHeadAllowsRepair(LogScanner s, LogHead.Read head) {
        long complete = s.accumulator().size();
        String problem = null;
        if (head.malformed()) {
            problem = head.problem();
        } else if (head.state().isEmpty()) {
            problem = "the last line is incomplete, but the log has no head file ("
                    + LogHead.pathFor(file).getFileName()
                    + ") saying how many entries were acknowledged, so an interrupted append cannot be told from a log cut"
                    + " inside an entry; if you know it was a crash, cut the " + (fileSizeOrZero() - s.validEnd())
                    + " bytes after offset " + s.validEnd() + " yourself (truncate -s " + s.validEnd() + ")";
        } else if (head.state().get().treeSize() > complete) {
            problem = "the log's head file records " + head.state().get().treeSize() + " acknowledged entries but only "
                    + complete + " are complete";
        }
        if (problem != null) {
            throw new AuditTamperedException(
                    file.toString(),
                    new VerifyReport(
                            complete,
                            Digests.hex(s.accumulator().root()),
                            head.malformed()
                                    ? Damage.MALFORMED
                                    : head.state().isPresent() ? Damage.TRUNCATED : Damage.TORN_TAIL,
                            complete,
                            problem,
                            s.checkpointsChecked(),
                            !checkpointKeys.isEmpty()));
        }
    }

    private long fileSizeOrZero() {
        try {
            return channel.size();
        } catch (IOException e) {
            return 0;
        }
    }

    private VerifyReport rescanAgainst(LogScanner.Expectation expectation) {
        LogScanner s = new LogScanner(List.of(expectation));
        try {
            s.scan(channel, 0, channel.size());
        } catch (IOException e) {
            throw new CliTunerException(ErrorCode.AUDIT_IO, "cannot read audit log " + file + ": " + e.getMessage(), e);
        }
        LogScanner.Finding f = s.finding();
        String root = Digests.hex(s.accumulator().root());
        return VerifyReport.of(s.accumulator().size(), root, f, 1, false);
    }

    private void repairTornTail(LogScanner s, long actual) {
        long dropped = actual - s.validEnd();
        TornTail t = new TornTail(s.accumulator().size(), s.validEnd(), dropped);
        try {
            channel.truncate(s.validEnd());
            channel.force(true);
        } catch (IOException e) {
            throw new CliTunerException(
                    ErrorCode.AUDIT_IO, "cannot repair torn tail of " + file + ": " + e.getMessage(), e);
        }
        repairs.add(t);
        LOG.warn(
                "audit log {}: cut off an incomplete final line ({} bytes at offset {}, would-be entry {}); it was never acknowledged",
                file,
                t.bytes(),
                t.offset(),
                t.index());
    }

    void truncateQuietly(long length) {
        try {
            channel.truncate(length);
        } catch (IOException e) {
            LOG.error(
                    "audit log {}: cannot undo a failed write; the next open will cut the torn tail: {}",
                    file,
                    e.getMessage());
        }
    }

    /**
     * Reads and verifies the whole log on open, against the checkpoints in {@code checkpointFile} (if
     * any) and the head file; cuts a torn final line that follows the last acknowledged entry.
     *
     * @return the size of the largest checkpointed tree
     */
    long recover(@Nullable Path checkpointFile) throws IOException {
        long lastCheckpointSize = 0;
        List<LogScanner.Expectation> expectations = new ArrayList<>();
        Path checkpoints = AuditLogFile.existing(checkpointFile);
        if (checkpoints != null) {
            CheckpointFile.Contents contents = CheckpointFile.read(checkpoints, checkpointKeys);
            if (!contents.valid()) {
                throw new AuditTamperedException(
                        file.toString(),
                        new VerifyReport(
                                0,
                                Digests.hex(Rfc6962.emptyRoot()),
                                Damage.CHECKPOINT_SIGNATURE_INVALID,
                                0,
                                contents.problem(),
                                0,
                                !checkpointKeys.isEmpty()));
            }
            for (SignedCheckpoint c : contents.checkpoints()) {
                expectations.add(new LogScanner.Expectation(
                        c.checkpoint().treeSize(), c.checkpoint().rootHash()));
                lastCheckpointSize = Math.max(lastCheckpointSize, c.checkpoint().treeSize());
            }
        }
        LogHead.Read head = readHead();
        if (head.malformed()) {
            throw new AuditTamperedException(
                    file.toString(),
                    new VerifyReport(
                            0,
                            Digests.hex(Rfc6962.emptyRoot()),
                            Damage.MALFORMED,
                            0,
                            head.problem(),
                            0,
                            !checkpointKeys.isEmpty()));
        }
        head.state().ifPresent(expectations::add);
        LogScanner s = new LogScanner(expectations);
        long actual = channel.size();
        s.scan(channel, 0, actual);
        acc = s.accumulator();
        lastLeafHex = s.lastLeafHex();
        fileLength = s.validEnd();
        LogScanner.Finding f = s.finding();
        if (f != null && f.damage() == Damage.TORN_TAIL) {
            checkHeadAllowsRepair(s, head);
            repairTornTail(s, actual);
        } else if (f != null) {
            throw new AuditTamperedException(
                    file.toString(),
                    new VerifyReport(
                            acc.size(),
                            Digests.hex(acc.root()),
                            f.damage(),
                            f.index(),
                            f.detail(),
                            s.checkpointsChecked(),
                            !checkpointKeys.isEmpty()));
        }
        if (head.state().isEmpty() || head.state().get().treeSize() < acc.size()) {
            // A new log, one written before head files existed, or a writer that died between its fsync and its head
            // update: the entries read here may still be only in the page cache, so make them durable first.
            channel.force(true);
            LogHead.write(headChannel, acc);
        }
        return lastCheckpointSize;
    }

    /** Records the durable state in the head file; only ever after the log's fsync (see {@link LogHead}). */
    void writeHead() {
        try {
            LogHead.write(headChannel, acc);
        } catch (IOException e) {
            // The entries are durable; only the truncation check of this batch is weaker until the next write.
            LOG.warn("audit log {}: cannot update its head file: {}", file, e.getMessage());
        }
    }
}
