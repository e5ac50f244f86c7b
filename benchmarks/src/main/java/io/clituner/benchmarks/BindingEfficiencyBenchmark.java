package io.clituner.benchmarks;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import io.clituner.core.NormalizedRequest;
import io.clituner.core.SafetyLevel;
import io.clituner.core.error.CliTunerException;
import io.clituner.core.pipeline.Pipeline;
import io.clituner.core.prompt.PromptBuilder;
import io.clituner.inference.gguf.GgufEngine;
import io.clituner.inference.gguf.GgufEngineConfig;
import io.clituner.inference.gguf.grammar.CommandGrammar;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Does the library cost generation speed? Tokens per second through the full pipeline (cache off,
 * varied queries) against calling de.kherud:llama directly with the same model settings, the same
 * rendered prompts and the same inference parameters (greedy, seed, no prompt cache, grammar, stop
 * strings), in the same run. The {@code tokens} counter is the rate to compare; target: pipeline
 * at least 95% of direct.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class BindingEfficiencyBenchmark {
    private GgufEngine engine;
    private GgufFixtures.TimedEngine timed;
    private Pipeline pipeline;
    private LlamaModel direct;
    private final List<String> renderedPrompts = new ArrayList<>();
    private List<String> stops;
    private int nextPipeline;
    private int nextDirect;

    /** Tokens generated; JMH reports them as tokens per second next to the call rate. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Tokens {
        public long tokens;

        @Setup(Level.Iteration)
        public void reset() {
            tokens = 0;
        }
    }

    @Setup(Level.Trial)
    public void open() {
        GgufEngineConfig config = GgufFixtures.tinyConfig();
        engine = GgufEngine.open(config);
        timed = new GgufFixtures.TimedEngine(engine);
        pipeline = Pipeline.builder().engine(timed).noCache().build();
        PromptBuilder prompts = new PromptBuilder();
        for (String q : GgufFixtures.QUERIES) {
            renderedPrompts.add(engine.render(prompts.build(NormalizedRequest.of(q, SafetyLevel.STRICT), List.of())));
        }
        stops = engine.chatFormat().endOfTurn();
        // A second native copy with exactly the engine's model settings.
        direct = new LlamaModel(new ModelParameters()
                .setModel(config.modelPath().toAbsolutePath().toString())
                .setCtxSize(Integer.parseInt(engine.model().metadata().get("contextSize")))
                .setThreads(config.threads())
                .setThreadsBatch(config.threads())
                .setParallel(1)
                .setSeed(config.seed())
                .disableLog());
    }

    @Benchmark
    public Object pipeline(Tokens counter) {
        String query = GgufFixtures.QUERIES.get(nextPipeline++ % GgufFixtures.QUERIES.size());
        Object result;
        try {
            result = pipeline.translate(query);
        } catch (CliTunerException e) {
            result = e;
        }
        counter.tokens += timed.lastCompletionTokens();
        return result;
    }

    @Benchmark
    public String binding(Tokens counter) {
        GgufEngineConfig config = engine.config();
        InferenceParameters p = new InferenceParameters(renderedPrompts.get(nextDirect++ % renderedPrompts.size()))
                .setTemperature(0f)
                .setSeed(config.seed())
                .setCachePrompt(false)
                .setNPredict(config.maxTokens())
                .setStopStrings(stops.toArray(String[]::new));
        if (config.grammar()) {
            p.setGrammar(CommandGrammar.ONE_LINE);
        }
        StringBuilder text = new StringBuilder();
        int results = 0;
        LlamaIterator it = direct.generate(p).iterator();
        while (it.hasNext()) {
            text.append(it.next().text);
            results++;
        }
        counter.tokens += Math.max(0, results - 1);
        return text.toString();
    }

    @TearDown(Level.Trial)
    public void close() {
        pipeline.close();
        engine.close();
        direct.close();
    }
}
