package io.clituner.benchmarks.eval;

import java.io.PrintWriter;
import org.jspecify.annotations.Nullable;

/** A one-line progress bar ({@code \r}-redrawn, at most ten times a second) and loud warnings. */
public final class ProgressBar implements EvalProgress {
    private static final int WIDTH = 30;
    private final PrintWriter err;
    private long lastDraw;
    private @Nullable String lastPhase;
    private int lastDone;

    public ProgressBar(PrintWriter err) {
        this.err = err;
    }

    @Override
    public synchronized void update(String phase, int done, int total) {
        long now = System.nanoTime();
        boolean end = done >= total;
        boolean samePhase = phase.equals(lastPhase);
        // updates from worker threads may arrive out of order; never draw backwards or twice at the end
        if (samePhase && (done <= lastDone || (!end && now - lastDraw < 250_000_000L))) {
            return;
        }
        lastDraw = now;
        lastPhase = phase;
        lastDone = done;
        int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * done / total);
        err.print("\r"
                + String.format(
                        "%-10s [%s%s] %d/%d", phase, "#".repeat(filled), " ".repeat(WIDTH - filled), done, total));
        if (end) {
            err.println();
        }
        err.flush();
    }

    @Override
    public synchronized void warn(String message) {
        err.println();
        err.println("WARNING: " + message);
        err.flush();
    }
}
