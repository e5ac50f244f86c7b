package io.clituner.guardrails.internal.analysis;

import io.clituner.guardrails.internal.expand.Arg;
import io.clituner.guardrails.internal.expand.BashNames;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A shell made reachable from the internet without a reverse connection: a web terminal serving a shell
 * ({@code ttyd -p 7681 bash}, {@code gotty -w bash}) and, in the same line, a public tunnel ({@code ngrok http 7681},
 * {@code cloudflared tunnel --url …}, {@code bore local 7681 --to …}, {@code ssh -R}). Each alone is an ordinary tool
 * (both are in the benign corpus); together they hand a shell to whoever finds the URL. Tools whose purpose is to
 * share this machine's terminal or editor with a remote party ({@code code tunnel}, {@code tmate}, {@code upterm host},
 * {@code sshx}) are reviewed on their own. One instance per analysed line, kept in its {@link LineState}.
 */
final class ExposedShells {
    static final String EXPOSED = "revshell.exposed-shell";
    static final String SHARED = "net.shared-terminal";

    /** Programs that serve the command they are given over HTTP or TCP, and their options that take a value. */
    private static final Set<String> WEB_TERMINALS = Set.of("ttyd", "gotty", "wetty", "shellinaboxd", "webtty");

    private static final Set<String> TERMINAL_VALUE_OPTS = Set.of(
            "-p",
            "--port",
            "-i",
            "--interface",
            "-c",
            "--credential",
            "-u",
            "--uid",
            "-g",
            "--gid",
            "-t",
            "--client-option",
            "-T",
            "--terminal-type",
            "-a",
            "--address",
            "-s",
            "--service",
            "-I",
            "--index",
            "-b",
            "--base-path",
            "-P",
            "--ping-interval");

    /** Public tunnel programs (and their subcommands that open a tunnel). */
    private static final Set<String> TUNNELS = Set.of(
            "ngrok",
            "cloudflared",
            "bore",
            "lt",
            "localtunnel",
            "localxpose",
            "loclx",
            "pinggy",
            "zrok",
            "tunnelto",
            "frpc",
            "chisel");

    /** Every program this class looks at (one lookup for all others). */
    private static final Set<String> NAMES = names();

    private static Set<String> names() {
        Set<String> all = new java.util.HashSet<>(WEB_TERMINALS);
        all.addAll(TUNNELS);
        all.addAll(List.of("ssh", "code", "code-insiders", "tmate", "upterm", "sshx"));
        return Set.copyOf(all);
    }

    private boolean shellServed;
    private boolean tunnelOpened;

    /** The finding this invocation adds to the line (rule id and reason), or null. */
    /** Whether this program is one the class looks at (a web terminal, a tunnel, a terminal-sharing tool). */
    static boolean concerns(String name) {
        return NAMES.contains(name);
    }

    String @Nullable [] see(Invocation inv, String n) {
        if (shared(inv)) {
            return new String[] {SHARED, n + " shares this machine's terminal with a remote party"};
        }
        boolean served = WEB_TERMINALS.contains(n) && servesShell(inv);
        boolean tunnel = (TUNNELS.contains(n) && opensTunnel(inv)) || (n.equals("ssh") && inv.hasOption('R'));
        shellServed |= served;
        tunnelOpened |= tunnel;
        if ((served || tunnel) && shellServed && tunnelOpened) {
            return new String[] {EXPOSED, "a web terminal serving a shell and a public tunnel in one command line"};
        }
        return null;
    }

    private static boolean servesShell(Invocation inv) {
        List<Arg> argv = inv.argv();
        for (int i = 1; i < argv.size(); i++) {
            String t = argv.get(i).text();
            if (TERMINAL_VALUE_OPTS.contains(t)) {
                i++;
            } else if (!t.startsWith("-")) {
                String prog = BashNames.basename(t);
                return Programs.isShell(prog)
                        || prog.equals("login")
                        || prog.equals("su")
                        || Programs.INTERPRETERS.contains(prog)
                        || prog.startsWith("python");
            }
        }
        return false;
    }

    private static boolean opensTunnel(Invocation inv) {
        String n = inv.name();
        if (inv.size() < 2 || inv.hasOption('h', "--help") || inv.hasOption('\0', "--version")) {
            return false;
        }
        String sub = inv.arg(1).text();
        return switch (n) {
            case "ngrok" -> Set.of("http", "tcp", "tls", "start").contains(sub);
            case "cloudflared" ->
                sub.equals("tunnel") && inv.args().stream().anyMatch(a -> a.startsWith("--url") || a.is("run"));
            case "bore" -> sub.equals("local");
            default -> true;
        };
    }

    /** code tunnel (serving), tmate, upterm host, sshx: a remote party gets this machine's shell. */
    private static boolean shared(Invocation inv) {
        String n = inv.name();
        String sub = inv.size() > 1 ? inv.arg(1).text() : "";
        return switch (n) {
            case "code", "code-insiders" ->
                sub.equals("tunnel")
                        && (inv.size() == 2 || inv.arg(2).startsWith("-"))
                        && !inv.hasOption('h', "--help");
            case "tmate" -> !inv.hasOption('V') && !inv.hasOption('h');
            case "upterm" -> sub.equals("host");
            case "sshx" -> !inv.hasOption('h', "--help", "--version") && !inv.hasOption('V');
            default -> false;
        };
    }
}
