package io.clituner.benchmarks;

import io.clituner.provenance.audit.AuditLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * How many durable audit appends per second do 8 threads get? Each append returns only after
 * write + {@code force(true)}; the log's committer thread lets one fsync acknowledge the appends of
 * all 8 threads (group commit), so the figure is about 8 ÷ (fsync + wake-up) time. Target ≥ 20,000
 * events/s. The log lives in a temp dir on the machine's disk ({@code -Djava.io.tmpdir} picks another).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(8)
public class AuditAppendBenchmark {
    private Path dir;
    private AuditLog log;
    private final AtomicLong seq = new AtomicLong();

    @Setup(Level.Trial)
    public void open() throws IOException {
        dir = Files.createTempDirectory("audit-append-bench");
        log = AuditLog.open(dir.resolve("audit.jsonl"));
    }

    @Benchmark
    public long durableAppend() {
        return log.appendEntry(AuditFixtures.pipelineEvent(seq.getAndIncrement()));
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        long n = log.size();
        long commits = log.commits();
        log.close();
        System.out.printf(
                "%n%d appends in %d fsynced commits (%.1f events per fsync)%n",
                n, commits, (double) n / Math.max(1, commits));
        AuditFixtures.deleteTree(dir);
    }
}
