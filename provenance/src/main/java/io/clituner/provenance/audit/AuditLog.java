package io.clituner.provenance.audit;

import io.clituner.core.egress.AuditEvent;
import io.clituner.core.egress.AuditSink;
import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import io.clituner.core.hash.Digests;
import io.clituner.provenance.crypto.CanonicalJson;
import io.clituner.provenance.crypto.KeyIds;
import io.clituner.provenance.crypto.Signer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.PublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link AuditSink}: an append-only JSONL file whose entries are the leaves of an
 * RFC 6962 Merkle tree, with signed checkpoints kept in a separate file.
 *
 * <p>Durability: {@link #append} returns only after the entry is written and {@code force(true)}
 * has returned. Callers serialize their event in parallel, then queue it; one committer thread
 * per instance writes everything queued with one write and one sync and wakes those callers
 * (group commit, see {@link GroupCommitter}), so one fsync acknowledges many events.
 *
 * <p>Concurrency: an in-process lock per file plus an exclusive {@link FileLock}, both held for
 * one batch (catch up, write, sync), so several threads, instances and JVMs may append to one log.
 * Before writing, a process reads whatever others appended since its last write, verifying it as
 * it goes.
 *
 * <p>Crash safety: on open (and on catching up), a single incomplete final line after the last
 * acknowledged entry — the one append that was never acknowledged — is cut off and reported in
 * {@link #repairs()}. The acknowledged size is kept in a {@link LogHead} file beside the log
 * ({@code LOG.head}); a log with fewer complete entries than that was cut, not crashed
 * ({@link Damage#TRUNCATED}). That and any other damage throws {@link AuditTamperedException}
 * and changes nothing on disk.
 */
public final class AuditLog implements AuditSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    private static final ConcurrentHashMap<Path, ReentrantLock> PROCESS_LOCKS = new ConcurrentHashMap<>();

    private final Path file;
    private final @Nullable Path checkpointFile;
    private final @Nullable Signer checkpointSigner;
    private final Map<String, PublicKey> checkpointKeys;
    private final long checkpointEvery;
    private final String origin;
    private final Clock clock;
    private final FileChannel channel;
    private final FileChannel headChannel;
    private final Sync sync;
    private final ReentrantLock lock;
    private final GroupCommitter committer;

    // Guarded by lock.
    private final LogFileState state;
    private long lastCheckpointSize;
    private long commits;
    private boolean closed;
    /** The batch's lines; reused so that a commit allocates no buffer (committer thread, under lock). */
    private final ByteArrayOutputStream batchBytes = new ByteArrayOutputStream(8192);

    /** How a written batch is made durable; a seam so that tests can make the sync fail. */
    interface Sync {
        void force(FileChannel channel) throws IOException;
    }

    /**
     * {@code force(true)} (fsync). Measured against {@code force(false)} (fdatasync, which for an
     * appending file must flush the size too) on ext4 here: no difference within the noise, so the
     * stronger call stays.
     */
    static final Sync FSYNC = ch -> ch.force(true);

    private AuditLog(Builder b, FileChannel channel, FileChannel headChannel) {
        this.file = b.file;
        this.checkpointFile = b.checkpointFile;
        this.checkpointSigner = b.checkpointSigner;
        this.checkpointKeys = b.trustedKeys();
        this.checkpointEvery = b.checkpointEvery;
        this.origin = b.origin != null ? b.origin : b.file.getFileName().toString();
        this.clock = b.clock;
        this.channel = channel;
        this.headChannel = headChannel;
        this.sync = b.sync;
        this.lock = processLock(b.file);
        this.state = new LogFileState(file, channel, headChannel, checkpointKeys);
        // Last: Thread.start() publishes the fields above to the committer, which touches the rest under lock.
        this.committer = new GroupCommitter(file.getFileName().toString(), this::commitBatch);
    }

    /** Opens (creating if absent) a log with no checkpoints. */
    public static AuditLog open(Path file) {
        return builder(file).open();
    }

    public static Builder builder(Path file) {
        return new Builder(file);
    }

    static ReentrantLock processLock(Path absolute) {
        Path key = absolute;
        try {
            key = absolute.toRealPath();
        } catch (IOException e) {
            // not created yet: the normalized absolute path is the best key we have
        }
        return PROCESS_LOCKS.computeIfAbsent(key, k -> new ReentrantLock());
    }

    /** Appends durably; see the class comment. Throws AUDIT_IO or AUDIT_TAMPERED on failure. */
    @Override
    public void append(AuditEvent event) {
        appendEntry(event);
    }

    /** Appends durably and returns the entry's index. */
    public long appendEntry(AuditEvent event) {
        if (event == null) {
            throw new CliTunerException(ErrorCode.INVALID_REQUEST, "no audit event given");
        }
        // Serialized on the caller's thread so that concurrent appenders do this work in parallel.
        return committer.submit(new byte[][] {CanonicalJson.write(event)});
    }

    /**
     * Appends several events as one durable write (one fsync), in list order, contiguous in the
     * log. For imports and bursts; returns the index of the first.
     */
    public long appendAll(List<AuditEvent> events) {
        if (events == null || events.isEmpty() || events.stream().anyMatch(java.util.Objects::isNull)) {
            throw new CliTunerException(
                    ErrorCode.INVALID_REQUEST, "appendAll needs a non-empty list of events without nulls");
        }
        byte[][] json = new byte[events.size()][];
        for (int i = 0; i < json.length; i++) {
            json[i] = CanonicalJson.write(events.get(i));
        }
        return committer.submit(json);
    }

    /**
     * One group commit, on the committer thread: under the process lock and the file lock, catch up
     * with other writers, frame and hash every entry, one write, one sync. Framing and hashing need
     * the entry's index and its predecessor's leaf, so they cannot move out of the lock; they cost
     * about 1 µs per entry against about 200 µs for the sync (measured), so that is no loss.
     */
    private void commitBatch(List<GroupCommitter.Pending> batch) {
        lock.lock();
        try {
            if (closed) {
                failAll(batch, new CliTunerException(ErrorCode.AUDIT_IO, "audit log " + file + " is closed"));
                return;
            }
            FileLock fileLock;
            try {
                fileLock = channel.lock();
            } catch (IOException e) {
                failAll(
                        batch,
                        new CliTunerException(
                                ErrorCode.AUDIT_LOCKED, "cannot lock audit log " + file + ": " + e.getMessage(), e));
                return;
            }
            try {
                state.catchUp();
                writeAndSync(batch);
            } catch (CliTunerException e) {
                failAll(batch, e);
            } finally {
                try {
                    fileLock.release();
                } catch (IOException e) {
                    LOG.warn("cannot release lock on {}: {}", file, e.getMessage());
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private void writeAndSync(List<GroupCommitter.Pending> batch) {
        // Indices reach the callers only once the sync succeeded: a caller with an index is durable.
        long[] firstIndex = state.write(batch, batchBytes, sync);
        commits++;
        state.writeHead();
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).firstIndex = firstIndex[i];
        }
        Signer signer = checkpointSigner;
        Path cpFile = checkpointFile;
        if (signer != null
                && cpFile != null
                && checkpointEvery > 0
                && state.accumulator().size() - lastCheckpointSize >= checkpointEvery) {
            try {
                writeCheckpoint(signer, cpFile);
            } catch (CliTunerException e) {
                // The events are durable; a missed checkpoint is retried on the next commit.
                LOG.warn("audit checkpoint for {} failed: {}", file, e.getMessage());
            }
        }
    }

    private static void failAll(List<GroupCommitter.Pending> batch, CliTunerException e) {
        for (GroupCommitter.Pending q : batch) {
            q.failure = e;
        }
    }

    /** Signs and stores a checkpoint of the current state (requires a checkpoint signer and file). */
    @SuppressWarnings("try") // the file lock is held for the block; the resource is never read
    public SignedCheckpoint checkpoint() {
        Signer signer = checkpointSigner;
        Path cpFile = checkpointFile;
        if (signer == null || cpFile == null) {
            throw new CliTunerException(
                    ErrorCode.CONFIGURATION,
                    "audit log " + file + " has no checkpoint signer or checkpoint file; set both on the builder");
        }
        lock.lock();
        try {
            ensureOpen();
            try (FileLock ignored = channel.lock()) {
                state.catchUp();
                return writeCheckpoint(signer, cpFile);
            }
        } catch (IOException e) {
            throw new CliTunerException(
                    ErrorCode.AUDIT_LOCKED, "cannot lock audit log " + file + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    private SignedCheckpoint writeCheckpoint(Signer signer, Path cpFile) {
        Checkpoint cp = new Checkpoint(
                origin,
                state.accumulator().size(),
                Digests.hex(state.accumulator().root()),
                clock.instant());
        SignedCheckpoint signed = CheckpointFile.sign(cp, signer);
        CheckpointFile.append(cpFile, signed);
        lastCheckpointSize = cp.treeSize();
        return signed;
    }

    /** Verifies the whole log against the configured checkpoint file (if any). */
    public VerifyReport verify() {
        return withChannel(ch -> AuditLogFile.verify(ch, file, AuditLogFile.existing(checkpointFile), checkpointKeys));
    }

    public InclusionProof inclusionProof(long index) {
        return withChannel(ch -> AuditLogFile.inclusionProof(ch, index, -1));
    }

    public InclusionProof inclusionProof(long index, long treeSize) {
        return withChannel(ch -> AuditLogFile.inclusionProof(ch, index, treeSize));
    }

    public ConsistencyProof consistencyProof(long oldSize, long newSize) {
        return withChannel(ch -> AuditLogFile.consistencyProof(ch, oldSize, newSize));
    }

    public AuditEntry read(long index) {
        return withChannel(ch -> AuditLogFile.entry(ch, index));
    }

    @SuppressWarnings("try") // the file lock is held for the block; the resource is never read
    private <T> T withChannel(AuditLogFile.ChannelOp<T> op) {
        lock.lock();
        try {
            ensureOpen();
            try (FileLock ignored = channel.lock()) {
                state.catchUp();
                return op.apply(channel);
            }
        } catch (IOException e) {
            throw new CliTunerException(ErrorCode.AUDIT_IO, "cannot read audit log " + file + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /** Entries this process knows of (as of its last write or read). */
    public long size() {
        lock.lock();
        try {
            return state.accumulator().size();
        } finally {
            lock.unlock();
        }
    }

    /** Root hash (hex) over {@link #size()} entries. */
    public String rootHash() {
        lock.lock();
        try {
            return Digests.hex(state.accumulator().root());
        } finally {
            lock.unlock();
        }
    }

    /** Torn tails cut off by this instance (on open or when catching up after another process crashed). */
    public List<TornTail> repairs() {
        lock.lock();
        try {
            return List.copyOf(state.repairs());
        } finally {
            lock.unlock();
        }
    }

    /** How many write+fsync rounds this instance performed; appends / commits is the group-commit factor. */
    public long commits() {
        lock.lock();
        try {
            return commits;
        } finally {
            lock.unlock();
        }
    }

    /** Appends queued for the next group commit. */
    int queuedAppends() {
        return committer.queued();
    }

    public Path file() {
        return file;
    }

    private void ensureOpen() {
        if (closed) {
            throw new CliTunerException(ErrorCode.AUDIT_IO, "audit log " + file + " is closed");
        }
    }

    /** Writes what callers already queued, stops the committer, closes the file. Later appends fail with AUDIT_IO. */
    @Override
    public void close() {
        committer.close();
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            try {
                headChannel.close();
            } finally {
                channel.close();
            }
        } catch (IOException e) {
            throw new CliTunerException(
                    ErrorCode.AUDIT_IO, "cannot close audit log " + file + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "AuditLog[" + file + "]";
    }

    /** Options for opening a log. */
    public static final class Builder {
        private final Path file;
        private @Nullable Path checkpointFile;
        private @Nullable Signer checkpointSigner;
        private final List<PublicKey> checkpointKeys = new ArrayList<>();
        private long checkpointEvery;
        private @Nullable String origin;
        private Clock clock = Clock.systemUTC();
        private Sync sync = FSYNC;

        private Builder(Path file) {
            if (file == null) {
                throw new CliTunerException(ErrorCode.CONFIGURATION, "an audit log needs a file path");
            }
            this.file = file.toAbsolutePath().normalize();
        }

        /** Where signed checkpoints go; keep it on other storage than the log if you can. */
        public Builder checkpointFile(Path checkpointFile) {
            this.checkpointFile = checkpointFile.toAbsolutePath().normalize();
            return this;
        }

        /** Signs checkpoints; its public key is also trusted when reading them back. */
        public Builder checkpointSigner(Signer signer) {
            this.checkpointSigner = signer;
            return this;
        }

        /** Also trust checkpoints signed by this key (e.g. a rotated-out one). */
        public Builder trustCheckpointKey(PublicKey key) {
            this.checkpointKeys.add(key);
            return this;
        }

        /** Write a checkpoint automatically once this many entries were appended since the last one (0 = never). */
        public Builder checkpointEvery(long entries) {
            if (entries < 0) {
                throw new CliTunerException(ErrorCode.CONFIGURATION, "checkpointEvery must be ≥ 0, got " + entries);
            }
            this.checkpointEvery = entries;
            return this;
        }

        /** The log's name inside checkpoints (default: the file name). */
        public Builder origin(String origin) {
            this.origin = origin;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Tests only: how batches are made durable. */
        Builder sync(Sync sync) {
            this.sync = sync;
            return this;
        }

        private Map<String, PublicKey> trustedKeys() {
            Map<String, PublicKey> m = new HashMap<>();
            if (checkpointSigner != null) {
                m.put(checkpointSigner.keyId(), checkpointSigner.publicKey());
            }
            for (PublicKey k : checkpointKeys) {
                m.put(KeyIds.of(k), k);
            }
            return Map.copyOf(m);
        }

        /**
         * Opens the log: verifies it (against the checkpoints, if any), cuts off a torn final line,
         * and throws {@link AuditTamperedException} on any other damage.
         */
        @SuppressWarnings("try") // the file lock is held for the block; the resource is never read
        public AuditLog open() {
            if (checkpointEvery > 0 && (checkpointSigner == null || checkpointFile == null)) {
                throw new CliTunerException(
                        ErrorCode.CONFIGURATION,
                        "checkpointEvery(" + checkpointEvery + ") on audit log " + file
                                + " needs a checkpoint signer and a checkpoint file; set both on the builder");
            }
            FileChannel ch;
            FileChannel head;
            try {
                Path parent = file.getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                ch = FileChannel.open(
                        file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            } catch (IOException e) {
                throw new CliTunerException(
                        ErrorCode.AUDIT_IO, "cannot open audit log " + file + ": " + e.getMessage(), e);
            }
            try {
                head = LogHead.open(file);
            } catch (IOException e) {
                try {
                    ch.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw new CliTunerException(
                        ErrorCode.AUDIT_IO,
                        "cannot open the head file of audit log " + file + ": " + e.getMessage(),
                        e);
            }
            AuditLog log = new AuditLog(this, ch, head);
            log.lock.lock();
            try (FileLock ignored = ch.lock()) {
                log.lastCheckpointSize = log.state.recover(log.checkpointFile);
            } catch (IOException e) {
                closeQuietly(log, ch);
                throw new CliTunerException(
                        ErrorCode.AUDIT_IO, "cannot read audit log " + file + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                closeQuietly(log, ch);
                throw e;
            } finally {
                log.lock.unlock();
            }
            return log;
        }

        private static void closeQuietly(AuditLog log, FileChannel ch) {
            log.committer.close();
            try {
                log.headChannel.close();
                ch.close();
            } catch (IOException e) {
                LOG.debug("close after failed open: {}", e.getMessage());
            }
        }
    }
}
