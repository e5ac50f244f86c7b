package io.clituner.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.clituner.core.CommandResponse;
import io.clituner.core.NormalizedRequest;
import io.clituner.core.RawModelOutput;
import io.clituner.core.engine.InferenceEngine;
import io.clituner.core.engine.ModelIdentity;
import io.clituner.core.engine.Prompt;
import io.clituner.core.error.ErrorCode;
import io.clituner.core.error.InferenceException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

/** {@link Pipeline#close()} against requests in flight and against other closers; barriers, no sleeps. */
class PipelineCloseTest {
    /** Parks each generate until released; records what happens in order. */
    static final class GatedEngine implements InferenceEngine {
        final List<String> events = new CopyOnWriteArrayList<>();
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch proceed = new CountDownLatch(1);

        @Override
        public ModelIdentity model() {
            return new ModelIdentity("gated", "1", "cd".repeat(32), "gated", Map.of());
        }

        @Override
        public RawModelOutput generate(Prompt prompt, NormalizedRequest request) {
            entered.countDown();
            try {
                proceed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            events.add("generated");
            return new RawModelOutput("ls -la", 0.9, "gated", 1, 1, Duration.ZERO, Map.of());
        }

        @Override
        public void close() {
            events.add("engine closed");
        }
    }

    private static Pipeline pipeline(GatedEngine engine) {
        return Pipeline.builder()
                .engine(engine)
                .outputValidator(new PipelineTest.FirstWordValidator())
                .noCache()
                .build();
    }

    @Test
    void closeWaitsForTheRequestInFlightWhichCompletes() throws Exception {
        GatedEngine engine = new GatedEngine();
        Pipeline p = pipeline(engine);
        CompletableFuture<CommandResponse> inFlight =
                CompletableFuture.supplyAsync(() -> p.translate("list all files"));
        engine.entered.await();
        Thread closer = new Thread(
                () -> {
                    p.close();
                    engine.events.add("pipeline closed");
                },
                "closer");
        closer.start();
        io.clituner.core.lifecycle.Parked.await(closer);
        engine.proceed.countDown();
        assertEquals("ls -la", inFlight.get().command());
        closer.join();
        assertEquals(
                List.of("generated", "pipeline closed"),
                engine.events,
                "close returned after the request; a borrowed engine stays open (its owner closes it)");
        assertEquals(
                ErrorCode.ENGINE_CLOSED,
                assertThrows(InferenceException.class, () -> p.translate("list all files"))
                        .code());
    }

    @Test
    void concurrentClosesAreIdempotent() throws Exception {
        GatedEngine engine = new GatedEngine();
        engine.proceed.countDown();
        Pipeline p = pipeline(engine);
        CyclicBarrier start = new CyclicBarrier(4);
        List<CompletableFuture<Void>> closers = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            closers.add(CompletableFuture.runAsync(
                    () -> {
                        try {
                            start.await();
                        } catch (Exception e) {
                            throw new AssertionError(e);
                        }
                        p.close();
                    },
                    r -> new Thread(r).start()));
        }
        for (CompletableFuture<Void> c : closers) {
            c.get();
        }
        p.close();
        assertEquals(
                ErrorCode.ENGINE_CLOSED,
                assertThrows(InferenceException.class, () -> p.translate("list all files"))
                        .code());
    }
}
