package io.clituner.benchmarks.eval;

/** Told what the evaluator is doing; the CLI draws a progress bar on stderr from it. */
public interface EvalProgress {
    /** {@code done} of {@code total} items of {@code phase} finished. */
    void update(String phase, int done, int total);

    /** Something a person must see (e.g. a tier skipped). */
    void warn(String message);

    EvalProgress NONE = new EvalProgress() {
        @Override
        public void update(String phase, int done, int total) {}

        @Override
        public void warn(String message) {}
    };
}
