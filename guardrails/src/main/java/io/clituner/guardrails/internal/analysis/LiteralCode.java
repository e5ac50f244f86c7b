package io.clituner.guardrails.internal.analysis;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The string literals of an inline program that starts processes, as candidate shell commands. The scan in
 * {@link ForeignCode} follows literals into the calls it recognises; programs that reach a process API another way
 * ({@code f = os.system; f("…")}, {@code getattr(__import__('os'), 'system')("…")}, {@code c = "…"; system(c)},
 * Groovy's {@code "…".execute()}, Tcl's {@code exec}) still hold the command as a literal. Each literal (and each
 * list of literals, as an argv) is judged as a command; the walker keeps only what would be blocked, so literals
 * that are never run cost no review.
 */
final class LiteralCode {
    private LiteralCode() {}

    /** Lower-case marks of an API that starts a process, in any of the scanned languages. */
    private static final List<String> PROCESS_APIS = List.of(
            "system",
            "exec",
            "popen",
            "spawn",
            "subprocess",
            "child_process",
            "shell_exec",
            "passthru",
            "proc_open",
            "execute",
            "processbuilder",
            "getruntime",
            "run(",
            "call(",
            "check_output",
            "pty",
            "io.popen",
            "os.execute",
            "%x",
            "qx",
            "open3",
            "command(");

    private static final int MAX_CANDIDATES = 16;

    /** Candidate commands: literals with a space, a slash or a pipe, and all-literal lists as argv. */
    static List<String> candidates(String language, String code) {
        String lower = code.toLowerCase(Locale.ROOT);
        if (PROCESS_APIS.stream().noneMatch(lower::contains)) {
            return List.of();
        }
        Set<String> out = new LinkedHashSet<>();
        if (language.equals("tcl")) {
            tclExec(code, out);
        }
        List<String> run = new ArrayList<>(); // consecutive literals of one list: ("rm", "-rf", "/")
        int i = 0;
        while (i < code.length() && out.size() < MAX_CANDIDATES) {
            char c = code.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                int e = ForeignText.stringEnd(code, i);
                String lit = ForeignText.unescape(code.substring(i + 1, Math.max(i + 1, e)));
                if (lit.length() >= 3 && (lit.indexOf(' ') > 0 || lit.indexOf('|') > 0 || lit.indexOf('/') >= 0)) {
                    out.add(lit);
                }
                run.add(lit);
                i = e + 1;
                continue;
            }
            if (c == ']' || c == ')' || c == ';' || c == '\n') {
                if (run.size() >= 2) {
                    out.add(argv(run));
                }
                run.clear();
            } else if (c == '[' || c == '(' || (!Character.isWhitespace(c) && c != ',')) {
                run.clear();
            }
            i++;
        }
        return new ArrayList<>(out);
    }

    private static String argv(List<String> words) {
        StringBuilder sb = new StringBuilder();
        for (String w : words) {
            sb.append(sb.length() > 0 ? " " : "")
                    .append("'")
                    .append(w.replace("'", "'\\''"))
                    .append("'");
        }
        return sb.toString();
    }

    /** Tcl runs a program with {@code exec prog args…} as a statement or a {@code [exec …]} substitution. */
    private static void tclExec(String code, Set<String> out) {
        int k = 0;
        while ((k = code.indexOf("exec ", k)) >= 0) {
            boolean start = k == 0 || "[;\n\t {".indexOf(code.charAt(k - 1)) >= 0;
            int end = k + 5;
            while (end < code.length() && "];\n}".indexOf(code.charAt(end)) < 0) {
                end++;
            }
            if (start) {
                out.add(code.substring(k + 5, end)
                        .replaceAll("^(-keepnewline|-ignorestderr|--)\\s+", "")
                        .strip());
            }
            k = end;
        }
    }
}
