package io.clituner.benchmarks;

import io.clituner.core.SafetyLevel;
import io.clituner.core.analysis.Verdict;
import io.clituner.guardrails.BashCommandAnalyzer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.openjdk.jmh.annotations.Threads;

/**
 * How fast is a guardrail verdict? Single-threaded throughput and latency distribution over the
 * 38,802 real commands of benign-dev.txt, and time against input length (linearity).
 * Reads the corpus from {@code -Dclituner.shared.dir} (default {@code ../shared}).
 */
@Threads(1)
public class VerdictBenchmark {

    @State(Scope.Thread)
    public static class Corpus {
        BashCommandAnalyzer analyzer;
        String[] lines;
        int next;

        @Setup(Level.Trial)
        public void load() {
            Path p = Path.of(System.getProperty("clituner.shared.dir", "../shared"), "corpora", "benign-dev.txt");
            try {
                List<String> all = Files.readAllLines(p, StandardCharsets.UTF_8);
                lines = all.stream().filter(l -> !l.isBlank()).toArray(String[]::new);
            } catch (IOException e) {
                throw new UncheckedIOException("benchmark corpus missing: " + p + " (set -Dclituner.shared.dir)", e);
            }
            analyzer = new BashCommandAnalyzer();
        }

        String nextLine() {
            String s = lines[next];
            next = next + 1 == lines.length ? 0 : next + 1;
            return s;
        }
    }

    /** Verdicts per second over the benign corpus, one line per operation. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Verdict throughput(Corpus c) {
        return c.analyzer.analyze(c.nextLine(), SafetyLevel.STRICT);
    }

    /** Latency distribution (read p99 from the percentiles JMH prints). */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Verdict latency(Corpus c) {
        return c.analyzer.analyze(c.nextLine(), SafetyLevel.STRICT);
    }

    @State(Scope.Thread)
    public static class Sized {
        @Param({"1000", "4000", "16000", "64000"})
        int length;

        String input;
        BashCommandAnalyzer analyzer;

        @Setup(Level.Trial)
        public void build() {
            String unit = "a=$(echo x); b=\"$a\"; find . -name \"*.log\" -exec grep -l 'e' {} \\; | xargs -n1 wc -l ; ";
            StringBuilder sb = new StringBuilder();
            while (sb.length() + unit.length() <= length) {
                sb.append(unit);
            }
            input = sb.toString();
            analyzer = new BashCommandAnalyzer();
        }
    }

    /** Time per verdict as the input grows 4x per step: linear analysis keeps the ratio near 4. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Verdict byLength(Sized s) {
        return s.analyzer.analyze(s.input, SafetyLevel.STRICT);
    }
}
