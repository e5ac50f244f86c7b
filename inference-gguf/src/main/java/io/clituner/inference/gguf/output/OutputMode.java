package io.clituner.inference.gguf.output;

import io.clituner.core.error.ConfigurationException;
import io.clituner.core.error.ErrorCode;
import java.util.Locale;

/**
 * How a GGUF engine turns generation into one command line.
 *
 * <ul>
 *   <li>{@link #GRAMMAR}: the one-line GBNF grammar constrains sampling from the first token
 *       ({@link io.clituner.inference.gguf.grammar.CommandGrammar}). The output is one line by construction and
 *       generation ends at its newline. Best for models that answer with the bare command anyway.</li>
 *   <li>{@link #PARSER}: free generation; {@link FirstCommand} takes the first command line from the text, fenced or
 *       not (prose and labels around it skipped), and generation stops as soon as that line is complete. Best for
 *       small instruction models that like to open with a fence or a sentence: constraining their first tokens
 *       forces them off the distribution they learned.</li>
 * </ul>
 */
public enum OutputMode {
    GRAMMAR("grammar"),
    PARSER("parser");

    private final String option;

    OutputMode(String option) {
        this.option = option;
    }

    /** The value of the engine option {@code output}. */
    public String option() {
        return option;
    }

    public static OutputMode parse(String value) {
        for (OutputMode m : values()) {
            if (m.option.equals(value.trim().toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new ConfigurationException(
                ErrorCode.CONFIGURATION,
                "output must be 'grammar' (one-line GBNF) or 'parser'"
                        + " (free generation, first command line extracted), got '" + value + "'");
    }
}
