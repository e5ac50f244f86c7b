package io.clituner.inference.djl.bank;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The program a command starts with, for statistics (evaluation, drift): leading variable
 * assignments and {@code sudo} with its options are skipped. Not a parser and not a safety check;
 * the guardrail module does that.
 */
public final class CommandPrograms {
    /** Compiled once: the engine asks for the program of every bank command at start. */
    private static final Pattern ASSIGNMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=.*");

    private static final Pattern BLANKS = Pattern.compile("\\s+");

    private CommandPrograms() {}

    /** e.g. {@code "sudo -u pg psql"} → {@code "psql"}, {@code "LC_ALL=C sort f"} → {@code "sort"}; "" for blank input. */
    public static String first(String command) {
        String[] words = BLANKS.split(command.strip());
        int i = 0;
        while (i < words.length && ASSIGNMENT.matcher(words[i]).matches()) {
            i++;
        }
        if (i < words.length && words[i].equals("sudo")) {
            i++;
            while (i < words.length && words[i].startsWith("-")) {
                boolean takesValue = words[i].equals("-u") || words[i].equals("-g");
                i += takesValue ? 2 : 1;
            }
        }
        if (i >= words.length) {
            return "";
        }
        String w = words[i];
        int slash = w.lastIndexOf('/');
        // "./build.sh" and "/usr/bin/env" name the same program as their last path segment.
        return (slash >= 0 && slash < w.length() - 1 ? w.substring(slash + 1) : w).toLowerCase(Locale.ROOT);
    }
}
