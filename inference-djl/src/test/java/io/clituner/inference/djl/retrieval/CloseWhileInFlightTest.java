package io.clituner.inference.djl.retrieval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.core.NormalizedRequest;
import io.clituner.core.RawModelOutput;
import io.clituner.core.SafetyLevel;
import io.clituner.core.engine.ChatMessage;
import io.clituner.core.engine.Prompt;
import io.clituner.core.error.ErrorCode;
import io.clituner.core.error.InferenceException;
import io.clituner.inference.djl.bank.ExampleBank;
import io.clituner.inference.djl.calibration.ConfidenceModel;
import io.clituner.inference.djl.embedding.EmbeddingModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * close() of the retrieval engine, its embedding model and its index while calls run, with the real ONNX
 * session: a call in flight finishes with its answer, close frees the natives after it, later calls fail
 * typed (ENGINE_CLOSED), never with a native crash or an EMBEDDING_FAILED. Latches and barriers, no sleeps.
 */
class CloseWhileInFlightTest {
    private static final List<String[]> PAIRS = List.of(
            new String[] {"find all pdf files", "find . -type f -name '*.pdf'"},
            new String[] {"show disk space", "df -h"},
            new String[] {"list the files in this directory", "ls -la"});

    @TempDir
    Path cache;

    private static RawModelOutput ask(RetrievalEngine engine, String query) {
        return engine.generate(
                new Prompt(List.of(ChatMessage.user(query)), List.of()),
                NormalizedRequest.of(query, SafetyLevel.STRICT));
    }

    /** Waits until {@code t} parks: here only on the engine's close gate. */
    private static void awaitParked(Thread t) {
        while (t.getState() != Thread.State.WAITING) {
            if (!t.isAlive()) {
                throw new AssertionError(t.getName() + " ended instead of waiting");
            }
            Thread.onSpinWait();
        }
    }

    @Test
    void closeWaitsForTheRequestInFlightThenFreesModelAndIndex() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        AtomicBoolean hold = new AtomicBoolean(true);
        // The engine asks this predicate in the middle of generate, after embedding and search: a place to park a call.
        java.util.function.Predicate<String> parkOnce = command -> {
            if (hold.getAndSet(false)) {
                inside.countDown();
                await(proceed);
            }
            return true;
        };
        EmbeddingModel model = EmbeddingModel.open(1);
        ExampleRetriever retriever;
        try {
            retriever = ExampleRetriever.open(model, ExampleBank.of("close-test", PAIRS), cache);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        RetrievalEngine engine =
                new RetrievalEngine(retriever, 0.0, ConfidenceModel.builtIn().withThreshold(0.0), parkOnce, "");
        CompletableFuture<RawModelOutput> inFlight =
                CompletableFuture.supplyAsync(() -> ask(engine, "find all pdf files"));
        inside.await();
        Thread closer = new Thread(engine::close, "closer");
        closer.start();
        awaitParked(closer);
        proceed.countDown();
        assertEquals(
                "find . -type f -name '*.pdf'", inFlight.get().text(), "the call in flight completes with its answer");
        closer.join();
        assertClosed(() -> ask(engine, "show disk space"));
        assertClosed(() -> retriever.index().search(new float[retriever.index().dimension()], 1));
        engine.close(); // idempotent
        model.close(); // the caller's model: still open, closed by its owner
        assertClosed(() -> model.embed("show disk space"));
    }

    @Test
    void concurrentEmbeddingsAndACloseEitherAnswerExactlyOrFailTyped() throws Exception {
        EmbeddingModel model = EmbeddingModel.open(1);
        float[] expected = model.embed("show disk space");
        hammer(model::close, () -> {
            assertArrayEquals(expected, model.embed("show disk space"));
            return null;
        });
        assertClosed(() -> model.embed("show disk space"));
    }

    @Test
    void concurrentSearchesAndACloseEitherAnswerExactlyOrFailTyped() throws Exception {
        float[][] rows = new float[64][8];
        for (int i = 0; i < rows.length; i++) {
            rows[i][i % 8] = 1f;
        }
        CosineIndex index = CosineIndex.of(rows, CosineIndex.Backend.JAVA);
        float[] query = rows[3];
        hammer(index::close, () -> {
            List<SearchHit> hits = index.search(query, 1);
            assertEquals(1.0, hits.get(0).score(), 1e-6);
            return null;
        });
        assertClosed(() -> index.search(query, 1));
    }

    /** Eight callers and one closer start together at a barrier; each call is either right or ENGINE_CLOSED. */
    private static void hammer(Runnable close, Supplier<Void> call) throws Exception {
        int callers = 8;
        CyclicBarrier start = new CyclicBarrier(callers + 1);
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            all.add(CompletableFuture.runAsync(
                    () -> {
                        await(start);
                        for (int n = 0; n < 20; n++) {
                            try {
                                call.get();
                            } catch (InferenceException e) {
                                assertEquals(ErrorCode.ENGINE_CLOSED, e.code(), e.toString());
                                return;
                            }
                        }
                    },
                    r -> new Thread(r).start()));
        }
        all.add(CompletableFuture.runAsync(
                () -> {
                    await(start);
                    close.run();
                },
                r -> new Thread(r).start()));
        for (CompletableFuture<Void> f : all) {
            try {
                f.get();
            } catch (ExecutionException e) {
                throw new AssertionError("a caller saw more than a typed closed-error", e.getCause());
            }
        }
        close.run(); // idempotent
    }

    private static void assertClosed(org.junit.jupiter.api.function.Executable call) {
        InferenceException e = assertThrows(InferenceException.class, call);
        assertEquals(ErrorCode.ENGINE_CLOSED, e.code());
        assertTrue(e.getMessage().endsWith("is closed"), e.getMessage());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
