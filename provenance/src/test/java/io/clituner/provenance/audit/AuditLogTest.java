package io.clituner.provenance.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.core.egress.AuditEvent;
import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import io.clituner.provenance.crypto.Ed25519Signer;
import io.clituner.provenance.crypto.Signer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AuditLogTest {
    private static final int N = 20;

    @TempDir
    Path dir;

    static AuditEvent event(int i) {
        return new AuditEvent(
                "generation.returned",
                "pipeline",
                Instant.parse("2026-11-23T10:00:00Z").plusMillis(i),
                Map.of("seq", Integer.toString(i), "requestId", "req-" + i, "outcome", "RETURNED"));
    }

    private Path writeLog(int n) {
        Path log = dir.resolve("audit.jsonl");
        try (AuditLog a = AuditLog.open(log)) {
            for (int i = 0; i < n; i++) {
                assertEquals(i, a.appendEntry(event(i)));
            }
        }
        return log;
    }

    private static List<String> lines(Path log) throws IOException {
        return new ArrayList<>(Files.readAllLines(log, StandardCharsets.UTF_8));
    }

    private static void rewrite(Path log, List<String> lines) throws IOException {
        Files.writeString(log, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    @Test
    void appendsVerifyAndReadBack() {
        Path log = writeLog(N);
        VerifyReport r = AuditLogFile.verify(log);
        assertTrue(r.intact(), String.valueOf(r));
        assertEquals(N, r.entries());
        AuditEntry e = AuditLogFile.entry(log, 7);
        assertEquals(event(7), e.event());
        try (AuditLog a = AuditLog.open(log)) {
            assertEquals(N, a.size());
            assertEquals(r.rootHash(), a.rootHash());
            assertEquals(N, a.appendEntry(event(N)));
            assertTrue(a.verify().intact());
        }
    }

    static Stream<Arguments> tamperings() {
        return Stream.of(
                Arguments.of("one edited byte in an event", Damage.EDITED, 5, (UnaryOperator<List<String>>)
                        l -> set(l, 5, l.get(5).replace("req-5", "req-X"))),
                Arguments.of("one edited byte in a leaf hash", Damage.EDITED, 3, (UnaryOperator<List<String>>) l ->
                        set(l, 3, flipHexAt(l.get(3), l.get(3).length() - 10))),
                Arguments.of("one edited byte in a chain link", Damage.EDITED, 9, (UnaryOperator<List<String>>) l ->
                        set(l, 9, flipHexAt(l.get(9), l.get(9).indexOf("\"prev\":\"") + 12))),
                Arguments.of("a broken line", Damage.MALFORMED, 4, (UnaryOperator<List<String>>)
                        l -> set(l, 4, l.get(4).substring(0, 40))),
                Arguments.of("a deleted entry", Damage.MISSING, 6, (UnaryOperator<List<String>>) l -> remove(l, 6)),
                Arguments.of(
                        "the first entry deleted", Damage.MISSING, 0, (UnaryOperator<List<String>>) l -> remove(l, 0)),
                Arguments.of("two swapped entries", Damage.REORDERED, 11, (UnaryOperator<List<String>>)
                        l -> swap(l, 11, 12)),
                Arguments.of("the last two swapped", Damage.REORDERED, N - 2, (UnaryOperator<List<String>>)
                        l -> swap(l, N - 2, N - 1)),
                Arguments.of("a duplicated entry", Damage.INSERTED, 8, (UnaryOperator<List<String>>)
                        l -> insert(l, 8, l.get(7))),
                Arguments.of("an old entry replayed", Damage.INSERTED, 15, (UnaryOperator<List<String>>)
                        l -> insert(l, 15, l.get(2))),
                Arguments.of("an entry replayed at the end", Damage.REORDERED, N, (UnaryOperator<List<String>>)
                        l -> insert(l, N, l.get(4))));
    }

    @ParameterizedTest(name = "{0} -> {1} at {2}")
    @MethodSource("tamperings")
    void tamperingIsDetectedAtTheRightIndex(String what, Damage damage, int index, UnaryOperator<List<String>> change)
            throws IOException {
        Path log = writeLog(N);
        rewrite(log, change.apply(lines(log)));
        VerifyReport r = AuditLogFile.verify(log);
        assertEquals(damage, r.damage(), r.detail());
        assertEquals(index, r.firstBadIndex(), r.detail());
        assertTrue(r.damage().isTamper());
        AuditTamperedException e = assertThrows(AuditTamperedException.class, () -> AuditLog.open(log));
        assertEquals(ErrorCode.AUDIT_TAMPERED, e.code());
        assertEquals(index, e.report().firstBadIndex());
    }

    @Test
    void aForgedInsertionWithValidHashesIsPinnedToItsPosition() throws IOException {
        // Build the forgery with the log's own code: a 6-entry log whose entry 5 is not in the real one.
        Path real = writeLog(N);
        Path forgedDir = Files.createDirectory(dir.resolve("forged"));
        Path forged = forgedDir.resolve("audit.jsonl");
        try (AuditLog a = AuditLog.open(forged)) {
            for (int i = 0; i < 5; i++) {
                a.append(event(i));
            }
            a.append(new AuditEvent("registry.promote", "attacker", Instant.EPOCH, Map.of()));
        }
        List<String> l = lines(real);
        l.add(5, lines(forged).get(5));
        rewrite(real, l);
        VerifyReport r = AuditLogFile.verify(real);
        assertEquals(Damage.INSERTED, r.damage(), r.detail());
        assertEquals(5, r.firstBadIndex());
    }

    @Test
    void aRewrittenEntryWithARecomputedLeafBreaksTheChain() throws IOException {
        Path real = writeLog(N);
        Path other = Files.createDirectory(dir.resolve("other")).resolve("audit.jsonl");
        try (AuditLog a = AuditLog.open(other)) {
            for (int i = 0; i < 12; i++) {
                a.append(
                        i == 10
                                ? new AuditEvent("generation.returned", "pipeline", Instant.EPOCH, Map.of("seq", "10"))
                                : event(i));
            }
        }
        List<String> l = lines(real);
        l.set(10, lines(other).get(10));
        rewrite(real, l);
        VerifyReport r = AuditLogFile.verify(real);
        assertEquals(Damage.CHAIN_BROKEN, r.damage(), r.detail());
        assertEquals(10, r.firstBadIndex());
    }

    @Test
    void aTornTailIsReportedThenCutOffOnOpen() throws IOException {
        Path log = writeLog(5);
        long goodLength = Files.size(log);
        String sixth = "{\"entry\":{\"event\":{\"actor\":\"pipeline\",\"attr";
        Files.writeString(log, sixth, java.nio.file.StandardOpenOption.APPEND);
        VerifyReport r = AuditLogFile.verify(log);
        assertEquals(Damage.TORN_TAIL, r.damage());
        assertEquals(5, r.firstBadIndex());
        assertFalse(r.damage().isTamper());
        assertTrue(r.untampered());
        try (AuditLog a = AuditLog.open(log)) {
            assertEquals(List.of(new TornTail(5, goodLength, sixth.length())), a.repairs());
            assertEquals(goodLength, Files.size(log));
            assertEquals(5, a.appendEntry(event(5)));
        }
        assertTrue(AuditLogFile.verify(log).intact());
    }

    @Test
    void truncationInsideTheLogIsTamperingNotATornTail() throws IOException {
        Path log = writeLog(N);
        List<String> l = lines(log);
        String cut = String.join("\n", l.subList(0, 9)) + "\n" + l.get(9).substring(0, 50) + "\n"
                + String.join("\n", l.subList(10, N)) + "\n";
        Files.writeString(log, cut);
        VerifyReport r = AuditLogFile.verify(log);
        assertEquals(Damage.MALFORMED, r.damage());
        assertEquals(9, r.firstBadIndex());
    }

    /** 1,000 acknowledged entries, cut inside entry 437: the tail looks torn, but 563 acknowledged entries are gone. */
    @Test
    void aLogCutInsideAnEarlierEntryIsRefusedNotRepaired() throws IOException {
        Path log = dir.resolve("audit.jsonl");
        try (AuditLog a = AuditLog.open(log)) {
            List<AuditEvent> events = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                events.add(event(i));
            }
            a.appendAll(events);
        }
        List<String> l = lines(log);
        String cut = String.join("\n", l.subList(0, 437)) + "\n"
                + l.get(437).substring(0, l.get(437).length() / 2);
        Files.writeString(log, cut, StandardCharsets.UTF_8);
        long size = Files.size(log);

        VerifyReport r = AuditLogFile.verify(log);
        assertEquals(Damage.TRUNCATED, r.damage(), r.detail());
        assertTrue(r.damage().isTamper());
        assertFalse(r.untampered());
        assertEquals(437, r.firstBadIndex());
        assertEquals(437, r.entries());
        assertTrue(r.detail().contains("1000 acknowledged entries"), r.detail());

        AuditTamperedException e = assertThrows(AuditTamperedException.class, () -> AuditLog.open(log));
        assertEquals(ErrorCode.AUDIT_TAMPERED, e.code());
        assertEquals(Damage.TRUNCATED, e.report().damage());
        assertEquals(437, e.report().firstBadIndex());
        assertEquals(size, Files.size(log), "nothing is cut from a damaged log: it is evidence");
        assertEquals(Damage.TRUNCATED, AuditLogFile.verify(log).damage(), "and it stays reported");
    }

    @Test
    void aWriterCatchingUpRefusesALogCutInsideAnotherWritersEntries() throws IOException {
        Path log = writeLog(5);
        try (AuditLog early = AuditLog.open(log)) {
            try (AuditLog other = AuditLog.open(log)) {
                for (int i = 5; i < 60; i++) {
                    other.append(event(i));
                }
            }
            List<String> l = lines(log);
            Files.writeString(
                    log,
                    String.join("\n", l.subList(0, 37)) + "\n" + l.get(37).substring(0, 40),
                    StandardCharsets.UTF_8);
            AuditTamperedException e = assertThrows(AuditTamperedException.class, () -> early.append(event(60)));
            assertEquals(Damage.TRUNCATED, e.report().damage(), e.getMessage());
            assertEquals(37, e.report().firstBadIndex());
        }
    }

    @Test
    void aLogCutBetweenEntriesIsTruncatedToo() throws IOException {
        Path log = writeLog(N);
        rewrite(log, lines(log).subList(0, 12));
        VerifyReport r = AuditLogFile.verify(log);
        assertEquals(Damage.TRUNCATED, r.damage(), r.detail());
        assertEquals(12, r.firstBadIndex());
        assertEquals(
                Damage.TRUNCATED,
                assertThrows(AuditTamperedException.class, () -> AuditLog.open(log))
                        .report()
                        .damage());
    }

    @Test
    void onlyAPartialRecordAfterTheLastAcknowledgedEntryIsRepaired() throws IOException {
        Path log = writeLog(5);
        long goodLength = Files.size(log);
        // Not the start of an entry line: not what an interrupted append leaves.
        Files.writeString(log, "garbage", java.nio.file.StandardOpenOption.APPEND);
        assertEquals(Damage.MALFORMED, AuditLogFile.verify(log).damage());
        assertEquals(
                Damage.MALFORMED,
                assertThrows(AuditTamperedException.class, () -> AuditLog.open(log))
                        .report()
                        .damage());

        // Without its head file the log cannot tell a crash from a cut: refused, with the offset to cut by hand.
        try (var ch = java.nio.channels.FileChannel.open(log, java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(goodLength);
        }
        Files.writeString(log, "{\"entry\":{\"ev", java.nio.file.StandardOpenOption.APPEND);
        Path head = dir.resolve("audit.jsonl.head");
        byte[] headBytes = Files.readAllBytes(head);
        Files.delete(head);
        AuditTamperedException e = assertThrows(AuditTamperedException.class, () -> AuditLog.open(log));
        assertTrue(e.getMessage().contains("truncate -s " + goodLength), e.getMessage());

        Files.write(head, headBytes);
        try (AuditLog a = AuditLog.open(log)) {
            assertEquals(List.of(new TornTail(5, goodLength, 13)), a.repairs());
        }
        assertTrue(AuditLogFile.verify(log).intact());
    }

    @Test
    void aLogWithoutAHeadFileIsAdoptedWhenIntact() throws IOException {
        Path log = writeLog(7);
        Files.delete(dir.resolve("audit.jsonl.head"));
        try (AuditLog a = AuditLog.open(log)) {
            assertEquals(7, a.size());
        }
        rewrite(log, lines(log).subList(0, 6));
        assertEquals(Damage.TRUNCATED, AuditLogFile.verify(log).damage(), "adopted: the head was written on open");
    }

    @Test
    void rollbackBehindASignedCheckpointIsDetected() throws IOException {
        Signer key = Ed25519Signer.generate();
        Path log = dir.resolve("audit.jsonl");
        Path cps = dir.resolve("checkpoints.jsonl");
        try (AuditLog a = AuditLog.builder(log)
                .checkpointFile(cps)
                .checkpointSigner(key)
                .checkpointEvery(5)
                .open()) {
            for (int i = 0; i < 12; i++) {
                a.append(event(i));
            }
            SignedCheckpoint cp = a.checkpoint();
            assertEquals(12, cp.checkpoint().treeSize());
            assertEquals(a.rootHash(), cp.checkpoint().rootHash());
        }
        Map<String, java.security.PublicKey> trusted = Map.of(key.keyId(), key.publicKey());
        VerifyReport ok = AuditLogFile.verify(log, cps, trusted);
        assertTrue(ok.intact(), ok.detail());
        assertEquals(3, ok.checkpointsChecked()); // automatic at 5 and 10, explicit at 12
        assertTrue(ok.checkpointSignaturesVerified());

        // Roll back to 9 whole entries: every line that remains is intact, only the checkpoint knows.
        List<String> l = lines(log);
        rewrite(log, l.subList(0, 9));
        assertEquals(Damage.TRUNCATED, AuditLogFile.verify(log).damage(), "the head file knows");
        // An attacker who also removes the head file: every line that remains is intact, only the checkpoint knows.
        Files.delete(dir.resolve("audit.jsonl.head"));
        assertTrue(AuditLogFile.verify(log).intact());
        VerifyReport r = AuditLogFile.verify(log, cps, trusted);
        assertEquals(Damage.ROLLED_BACK, r.damage(), r.detail());
        assertEquals(9, r.firstBadIndex());
        AuditTamperedException e = assertThrows(
                AuditTamperedException.class,
                () -> AuditLog.builder(log)
                        .checkpointFile(cps)
                        .checkpointSigner(key)
                        .open());
        assertEquals(Damage.ROLLED_BACK, e.report().damage());
    }

    @Test
    void automaticCheckpointsNeedBothASignerAndAFile() {
        Signer key = Ed25519Signer.generate();
        Path log = dir.resolve("audit.jsonl");
        CliTunerException noFile = assertThrows(
                CliTunerException.class,
                () -> AuditLog.builder(log)
                        .checkpointSigner(key)
                        .checkpointEvery(5)
                        .open());
        assertEquals(ErrorCode.CONFIGURATION, noFile.code());
        assertTrue(noFile.getMessage().contains("checkpoint file"), noFile.getMessage());
        assertEquals(
                ErrorCode.CONFIGURATION,
                assertThrows(
                                CliTunerException.class,
                                () -> AuditLog.builder(log)
                                        .checkpointFile(dir.resolve("cp.jsonl"))
                                        .checkpointEvery(5)
                                        .open())
                        .code());
        assertFalse(Files.exists(log), "a refused configuration creates no log");
    }

    @Test
    void aRewrittenHistoryOfTheSameLengthFailsTheCheckpointAndAForgedCheckpointFailsItsSignature() throws IOException {
        Signer key = Ed25519Signer.generate();
        Path log = writeLog(10);
        Path cps = dir.resolve("checkpoints.jsonl");
        try (AuditLog a =
                AuditLog.builder(log).checkpointFile(cps).checkpointSigner(key).open()) {
            a.checkpoint();
        }
        Map<String, java.security.PublicKey> trusted = Map.of(key.keyId(), key.publicKey());
        // Regenerate a consistent but different 10-entry log (and its head file).
        Files.delete(log);
        Files.delete(dir.resolve("audit.jsonl.head"));
        try (AuditLog a = AuditLog.open(log)) {
            for (int i = 0; i < 10; i++) {
                a.append(i == 3 ? event(99) : event(i));
            }
        }
        assertTrue(AuditLogFile.verify(log).intact());
        VerifyReport r = AuditLogFile.verify(log, cps, trusted);
        assertEquals(Damage.CHECKPOINT_MISMATCH, r.damage());
        assertEquals(0, r.firstBadIndex());

        List<String> cp = lines(cps);
        rewrite(cps, List.of(cp.get(0).replace("\"sig\":\"", "\"sig\":\"A")));
        VerifyReport bad = AuditLogFile.verify(log, cps, trusted);
        assertEquals(Damage.CHECKPOINT_SIGNATURE_INVALID, bad.damage(), bad.detail());
        // Signed by someone else: not trusted.
        Signer other = Ed25519Signer.generate();
        assertEquals(
                Damage.CHECKPOINT_SIGNATURE_INVALID,
                AuditLogFile.verify(log, cps, Map.of(other.keyId(), other.publicKey()))
                        .damage());
    }

    @Test
    void proofsFromTheLogVerifyAgainstACheckpointRoot() {
        Signer key = Ed25519Signer.generate();
        Path log = dir.resolve("audit.jsonl");
        String root7;
        try (AuditLog a = AuditLog.builder(log)
                .checkpointFile(dir.resolve("cp"))
                .checkpointSigner(key)
                .open()) {
            for (int i = 0; i < 7; i++) {
                a.append(event(i));
            }
            root7 = a.checkpoint().checkpoint().rootHash();
            for (int i = 7; i < 23; i++) {
                a.append(event(i));
            }
            String root23 = a.checkpoint().checkpoint().rootHash();
            InclusionProof p = a.inclusionProof(4, 7);
            assertTrue(p.verify(root7));
            assertTrue(a.inclusionProof(20).verify(root23));
            assertFalse(a.inclusionProof(20).verify(root7));
            ConsistencyProof c = a.consistencyProof(7, 23);
            assertTrue(c.verify(root7, root23));
        }
        assertTrue(AuditLogFile.inclusionProof(log, 22)
                .verify(AuditLogFile.verify(log).rootHash()));
        CliTunerException e = assertThrows(CliTunerException.class, () -> AuditLogFile.inclusionProof(log, 23));
        assertEquals(ErrorCode.INVALID_REQUEST, e.code());
    }

    @Test
    void concurrentAppendersInOneProcessLoseNothingAndShareFsyncs() throws Exception {
        Path log = dir.resolve("audit.jsonl");
        int threads = 8;
        int perThread = 150;
        Set<Long> indices = Collections.synchronizedSet(new HashSet<>());
        try (AuditLog a = AuditLog.open(log)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int tt = t;
                fs.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        assertTrue(indices.add(a.appendEntry(event(tt * 1000 + i))));
                    }
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
            pool.shutdown();
            assertEquals(threads * perThread, a.size());
            assertTrue(a.commits() < threads * perThread, "group commit should batch: " + a.commits() + " commits");
        }
        Set<String> seqs = new HashSet<>();
        VerifyReport r =
                AuditLogFile.forEach(log, e -> seqs.add(e.event().attributes().get("seq")));
        assertTrue(r.intact());
        assertEquals(threads * perThread, seqs.size());
        assertEquals(threads * perThread, indices.size());
    }

    @Test
    void appendAllWritesOneContiguousBatch() {
        Path log = dir.resolve("audit.jsonl");
        try (AuditLog a = AuditLog.open(log)) {
            a.append(event(0));
            long commits = a.commits();
            assertEquals(1, a.appendAll(List.of(event(1), event(2), event(3))));
            assertEquals(commits + 1, a.commits());
            assertEquals(event(3), a.read(3).event());
            assertEquals(
                    ErrorCode.INVALID_REQUEST,
                    assertThrows(CliTunerException.class, () -> a.appendAll(List.of()))
                            .code());
        }
        assertEquals(4, AuditLogFile.verify(log).entries());
    }

    @Test
    void twoInstancesInOneProcessInterleaveSafely() {
        Path log = dir.resolve("audit.jsonl");
        try (AuditLog a = AuditLog.open(log);
                AuditLog b = AuditLog.open(log)) {
            for (int i = 0; i < 10; i++) {
                assertEquals(2L * i, a.appendEntry(event(2 * i)));
                assertEquals(2L * i + 1, b.appendEntry(event(2 * i + 1)));
            }
            assertEquals(a.verify(), b.verify());
        }
        assertEquals(20, AuditLogFile.verify(log).entries());
    }

    @Test
    void closedLogsAndMissingFilesAreTypedErrors() {
        Path log = writeLog(1);
        AuditLog a = AuditLog.open(log);
        a.close();
        assertEquals(
                ErrorCode.AUDIT_IO,
                assertThrows(CliTunerException.class, () -> a.append(event(1))).code());
        assertEquals(
                ErrorCode.AUDIT_IO,
                assertThrows(CliTunerException.class, () -> AuditLogFile.verify(dir.resolve("nope")))
                        .code());
        try (AuditLog b = AuditLog.open(log)) {
            assertEquals(
                    ErrorCode.INVALID_REQUEST,
                    assertThrows(CliTunerException.class, () -> b.appendEntry(null))
                            .code());
        }
        assertNull(AuditLogFile.verify(log).damage());
    }

    // ---- list edits ----

    private static List<String> set(List<String> l, int i, String v) {
        l.set(i, v);
        return l;
    }

    private static List<String> remove(List<String> l, int i) {
        l.remove(i);
        return l;
    }

    private static List<String> swap(List<String> l, int i, int j) {
        Collections.swap(l, i, j);
        return l;
    }

    private static List<String> insert(List<String> l, int i, String v) {
        l.add(i, v);
        return l;
    }

    private static String flipHexAt(String s, int pos) {
        char c = s.charAt(pos);
        char r = c == '0' ? '1' : '0';
        return s.substring(0, pos) + r + s.substring(pos + 1);
    }
}
