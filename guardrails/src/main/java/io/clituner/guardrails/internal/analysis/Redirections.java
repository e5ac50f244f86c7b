package io.clituner.guardrails.internal.analysis;

import io.clituner.guardrails.internal.expand.Arg;
import io.clituner.guardrails.internal.expand.Env;
import io.clituner.guardrails.internal.expand.Origin;
import io.clituner.guardrails.parse.Ast;
import java.util.ArrayList;
import java.util.List;

/** A command's redirections with their targets expanded, and the stdin they give it (here-docs, files, secrets). */
final class Redirections {
    private final Walker w;

    Redirections(Walker w) {
        this.w = w;
    }

    List<Redir> expandRedirects(List<Ast.Redirect> redirects, Env env, Ctx ctx) {
        if (redirects.isEmpty()) {
            return List.of();
        }
        List<Redir> out = new ArrayList<>(redirects.size());
        for (Ast.Redirect r : redirects) {
            w.current = ctx;
            Arg target;
            if (r.op().startsWith("<<")) {
                target = w.expander.expandString(r.target(), env);
            } else {
                List<Arg> fields = w.expander.expand(r.target(), env);
                target = fields.isEmpty()
                        ? Arg.literal("", r.target().start(), r.target().end())
                        : fields.get(0);
            }
            out.add(new Redir(r.fd(), r.op(), target, w.s(ctx, r.start()), w.e(ctx, r.end())));
        }
        return out;
    }

    Stdin stdinFor(List<Redir> redirs, List<Ast.Redirect> raw, Env env, Ctx ctx) {
        Stdin stdin = ctx.stdin();
        for (int i = 0; i < redirs.size(); i++) {
            Redir r = redirs.get(i);
            if (r.fd() != 0) {
                continue;
            }
            Arg t = r.target();
            switch (r.op()) {
                case "<<<" -> stdin = new Stdin(t.origin(), t.resolved() ? t.text() + "\n" : null, List.of(), true);
                case "<&" -> {
                    if (NetworkShells.readsNetwork(w.state.networkFds, r)) {
                        stdin = new Stdin(Origin.NETWORK, null, List.of(), true); // read from exec N<>/dev/tcp/…
                    }
                }
                case "<<", "<<-" -> stdin = new Stdin(t.origin(), t.resolved() ? t.text() : null, List.of(), true);
                case "<", "<>" -> {
                    if (t.procSub() != null) {
                        Producers.Output o =
                                w.state.procSubOutputs.get(raw.get(i).target().start());
                        stdin = new Stdin(t.procSub(), o == null ? null : o.content(), List.of(), true);
                    } else if (t.startsWith("/dev/tcp/") || t.startsWith("/dev/udp/")) {
                        stdin = new Stdin(Origin.NETWORK, null, List.of(), true);
                    } else if (t.resolved() && Paths.isSecret(t)) {
                        // "… < /etc/shadow" feeds the secret on as "cat /etc/shadow | …" would
                        Invocation reader = new Invocation(
                                List.of(Arg.literal("cat", t.start(), t.end()), t),
                                List.of(),
                                Stdin.TERMINAL,
                                t.start(),
                                t.end(),
                                ctx.speculative(),
                                null,
                                ctx.depth());
                        stdin = new Stdin(Origin.LOCAL, null, List.of(reader), true);
                    } else if (!t.is("/dev/null")) {
                        stdin = new Stdin(Origin.LOCAL, null, List.of(), true);
                    }
                }
                default -> {}
            }
        }
        return stdin;
    }
}
