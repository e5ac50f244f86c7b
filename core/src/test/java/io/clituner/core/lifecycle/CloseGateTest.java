package io.clituner.core.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.core.error.ErrorCode;
import io.clituner.core.error.InferenceException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Deterministic interleavings (latches, barriers, thread states), no sleeps. */
class CloseGateTest {
    @Test
    void closeWaitsForTheCallInFlightAndReleasesOnceAfterIt() throws Exception {
        CloseGate gate = new CloseGate("the thing");
        List<String> events = new CopyOnWriteArrayList<>();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        CompletableFuture<String> call = CompletableFuture.supplyAsync(() -> gate.call(() -> {
            entered.countDown();
            await(proceed);
            events.add("call done");
            return "answer";
        }));
        entered.await();
        Thread closer = new Thread(() -> gate.close(() -> events.add("released")), "closer");
        closer.start();
        Parked.await(closer);
        assertEquals(List.of(), events, "nothing is released while a call runs");
        assertFalse(gate.isClosed(), "the gate closes only when the release runs");
        proceed.countDown();
        assertEquals("answer", call.get());
        closer.join();
        assertEquals(List.of("call done", "released"), events);
        InferenceException after = assertThrows(InferenceException.class, () -> gate.call(() -> "late"));
        assertEquals(ErrorCode.ENGINE_CLOSED, after.code());
        assertEquals("the thing is closed", after.getMessage());
    }

    @Test
    void aCallArrivingWhileCloseWaitsFailsTypedAfterTheRelease() throws Exception {
        CloseGate gate = new CloseGate("the thing");
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        AtomicInteger released = new AtomicInteger();
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> gate.run(() -> {
            entered.countDown();
            await(proceed);
        }));
        entered.await();
        Thread closer = new Thread(() -> gate.close(released::incrementAndGet), "closer");
        closer.start();
        Parked.await(closer);
        CompletableFuture<Integer> late = new CompletableFuture<>();
        Thread latecomer = new Thread(
                () -> {
                    try {
                        late.complete(gate.call(() -> released.get()));
                    } catch (RuntimeException e) {
                        late.completeExceptionally(e);
                    }
                },
                "latecomer");
        latecomer.start();
        Parked.await(latecomer); // queued behind the waiting close, not running beside the release
        proceed.countDown();
        first.get();
        closer.join();
        latecomer.join();
        assertTrue(late.isCompletedExceptionally());
        Throwable cause = assertThrows(java.util.concurrent.ExecutionException.class, late::get)
                .getCause();
        assertEquals(ErrorCode.ENGINE_CLOSED, ((InferenceException) cause).code());
        assertEquals(1, released.get());
    }

    @Test
    void concurrentClosesReleaseExactlyOnce() throws Exception {
        CloseGate gate = new CloseGate("the thing");
        AtomicInteger released = new AtomicInteger();
        AtomicInteger winners = new AtomicInteger();
        int threads = 8;
        CyclicBarrier start = new CyclicBarrier(threads);
        Thread[] closers = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            closers[i] = new Thread(() -> {
                await(start);
                if (gate.close(released::incrementAndGet)) {
                    winners.incrementAndGet();
                }
            });
            closers[i].start();
        }
        for (Thread t : closers) {
            t.join();
        }
        assertEquals(1, released.get());
        assertEquals(1, winners.get());
        assertFalse(gate.close(released::incrementAndGet), "a later close does nothing");
        assertEquals(1, released.get());
    }

    @Test
    void callsMayNestAndAFailingCallLeavesTheGateUsable() {
        CloseGate gate = new CloseGate("the thing");
        assertEquals("inner", gate.call(() -> gate.call(() -> "inner")));
        assertThrows(
                IllegalStateException.class,
                () -> gate.run(() -> {
                    throw new IllegalStateException("boom");
                }));
        assertTrue(gate.close(() -> {}), "the failed call released its hold");
    }

    static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
