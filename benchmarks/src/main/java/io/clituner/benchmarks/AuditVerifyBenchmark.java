package io.clituner.benchmarks;

import io.clituner.core.egress.AuditEvent;
import io.clituner.provenance.audit.AuditLog;
import io.clituner.provenance.audit.AuditLogFile;
import io.clituner.provenance.audit.VerifyReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * How long does verifying a 1,000,000-entry audit log take (every leaf hash, index and chain link,
 * plus the Merkle root)? Target &lt; 3 s. The log is generated once per trial with pipeline-shaped
 * events (about 750 bytes a line, 715 MiB) and read from the page cache, as a freshly written log would be.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class AuditVerifyBenchmark {
    @Param("1000000")
    int entries;

    private Path dir;
    private Path file;

    @Setup(Level.Trial)
    public void generate() throws IOException {
        dir = Files.createTempDirectory("audit-verify-bench");
        file = dir.resolve("audit.jsonl");
        try (AuditLog log = AuditLog.open(file)) {
            List<AuditEvent> batch = new ArrayList<>(10_000);
            for (int i = 0; i < entries; i++) {
                batch.add(AuditFixtures.pipelineEvent(i));
                if (batch.size() == 10_000) {
                    log.appendAll(batch);
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                log.appendAll(batch);
            }
        }
        System.out.printf("%ngenerated %d entries, %d MiB%n", entries, Files.size(file) >> 20);
    }

    @Benchmark
    public VerifyReport verify() {
        VerifyReport r = AuditLogFile.verify(file);
        if (!r.intact() || r.entries() != entries) {
            throw new IllegalStateException("log did not verify: " + r);
        }
        return r;
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        AuditFixtures.deleteTree(dir);
    }
}
