package io.clituner.inference.gguf.internal.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.core.error.ErrorCode;
import io.clituner.core.error.InferenceException;
import io.clituner.inference.gguf.SharedModels;
import io.clituner.inference.gguf.generation.Sampling;
import io.clituner.inference.gguf.internal.llamacpp.LlamaContextParams;
import io.clituner.inference.gguf.internal.llamacpp.LlamaRuntime;
import io.clituner.inference.gguf.internal.llamacpp.NativeModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The decode loop on the real libraries and the shared test models (skipped when absent). */
public class DecodeSessionTest {
    private static final String SYSTEM =
            "You translate a request into exactly one bash command for a Linux system. Reply with"
                    + " the command only, on a single line, with no explanation. ";

    static <T> T withSession(String modelName, int chunk, boolean reuse, int flash, Function<DecodeSession, T> body) {
        return withSession(SharedModels.require(modelName), chunk, reuse, flash, body);
    }

    /** A session on its own context for {@code file}; the model is released afterwards. */
    public static <T> T withSession(Path file, int chunk, boolean reuse, int flash, Function<DecodeSession, T> body) {
        LlamaRuntime.ensureLoaded(null);
        NativeModel model = NativeModel.acquire(file, new NativeModel.Key("test:" + file.getFileName(), 0));
        try (DecodeSession s = new DecodeSession(model, 1024, 1, chunk, flash, reuse)) {
            return body.apply(s);
        } finally {
            model.release();
        }
    }

    public static DecodeRequest greedy(DecodeSession s, String text, int maxTokens) {
        return new DecodeRequest(s.tokenize(text, true), maxTokens, Sampling.greedy(), List.of(), TextStop.NEVER, true);
    }

    /** Prompts that share a long prefix (several chunks) and differ at the end, then one repeated. */
    static final List<String> PROMPTS = List.of(
            SYSTEM + SYSTEM + "Request: list all pdf files. Command:",
            SYSTEM + SYSTEM + "Request: list all pdf files in this folder. Command:",
            SYSTEM + "Request: show disk usage. Command:",
            SYSTEM + SYSTEM + "Request: list all pdf files. Command:",
            SYSTEM + SYSTEM + "Request: list all pdf files. Command:");

    static List<String> run(String modelName, boolean reuse, int flash, List<Integer> reusedOut) {
        return withSession(modelName, 16, reuse, flash, s -> {
            List<String> texts = new ArrayList<>();
            for (String p : PROMPTS) {
                Completion c = s.generate(greedy(s, p, 32), null, () -> false);
                texts.add(c.text() + "|" + java.util.Arrays.toString(c.tokens()));
                reusedOut.add(c.reusedTokens());
            }
            return texts;
        });
    }

    @Test
    void kvReuseGivesBitIdenticalGreedyOutput() {
        for (String model : List.of(SharedModels.STORIES, SharedModels.TINY_RANDOM)) {
            for (int flash :
                    new int[] {LlamaContextParams.FLASH_ATTN_DISABLED, LlamaContextParams.FLASH_ATTN_ENABLED}) {
                List<Integer> reused = new ArrayList<>();
                List<Integer> none = new ArrayList<>();
                List<String> with = run(model, true, flash, reused);
                List<String> without = run(model, false, flash, none);
                assertEquals(without, with, model + " flash=" + flash);
                assertEquals(with.get(0), with.get(3), "same prompt, same text");
                assertTrue(
                        reused.get(1) >= 32 && reused.get(1) % 16 == 0,
                        "shared prefix reused in whole chunks: " + reused);
                assertTrue(
                        reused.get(4) >= reused.get(1),
                        "a repeated prompt reuses at least the shared prefix: " + reused);
                assertTrue(none.stream().allMatch(n -> n == 0), "no reuse when off: " + none);
            }
        }
    }

    @Test
    void logProbabilitiesAreRealAndMatchTheGreedyChoice() {
        withSession(SharedModels.STORIES, 64, true, 0, s -> {
            Completion c = s.generate(greedy(s, "Once upon a time", 20), null, () -> false);
            assertEquals(c.tokens().length, c.logProbs().length, "one log-probability per sampled token");
            for (double lp : c.logProbs()) {
                assertTrue(lp <= 0 && lp > -20, "a log-probability: " + lp);
            }
            double p = c.meanTokenProbability();
            assertTrue(p > 0.05 && p < 1, "a trained model is fairly sure of its greedy continuation: " + p);
            return null;
        });
    }

