package io.clituner.guardrails.internal.expand;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Tilde expansion: {@code ~} is the home directory ({@link Env#HOME}), {@code ~root} is /root, {@code ~user} is
 * /home/user, {@code ~+} the working directory. Bash applies it at the start of a word, including each word that brace
 * expansion produces ({@code {rm,-rf,~}} deletes the home directory).
 */
final class Tilde {
    private Tilde() {}

    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

    /**
     * The home directory a leading tilde prefix names and the length of that prefix, or null when the text does not
     * start with one. The prefix ends at a slash, or at a brace-expansion comma or brace still in the text.
     */
    static String @Nullable [] prefix(String text) {
        int end = text.length();
        for (int k = 1; k < text.length(); k++) {
            char c = text.charAt(k);
            if (c == '/' || c == Sentinels.BRACE_COMMA || c == Sentinels.BRACE_CLOSE || c == Sentinels.SPLIT) {
                end = k;
                break;
            }
        }
        String user = text.substring(1, end);
        String home = null;
        if (user.isEmpty()) {
            home = Env.HOME;
        } else if (user.equals("root")) {
            home = "/root";
        } else if (user.equals("+")) {
            home = ".";
        } else if (USER_NAME.matcher(user).matches()) {
            home = "/home/" + user;
        }
        return home == null ? null : new String[] {home, Integer.toString(end)};
    }
}
