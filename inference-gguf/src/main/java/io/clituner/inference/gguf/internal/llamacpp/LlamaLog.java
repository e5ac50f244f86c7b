package io.clituner.inference.gguf.internal.llamacpp;

import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes llama.cpp's and ggml's log lines to SLF4J logger {@code io.clituner.inference.gguf.llamacpp.native}
 * (ERROR→error, WARN and INFO→debug, DEBUG→trace) instead of stderr. llama.cpp warns about harmless quirks of
 * many model files ("bad special token …"); so its warnings stay at debug and the last warnings and errors of the
 * calling thread are kept instead ({@link #recentProblems()}), for the typed exception of a call that fails.
 * Continuation fragments ({@code GGML_LOG_LEVEL_CONT}) keep the level of the line they continue.
 */
public final class LlamaLog {
    private static final int KEPT = 6;
    private static final ThreadLocal<java.util.ArrayDeque<String>> PROBLEMS =
            ThreadLocal.withInitial(java.util.ArrayDeque::new);
    private static final Logger LOG = LoggerFactory.getLogger("io.clituner.inference.gguf.llamacpp.native");
    /** Held for the life of the process: llama.cpp keeps the function pointer. */
    private static final Llama.LogCallback CALLBACK = new Llama.LogCallback() {
        private int last = 2;

        @Override
        public void invoke(int level, @Nullable Pointer text, @Nullable Pointer userData) {
            int lvl = level == 5 ? last : level;
            last = lvl;
            boolean problem = lvl == 4 || lvl == 3;
            boolean enabled = switch (lvl) {
                case 4 -> LOG.isErrorEnabled();
                case 3, 2 -> LOG.isDebugEnabled();
                default -> LOG.isTraceEnabled();
            };
            if (!(enabled || problem) || text == null) {
                return;
            }
            String line = text.getString(0, StandardCharsets.UTF_8.name()).stripTrailing();
            if (line.isEmpty()) {
                return;
            }
            if (problem) {
                java.util.ArrayDeque<String> kept = PROBLEMS.get();
                if (kept.size() == KEPT) {
                    kept.removeFirst();
                }
                kept.addLast(line);
            }
            switch (lvl) {
                case 4 -> LOG.error(line);
                case 3, 2 -> LOG.debug(line);
                default -> LOG.trace(line);
            }
        }
    };

    private LlamaLog() {}

    /** Forgets the calling thread's kept warnings and errors (before a native call whose failure they may explain). */
    public static void clearProblems() {
        PROBLEMS.get().clear();
    }

    /** The calling thread's last llama.cpp warnings and errors, oldest first, joined by "; ". */
    public static String recentProblems() {
        return String.join("; ", PROBLEMS.get());
    }

    static void install() {
        Llama.llama_log_set(CALLBACK, null);
    }
}
