package io.clituner.inference.remote.routing;

import io.clituner.core.CommandResponse;
import io.clituner.core.egress.AuditEvent;
import io.clituner.core.egress.AuditSink;
import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.CommandBlockedException;
import io.clituner.core.error.ErrorCode;
import io.clituner.core.ingress.CommandRequest;
import io.clituner.provenance.registry.VersionRef;
import io.clituner.provenance.registry.access.Caller;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a route's shadow version on a copy of each request, after the response is made, on one daemon thread with a
 * bounded queue (a full queue drops the request and counts it). Only a {@code route.shadow} audit event and the counters
 * record how the shadow compared with the primary's command.
 */
final class ShadowRunner {
    private static final Logger LOG =
            LoggerFactory.getLogger(RoutedTranslator.class); // one logger for the routing of a request

    private final String capability;
    private final Caller caller;
    private final ServedPipelines pipelines;
    private final @Nullable AuditSink audit;
    private final Clock clock;
    private final ThreadPoolExecutor executor;
    private final LongAdder runs = new LongAdder();
    private final LongAdder agreements = new LongAdder();
    private final LongAdder disagreements = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final LongAdder dropped = new LongAdder();

    ShadowRunner(
            String capability,
            Caller caller,
            ServedPipelines pipelines,
            @Nullable AuditSink audit,
            Clock clock,
            int queue) {
        this.capability = capability;
        this.caller = caller;
        this.pipelines = pipelines;
        this.audit = audit;
        this.clock = clock;
        this.executor = new ThreadPoolExecutor(
                1,
                1,
                0,
                TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queue),
                r -> {
                    Thread t = new Thread(r, "clituner-shadow-" + capability);
                    t.setDaemon(true);
                    return t;
                },
                (r, pool) -> dropped.increment());
    }

    /** Queues a copy of {@code request} for shadow version {@code v}; the primary's command hash is what it is compared with. */
    void submit(String routeId, CommandRequest request, VersionRef v, @Nullable String primaryCommandHash) {
        // a copy: the shadow must not share anything mutable with the caller's request
        CommandRequest copy =
                new CommandRequest(request.query(), request.shellType(), request.safetyLevel(), request.userId());
        try {
            executor.execute(() -> run(routeId, copy, v, primaryCommandHash));
        } catch (RejectedExecutionException e) {
            dropped.increment();
        }
    }

    private void run(String routeId, CommandRequest copy, VersionRef v, @Nullable String primaryCommandHash) {
        long t = System.nanoTime();
        String outcome;
        String commandHash = null;
        String error = null;
        try {
            Served served = pipelines.shadow(v);
            CommandResponse r = served.pipeline().translate(copy);
            commandHash = r.provenance().commandHash();
            outcome = "returned";
        } catch (CliTunerException e) {
            error = e.code().name();
            outcome = RoutedTranslator.engineFailure(e) ? "failed" : RoutedTranslator.answerOutcome(e);
            if (e instanceof CommandBlockedException b) {
                commandHash = b.provenance().orElseThrow().commandHash();
            }
        } catch (RuntimeException e) {
            error = ErrorCode.INFERENCE_FAILED.name();
            outcome = "failed";
        }
        runs.increment();
        boolean agrees = commandHash != null && commandHash.equals(primaryCommandHash);
        if (outcome.equals("failed")) {
            failures.increment();
        } else if (agrees) {
            agreements.increment();
        } else {
            disagreements.increment();
        }
        if (audit != null) {
            Map<String, String> attrs = new HashMap<>();
            attrs.put("routeId", routeId);
            attrs.put("capability", capability);
            attrs.put("target", v.toString());
            attrs.put("outcome", outcome);
            attrs.put("agrees", Boolean.toString(agrees));
            attrs.put("latencyMicros", Long.toString((System.nanoTime() - t) / 1000));
            RoutedTranslator.put(attrs, "commandHash", commandHash);
            RoutedTranslator.put(attrs, "errorCode", error);
            try {
                audit.append(new AuditEvent("route.shadow", caller.toString(), clock.instant(), attrs));
            } catch (RuntimeException e) {
                LOG.warn("shadow audit event for route {} not written: {}", routeId, e.toString());
            }
        }
    }

    long runs() {
        return runs.sum();
    }

    long agreements() {
        return agreements.sum();
    }

    long disagreements() {
        return disagreements.sum();
    }

    long failures() {
        return failures.sum();
    }

    long dropped() {
        return dropped.sum();
    }

    /** Waits up to {@code timeout} for queued shadow requests to finish. */
    boolean await(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (executor.getActiveCount() > 0 || !executor.getQueue().isEmpty()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    /** Stops the queue: running shadows are interrupted, waited for up to 5 s; queued ones are dropped. */
    void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
