package io.clituner.examples.cli;

import java.io.PrintWriter;

/**
 * Progress of long work on stderr, one line redrawn in place, at most ten times a second, and only
 * when the CLI talks to a terminal: piped or redirected output (CI logs, {@code 2>file}) gets no
 * progress at all. {@code CLITUNER_PROGRESS=0} switches it off, {@code =1} forces it on.
 */
final class Progress implements AutoCloseable {
    private static final long INTERVAL_NANOS = 100_000_000L;

    private final PrintWriter err;
    private final String label;
    private final long total;
    private final boolean on;
    private long last;
    private boolean drawn;

    private Progress(PrintWriter err, String label, long total, boolean on) {
        this.err = err;
        this.label = label;
        this.total = total;
        this.on = on;
    }

    /** A progress line for {@code total} steps ({@code 0} when the total is unknown). */
    static Progress start(PrintWriter err, String label, long total) {
        return new Progress(err, label, total, enabled());
    }

    /** Whether progress is shown: a terminal (no redirection) unless overridden by {@code CLITUNER_PROGRESS}. */
    @SuppressWarnings("SystemConsoleNull") // Java 17 target: console() is null without a terminal
    static boolean enabled() {
        String forced = System.getenv("CLITUNER_PROGRESS");
        if (forced != null) {
            return forced.equals("1");
        }
        return System.console() != null && !"dumb".equals(System.getenv("TERM"));
    }

    /** Shows a one-off status (e.g. "starting the engine…") until the next update or close. */
    static Progress status(PrintWriter err, String text) {
        Progress p = start(err, text, 0);
        p.update(0);
        return p;
    }

    void update(long done) {
        if (!on) {
            return;
        }
        long now = System.nanoTime();
        if (drawn && now - last < INTERVAL_NANOS && done != total) {
            return;
        }
        last = now;
        drawn = true;
        String text = total > 0 ? String.format("%s %d/%d (%d%%)", label, done, total, done * 100 / total) : label;
        err.print("\r" + text + "\u001b[K");
        err.flush();
    }

    @Override
    public void close() {
        if (on && drawn) {
            err.print("\r\u001b[K");
            err.flush();
        }
    }
}
