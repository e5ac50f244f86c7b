package io.clituner.benchmarks;

import io.clituner.core.NormalizedRequest;
import io.clituner.core.RawModelOutput;
import io.clituner.core.SafetyLevel;
import io.clituner.core.engine.ChatMessage;
import io.clituner.core.engine.EngineSettings;
import io.clituner.core.engine.InferenceEngine;
import io.clituner.core.engine.InferenceEngines;
import io.clituner.core.engine.Prompt;
import io.clituner.core.error.NoSuggestionException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How long does the zero-configuration engine take to answer one request once warm (embedding, search,
 * slot filling, action check, calibrated confidence; no pipeline)? Target p50 ≤ 5 ms. Sample mode gives
 * the percentiles; {@code plain} requests hold no values (one search), {@code valued} ones do (a second
 * search with the values masked, and slot filling).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class RetrievalQueryBenchmark {
    private static final List<String> PLAIN = List.of(
            "show free disk space",
            "list running docker containers",
            "show the commit history",
            "which ports are listening",
            "remove duplicate lines from a file",
            "list all pdf files");
    private static final List<String> VALUED = List.of(
            "count lines in main.py",
            "files over 100MB in /var/log",
            "show the last 50 lines of server.log",
            "kill the process on port 8080",
            "delete log files older than 30 days in /srv/logs",
            "copy config.yaml to backup/");

    @Param({"plain", "valued"})
    public String requests;

    private InferenceEngine engine;
    private List<String> queries;
    private int next;

    @Setup(Level.Trial)
    public void open() {
        System.setProperty("ai.djl.offline", "true");
        engine = InferenceEngines.open(EngineSettings.defaults());
        queries = requests.equals("plain") ? PLAIN : VALUED;
    }

    @TearDown(Level.Trial)
    public void close() {
        engine.close();
    }

    @Benchmark
    public Object answer() {
        String q = queries.get(next++ % queries.size());
        try {
            RawModelOutput out = engine.generate(
                    new Prompt(List.of(ChatMessage.user(q)), List.of()), NormalizedRequest.of(q, SafetyLevel.STRICT));
            return out.text();
        } catch (NoSuggestionException e) {
            return e;
        }
    }
}
