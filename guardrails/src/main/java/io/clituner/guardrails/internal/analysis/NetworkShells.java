package io.clituner.guardrails.internal.analysis;

import java.util.HashSet;
import java.util.Set;

/**
 * Shells reachable over the network through the line's own plumbing: {@code exec N<>/dev/tcp/H/P} only opens a
 * connection (a port probe, an HTTP request by hand: {@code net.dev-tcp}, REVIEW), but a shell or interpreter whose
 * input or output is then N ({@code sh <&N >&N}, {@code while read l <&N ; do $l >&N ; done}) is a reverse shell
 * ({@code revshell.dev-tcp}); reading N gives network data to the next stage ({@code cat <&N | sh}). Web terminals and
 * public tunnels are {@link ExposedShells}. The state lives in the line's {@link LineState}.
 */
final class NetworkShells {
    private NetworkShells() {}

    /** Judges one invocation: descriptors it opens on /dev/tcp or wires to a shell, web terminals and tunnels. */
    static void see(Walker w, Invocation inv, Ctx ctx) {
        String name = inv.name();
        descriptors(w, inv, name, ctx);
        if (ExposedShells.concerns(name)) {
            LineState s = w.state;
            s.exposedShells = s.exposedShells == null ? new ExposedShells() : s.exposedShells;
            String[] found = s.exposedShells.see(inv, name);
            if (found != null) {
                w.report(ctx, found[0], inv.start(), inv.end(), found[1]);
            }
        }
    }

    private static void descriptors(Walker w, Invocation inv, String name, Ctx ctx) {
        if (inv.redirects().isEmpty()) {
            return;
        }
        LineState s = w.state;
        if (name.equals("exec") && inv.size() == 1) {
            for (Redir r : inv.redirects()) {
                if (Paths.network(r.target())) {
                    s.networkFds = s.networkFds.isEmpty() ? new HashSet<>() : s.networkFds;
                    s.networkFds.add(Math.max(r.fd(), 0));
                } else if (!s.networkFds.isEmpty()) { // N redirected elsewhere or closed (exec 3>&-)
                    s.networkFds.remove(r.fd());
                }
            }
            return;
        }
        if (s.networkFds.isEmpty()
                || !(Programs.isShell(name) || Programs.INTERPRETERS.contains(name) || name.isEmpty())) {
            return;
        }
        for (Redir r : inv.redirects()) {
            if ((r.op().equals("<&") || r.op().equals(">&")) && readsNetwork(s.networkFds, r)) {
                w.report(
                        ctx,
                        "revshell.dev-tcp",
                        inv.start(),
                        inv.end(),
                        (name.isEmpty() ? "a command named at run time" : name)
                                + " reads or writes a /dev/tcp connection (fd "
                                + r.target().text() + ")");
                return;
            }
        }
    }

    /** Whether this redirection duplicates a descriptor the line opened on /dev/tcp ({@code <&3}). */
    static boolean readsNetwork(Set<Integer> networkFds, Redir r) {
        if (networkFds.isEmpty() || !r.isFdNumber()) {
            return false;
        }
        String t = r.target().text();
        try {
            return networkFds.contains(Integer.parseInt(t.endsWith("-") ? t.substring(0, t.length() - 1) : t));
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
