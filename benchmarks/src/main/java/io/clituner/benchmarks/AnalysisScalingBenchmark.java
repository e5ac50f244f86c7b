package io.clituner.benchmarks;

import io.clituner.core.SafetyLevel;
import io.clituner.core.analysis.Verdict;
import io.clituner.guardrails.BashCommandAnalyzer;
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
import org.openjdk.jmh.annotations.Threads;

/**
 * Does verdict time grow linearly with the input, whatever its shape, up to the input limit (64 KiB)? Time against
 * the number of pipeline stages ({@code find . | xargs rm -f | xargs rm -f …}, the shape that once cost the square of
 * its length) and against line length for pipelines whose every stage asks about all earlier ones (secret reads,
 * code run by a shell, files sent by netcat). The largest sizes run out of the work budget and end in the fail-closed
 * {@code analysis.limit} verdict; each trial prints the verdict it measured ("verdict: …") and each iteration the
 * thread CPU time per verdict ("cpu: …"), which other processes on a shared machine disturb far less than the wall
 * clock JMH reports.
 */
@Threads(1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AnalysisScalingBenchmark {

    /** Thread CPU time per verdict over one iteration. */
    @State(Scope.Thread)
    public abstract static class Measured {
        private static final java.lang.management.ThreadMXBean CPU =
                java.lang.management.ManagementFactory.getThreadMXBean();
        long ops;
        private long cpu0;

        abstract String label();

        @Setup(Level.Iteration)
        public void startIteration() {
            ops = 0;
            cpu0 = CPU.getCurrentThreadCpuTime();
        }

        @TearDown(Level.Iteration)
        public void endIteration() {
            if (ops > 0) {
                System.out.printf(
                        "%ncpu: %s %.1f us/op%n", label(), (CPU.getCurrentThreadCpuTime() - cpu0) / 1e3 / ops);
            }
        }
    }

    public static class Stages extends Measured {
        /** 4,096 stages are 57 KB: under the input limit, past the work budget. */
        @Param({"16", "64", "256", "1024", "4096"})
        int stages;

        String input;
        BashCommandAnalyzer analyzer;

        @Setup(Level.Trial)
        public void build() {
            input = "find ." + " | xargs rm -f".repeat(stages);
            analyzer = new BashCommandAnalyzer();
            report(label(), analyzer.analyze(input, SafetyLevel.STRICT), input);
        }

        @Override
        String label() {
            return "stages=" + stages;
        }
    }

    /** Time per verdict against pipeline stages: linear keeps the time per stage flat until the budget ends it. */
    @Benchmark
    public Verdict pipelineStages(Stages s) {
        s.ops++;
        return s.analyzer.analyze(s.input, SafetyLevel.STRICT);
    }

    public static class Length extends Measured {
        /** Characters of input; 65,000 is just under the 64 KiB input limit. */
        @Param({"1000", "4000", "16000", "65000"})
        int length;

        @Param({"secret-stream", "shell-stages", "mixed-script"})
        String shape;

        String input;
        BashCommandAnalyzer analyzer;

        @Setup(Level.Trial)
        public void build() {
            String head;
            String unit;
            switch (shape) {
                case "secret-stream" -> { // every stage asks whether an earlier one read a secret
                    head = "cat ./notes.txt";
                    unit = " | base64 | gzip -c";
                }
                case "shell-stages" -> { // every stage runs code and passes data on
                    head = "echo ls";
                    unit = " | sh -c 'cat' | tee -a out.log";
                }
                default -> { // short commands, substitutions, find/xargs, redirections, nested code
                    head = "";
                    unit = "a=$(date +%s); b=\"$a\"; find . -name '*.log' -mtime +7 | xargs -r gzip -9 > /dev/null; "
                            + "sh -c 'ls -la \"$1\"' _ ./dist; ";
                }
            }
            StringBuilder sb = new StringBuilder(head);
            while (sb.length() + unit.length() <= length) {
                sb.append(unit);
            }
            input = sb.toString();
            analyzer = new BashCommandAnalyzer();
            report(label(), analyzer.analyze(input, SafetyLevel.STRICT), input);
        }

        @Override
        String label() {
            return "length=" + length + " shape=" + shape;
        }
    }

    /** Time per verdict against line length for three shapes. */
    @Benchmark
    public Verdict lineLength(Length s) {
        s.ops++;
        return s.analyzer.analyze(s.input, SafetyLevel.STRICT);
    }

    private static void report(String what, Verdict v, String input) {
        System.out.println(System.lineSeparator() + "verdict: " + what + " (" + input.length() + " chars) -> "
                + v.risk() + " " + (v.ruleIds().contains("analysis.limit") ? "[analysis.limit]" : v.ruleIds()));
    }
}
