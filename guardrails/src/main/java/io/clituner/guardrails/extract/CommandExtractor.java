package io.clituner.guardrails.extract;

import io.clituner.core.error.ErrorCode;
import io.clituner.core.error.OutputRejectedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Turns untrusted model text into exactly one command line: strips Markdown code fences, shell
 * prompts ({@code $ }, {@code # }), "Command:" labels, surrounding quotes or backticks and prose
 * lines around a fenced block. Rejects empty, multi-line and out-of-bounds output with a typed
 * {@link OutputRejectedException}.
 */
public final class CommandExtractor {
    /**
     * A lone lower-case program name ({@code ls}, {@code id}, {@code w}, {@code df}): real commands the
     * length minimum must not reject; it exists to catch degenerate output such as {@code .} or {@code :}.
     */
    private static final Pattern LONE_PROGRAM = Pattern.compile("[a-z][a-z0-9]*");

    private final int minLength;
    private final int maxLength;

    public CommandExtractor(int minLength, int maxLength) {
        if (minLength < 1 || maxLength < minLength) {
            throw new IllegalArgumentException("need 1 <= minLength <= maxLength, got " + minLength + ".." + maxLength);
        }
        this.minLength = minLength;
        this.maxLength = maxLength;
    }

    public String extract(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new OutputRejectedException(ErrorCode.OUTPUT_EMPTY, "the model produced no command");
        }
        String text = (raw.indexOf('\r') < 0 ? raw : raw.replace("\r\n", "\n").replace('\r', '\n')).strip();
        if (text.indexOf('\n') < 0 && !text.contains("```")) {
            // One line without a fence, what a grammar-constrained model emits: the general path below
            // would yield exactly [clean(text)], with more code to run on a cold cache.
            String cmd = clean(text);
            if (cmd.isEmpty()) {
                throw new OutputRejectedException(ErrorCode.OUTPUT_EMPTY, "the model output holds no command");
            }
            return checkLength(cmd);
        }
        List<String> lines = fencedBody(text);
        if (lines == null) {
            lines = new ArrayList<>();
            for (String l : text.split("\n")) {
                if (!l.isBlank()) {
                    lines.add(l);
                }
            }
            if (lines.size() > 1) {
                // prose around one command: keep lines that look like a command (prompt or label)
                List<String> marked = new ArrayList<>();
                for (String l : lines) {
                    String s = l.strip();
                    if (s.startsWith("$ ") || s.toLowerCase(Locale.ROOT).startsWith("command:")) {
                        marked.add(l);
                    }
                }
                if (marked.size() == 1) {
                    lines = marked;
                }
            }
        }
        List<String> cleaned = new ArrayList<>();
        for (String l : lines) {
            String c = clean(l);
            if (!c.isEmpty()) {
                cleaned.add(c);
            }
        }
        if (cleaned.isEmpty()) {
            throw new OutputRejectedException(ErrorCode.OUTPUT_EMPTY, "the model output holds no command");
        }
        if (cleaned.size() > 1) {
            throw new OutputRejectedException(
                    ErrorCode.OUTPUT_MULTILINE,
                    "the model produced " + cleaned.size() + " lines; exactly one command is accepted");
        }
        return checkLength(cleaned.get(0));
    }

    private String checkLength(String cmd) {
        if (cmd.length() < minLength && !LONE_PROGRAM.matcher(cmd).matches()) {
            throw new OutputRejectedException(
                    ErrorCode.OUTPUT_TOO_SHORT,
                    "command of " + cmd.length() + " characters is shorter than the minimum " + minLength);
        }
        if (cmd.length() > maxLength) {
            throw new OutputRejectedException(
                    ErrorCode.OUTPUT_TOO_LONG,
                    "command of " + cmd.length() + " characters is longer than the maximum " + maxLength);
        }
        return cmd;
    }

    /** Lines inside the first ``` fence, or null when there is none. */
    private static @Nullable List<String> fencedBody(String text) {
        int open = text.indexOf("```");
        if (open < 0) {
            return null;
        }
        int eol = text.indexOf('\n', open);
        if (eol < 0) {
            // a single line like ```ls -la```
            int close = text.indexOf("```", open + 3);
            String body = close > 0 ? text.substring(open + 3, close) : text.substring(open + 3);
            return List.of(body);
        }
        int close = text.indexOf("```", eol);
        String body = close < 0 ? text.substring(eol + 1) : text.substring(eol + 1, close);
        List<String> out = new ArrayList<>();
        for (String l : body.split("\n")) {
            if (!l.isBlank()) {
                out.add(l);
            }
        }
        return out;
    }

    private static String clean(String line) {
        String s = line.strip();
        if (s.regionMatches(true, 0, "command:", 0, 8)) {
            s = s.substring(8).strip();
        }
        if (s.startsWith("$ ") || s.startsWith("# ") || s.startsWith("> ")) {
            s = s.substring(2).strip();
        } else if (s.equals("$") || s.equals("#")) {
            s = "";
        }
        if (s.length() >= 2 && s.startsWith("`") && s.endsWith("`") && s.indexOf('`', 1) == s.length() - 1) {
            s = s.substring(1, s.length() - 1).strip();
        }
        final char first = s.isEmpty() ? ' ' : s.charAt(0);
        if (s.length() >= 2
                && (first == '"' || first == '\'')
                && s.endsWith(String.valueOf(first))
                && s.chars().filter(c -> c == first).count() == 2) {
            String inner = s.substring(1, s.length() - 1);
            s = inner.strip();
        }
        return s;
    }
}
