package io.clituner.inference.gguf.internal.binding;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a host JVM end after {@code main} returns although llama.cpp was used. de.kherud:llama runs
 * each loaded model's task loop on a native thread that it attaches to the JVM as a non-daemon
 * thread and never detaches, not even when the model is closed; the JVM waits for such a thread
 * forever, so a host that closed every engine would never exit.
 *
 * <p>The loop threads are recognised when a model is loaded (the non-daemon threads without Java
 * frames that appear during the load). A daemon watcher then checks four times a second, without
 * stopping the world (thread-group enumeration), whether the launcher's main thread has returned
 * ({@code DestroyJavaVM} is waiting) while the only other non-daemon threads are those loop threads
 * and no engine holds a model. Then it frees the idle models and calls {@code System.exit(0)}
 * (shutdown hooks run) — exactly the exit the JVM would have made by itself. A host thread still at
 * work, or an engine not closed, keeps the JVM alive as it should. A host whose {@code main} ends
 * with an exception and wants a non-zero status must exit itself.
 */
final class IdleModelReaper {
    private static final Logger LOG = LoggerFactory.getLogger(IdleModelReaper.class);
    private static final AtomicBoolean STARTED = new AtomicBoolean();
    private static final long PERIOD_MILLIS = 250;
    /** How long a load waits for the binding's loop thread to attach (it does so asynchronously). */
    private static final long ATTACH_WAIT_MILLIS = 1_000;

    private static final Set<Long> LOOP_THREADS = ConcurrentHashMap.newKeySet();

    private IdleModelReaper() {}

    /** Ids of the live threads, taken just before a model load. */
    static Set<Long> threadIdsBefore() {
        Set<Long> ids = new HashSet<>();
        for (Thread t : threads()) {
            ids.add(t.getId());
        }
        return ids;
    }

    /** After a load: remembers the new native non-daemon thread(s) and starts the watcher once. */
    @SuppressWarnings(
            "ThreadPriorityCheck") // the reaper is background housekeeping: it must not compete with inference threads
    static void adoptLoopThreads(LoadedModelCache cache, Set<Long> before) {
        long deadline = System.nanoTime() + ATTACH_WAIT_MILLIS * 1_000_000;
        boolean found = false;
        while (!found && System.nanoTime() < deadline) {
            for (Thread t : threads()) {
                if (!before.contains(t.getId()) && !t.isDaemon() && t.getStackTrace().length == 0) {
                    found |= LOOP_THREADS.add(t.getId());
                }
            }
            if (!found) {
                Thread.onSpinWait();
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        if (found && STARTED.compareAndSet(false, true)) {
            Thread w = new Thread(() -> watch(cache), "clituner-idle-model-reaper");
            w.setDaemon(true);
            w.setPriority(Thread.MIN_PRIORITY);
            w.start();
        }
    }

    private static void watch(LoadedModelCache cache) {
        while (true) {
            try {
                Thread.sleep(PERIOD_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            if (onlyLoopThreadsKeepTheJvmAlive() && cache.allIdle()) {
                int freed = cache.evictIdle();
                LOG.debug(
                        "main returned; only llama.cpp loop threads were left: freed {} idle model(s), exiting", freed);
                System.exit(0);
            }
        }
    }

    /** True when main has returned and every other live non-daemon thread is a known llama.cpp loop thread. */
    static boolean onlyLoopThreadsKeepTheJvmAlive() {
        boolean mainReturned = false;
        for (Thread t : threads()) {
            if (t.isDaemon() || !t.isAlive()) {
                continue;
            }
            if ("DestroyJavaVM".equals(t.getName())) {
                mainReturned = true;
            } else if (!LOOP_THREADS.contains(t.getId())) {
                return false;
            }
        }
        return mainReturned;
    }

    private static Set<Thread> threads() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] all = new Thread[root.activeCount() + 16];
        int n = root.enumerate(all, true);
        Set<Thread> out = new HashSet<>(n * 2);
        for (int i = 0; i < n; i++) {
            out.add(all[i]);
        }
        return out;
    }
}
