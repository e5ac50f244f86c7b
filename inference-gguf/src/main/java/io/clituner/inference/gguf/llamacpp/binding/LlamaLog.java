package io.clituner.inference.gguf.llamacpp.binding;

import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes llama.cpp's and ggml's log lines to SLF4J logger {@code io.clituner.inference.gguf.llamacpp.native}
 * (ERROR→error, WARN→warn, INFO→debug, DEBUG→trace) instead of stderr. Continuation fragments
 * ({@code GGML_LOG_LEVEL_CONT}) keep the level of the line they continue. Text is decoded only when the
 * level is enabled, so a quiet logger costs one callback per line.
 */
final class LlamaLog {
    private static final Logger LOG = LoggerFactory.getLogger("io.clituner.inference.gguf.llamacpp.native");
    /** Held for the life of the process: llama.cpp keeps the function pointer. */
    private static final Llama.LogCallback CALLBACK = new Llama.LogCallback() {
        private int last = 2;

        @Override
        public void invoke(int level, Pointer text, Pointer userData) {
            int lvl = level == 5 ? last : level;
            last = lvl;
            boolean enabled = switch (lvl) {
                case 4 -> LOG.isErrorEnabled();
                case 3 -> LOG.isWarnEnabled();
                case 2 -> LOG.isDebugEnabled();
                default -> LOG.isTraceEnabled();
            };
            if (!enabled || text == null) {
                return;
            }
            String line = text.getString(0, StandardCharsets.UTF_8.name()).stripTrailing();
            if (line.isEmpty()) {
                return;
            }
            switch (lvl) {
                case 4 -> LOG.error(line);
                case 3 -> LOG.warn(line);
                case 2 -> LOG.debug(line);
                default -> LOG.trace(line);
            }
        }
    };

    private LlamaLog() {}

    static void install() {
        Llama.llama_log_set(CALLBACK, null);
    }
}
