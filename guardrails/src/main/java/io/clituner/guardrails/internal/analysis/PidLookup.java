package io.clituner.guardrails.internal.analysis;

import io.clituner.guardrails.internal.expand.Arg;
import java.util.ArrayList;
import java.util.List;

/**
 * Programs that print the PIDs of named processes ({@code pgrep auditd}, {@code pidof rsyslogd}, a daemon's pid file,
 * {@code systemctl show -p MainPID --value auditd}). A {@code kill} whose PIDs come from such a lookup
 * ({@code kill -9 $(pgrep auditd)}, {@code pgrep auditd | xargs kill}) signals those processes by name, so the walker
 * judges it as the equivalent {@code pkill} and the name-based kill rules apply.
 */
final class PidLookup {
    private PidLookup() {}

    /** pgrep options that take a separate value (the value is not a process name). */
    private static final String PGREP_VALUE_LETTERS = "dgGPsStuUF";

    /** The process names whose PIDs this invocation prints; empty when it is not a PID lookup. */
    static List<String> names(Invocation inv) {
        List<String> out = new ArrayList<>();
        switch (inv.name()) {
            case "pgrep", "pidof" -> {
                for (int i = 1; i < inv.size(); i++) {
                    String t = inv.arg(i).text();
                    if (t.startsWith("-") && t.length() > 1) {
                        boolean value = !t.startsWith("--")
                                && t.length() == 2
                                && PGREP_VALUE_LETTERS.indexOf(t.charAt(1)) >= 0
                                && !inv.name().equals("pidof");
                        if (t.equals("-o") && inv.name().equals("pidof")) {
                            value = true; // pidof -o PID omits a pid
                        }
                        i += value ? 1 : 0;
                        continue;
                    }
                    out.add(baseName(t));
                }
            }
            case "cat", "head", "tail", "xargs" -> {
                for (Arg a : inv.operands()) {
                    pidFile(a.text(), out);
                }
            }
            case "systemctl" -> {
                if (inv.size() > 1
                        && inv.arg(1).is("show")
                        && inv.args().stream().anyMatch(a -> a.text().contains("MainPID"))) {
                    for (Arg a : inv.operands()) {
                        if (!a.is("show") && !a.text().contains("MainPID")) {
                            out.add(a.text().replaceFirst("\\.service$", ""));
                        }
                    }
                }
            }
            default -> {}
        }
        for (io.clituner.guardrails.internal.analysis.Redir r : inv.redirects()) {
            if (r.fd() == 0 && r.op().equals("<")) {
                pidFile(r.target().text(), out); // read pid < /run/auditd.pid
            }
        }
        return out;
    }

    private static void pidFile(String path, List<String> out) {
        if (path.endsWith(".pid")) {
            String base = baseName(path);
            out.add(base.substring(0, base.length() - 4));
        }
    }

    private static String baseName(String t) {
        int slash = t.lastIndexOf('/');
        return slash >= 0 && slash < t.length() - 1 ? t.substring(slash + 1) : t;
    }

    /**
     * {@code kill [signal options]} re-written as {@code pkill [signal] NAMES}: {@code -s SIG}/{@code -n NUM} become
     * {@code -SIG}; PID operands are replaced by the looked-up names.
     */
    static Invocation asPkill(Invocation kill, List<String> names) {
        List<Arg> argv = new ArrayList<>();
        argv.add(kill.arg(0).withText("pkill"));
        for (int i = 1; i < kill.size(); i++) {
            Arg a = kill.arg(i);
            if ((a.is("-s") || a.is("-n")) && i + 1 < kill.size()) {
                argv.add(a.withText("-" + kill.arg(++i).text()));
            } else if (a.startsWith("-") && a.text().length() > 1 && !a.is("--")) {
                argv.add(a);
            }
        }
        for (String n : names) {
            argv.add(Arg.literal(n, kill.start(), kill.end()));
        }
        return kill.withArgv(argv);
    }
}
