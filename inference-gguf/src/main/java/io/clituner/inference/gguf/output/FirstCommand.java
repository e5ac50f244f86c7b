package io.clituner.inference.gguf.output;

import java.util.Locale;
import java.util.Optional;

/**
 * Finds the first command line in free model text, fenced or not, as soon as it is complete, so generation can stop
 * there ({@link OutputMode#PARSER}).
 *
 * <ul>
 *   <li>Fenced: the first line inside the first {@code ```} block that is not blank or a {@code #} comment.</li>
 *   <li>Unfenced: the first line that is not blank and not prose. Prose is a line ending in {@code :}, or one that
 *       opens like a sentence ("Here is", "To list…", "You can…"); such a line still yields its first inline
 *       {@code `code`} span if it has one.</li>
 *   <li>Shell prompts ({@code $ }), a {@code Command:} label and wrapping backticks are removed.</li>
 * </ul>
 * A line is complete when its newline (or the closing fence) has been generated, or when the text is final.
 */
public final class FirstCommand {
    private static final String[] PROSE_OPENERS = {
        "here ",
        "here's",
        "to ",
        "you ",
        "this ",
        "the ",
        "use ",
        "run ",
        "sure",
        "certainly",
        "i ",
        "i'",
        "it ",
        "that ",
        "note",
        "explanation",
        "answer",
        "output",
        "example",
        "alternatively",
        "if ",
        "for ",
        "with ",
        "assuming",
        "we ",
        "let's",
        "in ",
        "a ",
        "an ",
        "one "
    };

    private FirstCommand() {}

    /**
     * The first command, if the text holds a complete one.
     *
     * @param text  model text so far
     * @param isFinal whether generation has ended (the last line counts as complete)
     */
    public static Optional<String> find(String text, boolean isFinal) {
        String t = text.indexOf('\r') < 0 ? text : text.replace("\r\n", "\n").replace('\r', '\n');
        int pos = 0;
        boolean inFence = false;
        while (pos <= t.length()) {
            int nl = t.indexOf('\n', pos);
            boolean complete = nl >= 0 || isFinal;
            String line = (nl >= 0 ? t.substring(pos, nl) : t.substring(pos)).strip();
            if (!complete && !inFence && line.startsWith("`")) {
                return Optional.empty(); // a fence or inline code still being written
            }
            if (line.startsWith("```")) {
                if (inFence) {
                    inFence = false; // an empty block: keep looking
                } else {
                    inFence = true;
                }
            } else if (!line.isEmpty()) {
                Optional<String> cmd = inFence ? fenced(line) : unfenced(line);
                if (cmd.isPresent()) {
                    if (!complete) {
                        return Optional.empty();
                    }
                    return cmd;
                }
            }
            if (nl < 0) {
                return Optional.empty();
            }
            pos = nl + 1;
        }
        return Optional.empty();
    }

    private static Optional<String> fenced(String line) {
        if (line.startsWith("#") && !line.startsWith("#!")) {
            return Optional.empty();
        }
        return nonEmpty(stripPrompt(line));
    }

    private static Optional<String> unfenced(String line) {
        String lower = line.toLowerCase(Locale.ROOT);
        if (lower.startsWith("command:")) {
            return nonEmpty(unquote(line.substring(8).strip()));
        }
        boolean prose = line.endsWith(":");
        for (String opener : PROSE_OPENERS) {
            prose |= lower.startsWith(opener);
        }
        if (prose) {
            int a = line.indexOf('`');
            int b = a < 0 ? -1 : line.indexOf('`', a + 1);
            return b > a + 1 ? nonEmpty(line.substring(a + 1, b).strip()) : Optional.empty();
        }
        return nonEmpty(unquote(stripPrompt(line)));
    }

    private static String stripPrompt(String line) {
        return line.startsWith("$ ") ? line.substring(2).strip() : line;
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && s.startsWith("`") && s.endsWith("`")) {
            return s.substring(1, s.length() - 1).strip();
        }
        return s;
    }

    private static Optional<String> nonEmpty(String s) {
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }
}
