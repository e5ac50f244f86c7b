package io.clituner.guardrails.internal.analysis;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.RandomAccess;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The earlier stages of a pipeline as each stage sees them, without copying: every stage gets a fixed-size prefix
 * view of one append-only log. Questions asked of every stage ("does any earlier stage read a secret?") are
 * answered through {@link #first} and {@link #matches}, which remember how far the log was scanned for each
 * question, so a pipeline of n stages costs O(n) per question in total instead of O(n²).
 */
public final class Upstream extends AbstractList<Invocation> implements RandomAccess {
    /** How many matches {@link #matches} returns at most: the ones nearest to the asking stage. */
    public static final int MAX_MATCHES = 32;
    /** Views this short are scanned directly: cheaper than a memo, and bounded. */
    private static final int SHORT = 8;

    private final Log log;
    private final int size;

    private Upstream(Log log, int size) {
        this.log = log;
        this.size = size;
    }

    /** A new log that continues {@code base} (the stages a nested pipeline's first stage already sees). */
    static Log log(List<Invocation> base) {
        return new Log(base);
    }

    @Override
    public Invocation get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        return log.get(index);
    }

    @Override
    public int size() {
        return size;
    }

    /**
     * The earliest stage in {@code stages} that {@code question} accepts, or null. {@code question} must be a constant
     * (its identity keys the memo) that depends only on the invocation.
     */
    public static @Nullable Invocation first(List<Invocation> stages, Predicate<Invocation> question) {
        if (stages instanceof Upstream u && u.size > SHORT) {
            return u.log.first(question, u.size);
        }
        for (Invocation inv : stages) {
            if (question.test(inv)) {
                return inv;
            }
        }
        return null;
    }

    /** The stages that {@code question} accepts, at most {@link #MAX_MATCHES} (the nearest ones), in pipeline order. */
    public static List<Invocation> matches(List<Invocation> stages, Predicate<Invocation> question) {
        if (stages instanceof Upstream u && u.size > SHORT) {
            return u.log.matches(question, u.size);
        }
        List<Invocation> out = new ArrayList<>();
        for (Invocation inv : stages) {
            if (question.test(inv)) {
                out.add(inv);
            }
        }
        return out.size() <= MAX_MATCHES ? out : out.subList(out.size() - MAX_MATCHES, out.size());
    }

    /** The stages of one pipeline in order, after those it continues. */
    static final class Log {
        private final List<Invocation> base;
        private final List<Invocation> own = new ArrayList<>();
        /** Created on first use: most pipelines are too short to be asked through the memo at all. */
        private @Nullable IdentityHashMap<Predicate<Invocation>, Scan> scans;

        private Log(List<Invocation> base) {
            this.base = base;
        }

        void addAll(List<Invocation> stage) {
            own.addAll(stage);
        }

        Upstream view() {
            return new Upstream(this, base.size() + own.size());
        }

        Invocation get(int index) {
            int b = base.size();
            return index < b ? base.get(index) : own.get(index - b);
        }

        @Nullable
        Invocation first(Predicate<Invocation> q, int size) {
            Invocation inBase = Upstream.first(base, q);
            if (inBase != null) {
                return inBase;
            }
            Scan s = scan(q, size);
            for (int i : s.hits) {
                return i < size ? get(i) : null;
            }
            return null;
        }

        List<Invocation> matches(Predicate<Invocation> q, int size) {
            Scan s = scan(q, size);
            List<Invocation> out = new ArrayList<>();
            int hi = s.hits.size();
            while (hi > 0 && s.hits.get(hi - 1) >= size) {
                hi--;
            }
            for (int k = Math.max(0, hi - MAX_MATCHES); k < hi; k++) {
                out.add(get(s.hits.get(k)));
            }
            if (out.size() < MAX_MATCHES) {
                List<Invocation> fromBase = Upstream.matches(base, q);
                int room = MAX_MATCHES - out.size();
                out.addAll(0, fromBase.subList(Math.max(0, fromBase.size() - room), fromBase.size()));
            }
            return out;
        }

        /** Scans this log's own stages up to {@code size}, once: later calls resume where the last one stopped. */
        private Scan scan(Predicate<Invocation> q, int size) {
            if (scans == null) {
                scans = new IdentityHashMap<>(4);
            }
            Scan s = scans.computeIfAbsent(q, k -> new Scan());
            int b = base.size();
            s.next = Math.max(s.next, b); // the base answers for its own stages
            for (; s.next < size; s.next++) {
                if (q.test(own.get(s.next - b))) {
                    s.hits.add(s.next);
                }
            }
            return s;
        }
    }

    /** How far one question has been asked of a log, and the indices it accepted. */
    private static final class Scan {
        int next;
        final List<Integer> hits = new ArrayList<>();
    }
}