    @Test
    void seededSamplingRepeatsPerSeedAndDiffersAcrossSeeds() {
        List<String> texts = withSession(SharedModels.STORIES, 64, true, 0, s -> {
            List<String> out = new ArrayList<>();
            for (int seed : new int[] {7, 7, 8, 7}) {
                DecodeRequest r = new DecodeRequest(
                        s.tokenize("Once upon a time", true),
                        40,
                        new Sampling(1.0f, 0, 1f, seed),
                        List.of(),
                        TextStop.NEVER,
                        false);
                out.add(s.generate(r, null, () -> false).text());
            }
            return out;
        });
        assertEquals(texts.get(0), texts.get(1));
        assertEquals(texts.get(0), texts.get(3));
        assertNotEquals(texts.get(0), texts.get(2));
    }

    @Test
    void stopStringsAndTextStopsCutRealText() {
        withSession(SharedModels.STORIES, 64, true, 0, s -> {
            Completion full = s.generate(greedy(s, "Once upon a time", 40), null, () -> false);
            String[] words = full.text().strip().split(" ");
            String stop = " " + words[2];
            DecodeRequest r = new DecodeRequest(
                    s.tokenize("Once upon a time", true), 40, Sampling.greedy(), List.of(stop), TextStop.NEVER, false);
            Completion cut = s.generate(r, null, () -> false);
            assertEquals(Finish.STOP_STRING, cut.finish());
            assertEquals(full.text().substring(0, full.text().indexOf(stop)), cut.text());
            DecodeRequest byText = new DecodeRequest(
                    s.tokenize("Once upon a time", true),
                    40,
                    Sampling.greedy(),
                    List.of(),
                    t -> t.length() >= 10 ? 10 : -1,
                    false);
            Completion ten = s.generate(byText, null, () -> false);
            assertEquals(Finish.COMPLETE, ten.finish());
            assertEquals(full.text().substring(0, 10), ten.text());
            return null;
        });
    }

    @Test
    void maxTokensBoundsTheOutput() {
        withSession(SharedModels.TINY_RANDOM, 64, true, 0, s -> {
            Completion c = s.generate(greedy(s, "list files", 7), null, () -> false);
            assertEquals(Finish.MAX_TOKENS, c.finish());
            assertEquals(7, c.tokens().length);
            return null;
        });
    }

    @Test
    void theGrammarConstrainsRandomWeightsToItsLanguage() {
        withSession(SharedModels.TINY_RANDOM, 64, true, 0, s -> {
            Completion c = s.generate(greedy(s, "list files", 40), "root ::= [a-c]+ \"\\n\"", () -> false);
            String text = c.text();
            assertFalse(text.isEmpty());
            assertTrue(text.replace("\n", "").chars().allMatch(ch -> ch >= 'a' && ch <= 'c'), text);
            // the grammar is reset per request: the same request gives the same text
            assertEquals(
                    text,
                    s.generate(greedy(s, "list files", 40), "root ::= [a-c]+ \"\\n\"", () -> false)
                            .text());
            return null;
        });
    }

    @Test
    void cancellationStopsBetweenDecodeCallsAndLeavesTheSessionUsable() {
        withSession(SharedModels.TINY_RANDOM, 16, true, 0, s -> {
            String prompt = PROMPTS.get(0);
            String before = s.generate(greedy(s, prompt, 20), null, () -> false).text();
            AtomicInteger polls = new AtomicInteger();
            InferenceException e = assertThrows(
                    InferenceException.class,
                    () -> s.generate(greedy(s, prompt, 200), null, () -> polls.incrementAndGet() > 3));
            assertEquals(ErrorCode.INFERENCE_FAILED, e.code());
            assertTrue(e.getMessage().contains("cancelled"));
            assertEquals(4, polls.get(), "polled before each decode call, stopped at the first true");
            assertEquals(
                    before, s.generate(greedy(s, prompt, 20), null, () -> false).text());
            return null;
        });
    }

    @Test
    void aPromptThatDoesNotFitIsATypedError() {
        withSession(SharedModels.TINY_RANDOM, 64, true, 0, s -> {
            DecodeRequest r =
                    new DecodeRequest(new int[1000], 100, Sampling.greedy(), List.of(), TextStop.NEVER, false);
            InferenceException e = assertThrows(InferenceException.class, () -> s.generate(r, null, () -> false));
            assertTrue(e.getMessage().contains("does not fit"), e.getMessage());
            return null;
        });
    }
}
