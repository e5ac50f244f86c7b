package io.clituner.inference.gguf.internal.binding;

import de.kherud.llama.LlamaModel;
import de.kherud.llama.LogLevel;
import de.kherud.llama.args.LogFormat;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes llama.cpp's log lines to the SLF4J logger {@value #LOGGER_NAME}, so nothing reaches
 * stderr. llama.cpp's own console logger (its model-loading chatter) is switched off per model with
 * {@code --log-disable}; every model load resets llama.cpp's log callback, so the bridge is
 * installed again after each load. Its DEBUG lines arrive at TRACE, being per-token noise.
 */
public final class NativeLogBridge implements BiConsumer<LogLevel, String> {
    public static final String LOGGER_NAME = "io.clituner.inference.gguf.llama.cpp";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER_NAME);
    private static final NativeLogBridge INSTANCE = new NativeLogBridge();

    private NativeLogBridge() {}

    /** Installs the bridge; call after every model load. */
    public static void install() {
        LlamaModel.setLogger(LogFormat.TEXT, INSTANCE);
    }

    @Override
    public void accept(LogLevel level, String message) {
        switch (level) {
            case ERROR -> {
                if (LOG.isErrorEnabled()) {
                    LOG.error(message.strip());
                }
            }
            case WARN -> {
                if (LOG.isWarnEnabled()) {
                    LOG.warn(message.strip());
                }
            }
            case INFO -> {
                if (LOG.isDebugEnabled()) {
                    LOG.debug(message.strip());
                }
            }
            default -> {
                if (LOG.isTraceEnabled()) {
                    LOG.trace(message.strip());
                }
            }
        }
    }
}
