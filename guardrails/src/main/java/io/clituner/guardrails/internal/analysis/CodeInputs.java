package io.clituner.guardrails.internal.analysis;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Where a shell or {@code source} reads a script from when it is named as a file descriptor: {@code /dev/stdin},
 * {@code /dev/fd/N}, {@code /proc/self/fd/N}, {@code /proc/$$/fd/N}, and what that descriptor holds when the same
 * command fills it with a here-string or here-document ({@code bash /dev/fd/3 3<<< CODE}).
 */
final class CodeInputs {
    private CodeInputs() {}

    /** The descriptor a path names ({@code /dev/stdin} is 0), or -1 when it names none. */
    static int fdPath(String path) {
        if (path.equals("/dev/stdin")) {
            return 0;
        }
        String rest = null;
        for (String prefix : new String[] {"/dev/fd/", "/proc/self/fd/", "/proc/thread-self/fd/"}) {
            if (path.startsWith(prefix)) {
                rest = path.substring(prefix.length());
            }
        }
        if (rest == null && path.startsWith("/proc/") && path.indexOf("/fd/") > 6) {
            rest = path.substring(path.indexOf("/fd/") + 4); // /proc/$$/fd/N, /proc/1234/fd/N
        }
        if (rest == null || rest.isEmpty() || rest.length() > 4 || !rest.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return Integer.parseInt(rest);
    }

    /** What descriptor {@code fd} holds from this command's own here-string or here-document, or null. */
    static @Nullable Stdin fdInput(List<Redir> redirects, int fd) {
        Stdin held = null;
        for (Redir r : redirects) {
            if (r.fd() != fd) {
                continue;
            }
            String text = r.target().resolved() ? r.target().text() : null;
            held = switch (r.op()) {
                case "<<<" -> new Stdin(r.target().origin(), text == null ? null : text + "\n", List.of(), true);
                case "<<", "<<-" -> new Stdin(r.target().origin(), text, List.of(), true);
                default -> null;
            };
        }
        return held;
    }
}
