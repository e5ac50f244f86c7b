package io.clituner.guardrails.internal.analysis;

import io.clituner.guardrails.internal.expand.Arg;
import io.clituner.guardrails.internal.expand.BashNames;
import io.clituner.guardrails.internal.expand.Env;
import io.clituner.guardrails.internal.expand.Origin;
import io.clituner.guardrails.internal.expand.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The shell builtins that change the walker's variables, positional parameters or aliases, as a table from the
 * builtin's name to its handler. Adding a builtin is one handler method and one line in {@link #TABLE}; the
 * handler sees the walker (to report, analyse nested code, read the line's data-flow state), the invocation with
 * every word expanded, the variables, and the context.
 */
final class Builtins {
    /** What a builtin does to the walker's state. */
    @FunctionalInterface
    interface Handler {
        void run(Walker w, Invocation inv, Env env, Ctx ctx);
    }

    private static final Map<String, Handler> TABLE = table();

    private static Map<String, Handler> table() {
        Map<String, Handler> t = new HashMap<>();
        for (String name : List.of("export", "declare", "typeset", "local", "readonly")) {
            t.put(name, Builtins::declare);
        }
        t.put("unset", Builtins::unset);
        t.put("set", Builtins::set);
        t.put("shift", Builtins::shift);
        t.put("read", (w, inv, env, ctx) -> w.reads.read(inv, env));
        t.put("mapfile", Builtins::mapfile);
        t.put("readarray", Builtins::mapfile);
        t.put("printf", Builtins::printfToVariable);
        t.put("alias", Builtins::alias);
        return Map.copyOf(t);
    }

    private Builtins() {}

    /** Runs the handler of the invocation's builtin, if it names one. */
    static void run(Walker w, Invocation inv, Env env, Ctx ctx) {
        Handler h = TABLE.get(inv.name());
        if (h != null) {
            h.run(w, inv, env, ctx);
        }
    }

    /** export, declare, typeset, local, readonly: NAME=VALUE words set variables ({@code -a}/{@code -A}: arrays). */
    private static void declare(Walker w, Invocation inv, Env env, Ctx ctx) {
        String name = inv.name();
        boolean array = inv.hasOption('a') || inv.hasOption('A');
        for (Arg a : inv.args()) {
            String t = a.text();
            int eq = t.indexOf('=');
            if (t.startsWith("-") || eq <= 0) {
                continue;
            }
            String var = t.substring(0, eq);
            boolean append = var.endsWith("+");
            if (append) {
                var = var.substring(0, var.length() - 1);
            }
            if (!BashNames.isName(var)) {
                continue;
            }
            String val = t.substring(eq + 1);
            if (!name.equals("export") && inv.hasOption('n') && BashNames.isName(val)) {
                env.nameref(var, val);
                continue;
            }
            Value v = array
                    ? Assignments.keyedElements(env, var, List.of(val.split(" ")), a.origin(), append)
                    : Value.of(val, a.origin());
            env.set(var, v);
            w.assignments.specialVariable(env.resolve(var), v, a.start(), a.end(), env, ctx);
            w.assignments.functionValue(var, v, a.start(), a.end(), env, ctx);
        }
    }

    private static void unset(Walker w, Invocation inv, Env env, Ctx ctx) {
        for (Arg a : inv.args()) {
            if (a.is("HISTFILE")
                    || (!inv.hasOption('n') && env.resolve(a.text()).equals("HISTFILE"))) {
                w.report(ctx, Structural.HISTORY_VARS, a.start(), a.end(), "shell history disabled (unset HISTFILE)");
            }
            if (!a.startsWith("-")) {
                env.unset(a.text());
            }
        }
    }

    /** set -- ARGS and set ARGS set the positional parameters; set +o history switches history off. */
    private static void set(Walker w, Invocation inv, Env env, Ctx ctx) {
        for (int i = 1; i < inv.size(); i++) {
            if (inv.arg(i).is("--")) {
                List<String> pos = new ArrayList<>();
                Origin o = Origin.LITERAL;
                for (int k = i + 1; k < inv.size(); k++) {
                    pos.add(inv.arg(k).text());
                    o = o.max(inv.arg(k).origin());
                }
                env.setPositional(pos, o);
                return;
            }
            if (inv.arg(i).is("+o") && i + 1 < inv.size() && inv.arg(i + 1).is("history")) {
                w.report(
                        ctx,
                        Structural.HISTORY_VARS,
                        inv.start(),
                        inv.end(),
                        "shell history disabled (set +o history)");
            }
        }
        if (inv.size() > 1 && !inv.arg(1).startsWith("-") && !inv.arg(1).startsWith("+")) {
            List<String> pos = new ArrayList<>();
            for (Arg a : inv.args()) {
                pos.add(a.text());
            }
            env.setPositional(pos, Origin.LITERAL);
        }
    }

    private static final Pattern SHIFT_COUNT = Pattern.compile("[0-9]{1,3}");

    private static void shift(Walker w, Invocation inv, Env env, Ctx ctx) {
        int n = 1;
        if (inv.size() > 1 && SHIFT_COUNT.matcher(inv.arg(1).text()).matches()) {
            n = Integer.parseInt(inv.arg(1).text());
        }
        env.shift(n);
    }

    /** mapfile/readarray: the array holds stdin's lines when they are known ({@code -t}, no {@code -d}). */
    private static void mapfile(Walker w, Invocation inv, Env env, Ctx ctx) {
        List<Arg> ops = inv.operands();
        String var = ops.isEmpty() ? "MAPFILE" : ops.get(ops.size() - 1).text();
        String content = inv.stdin().piped() ? inv.stdin().content() : null;
        if (content != null && inv.hasOption('t') && inv.args().stream().noneMatch(a -> a.is("-d"))) {
            List<String> lines = new ArrayList<>(List.of(content.split("\n", -1)));
            if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
                lines.remove(lines.size() - 1);
            }
            env.set(var, Value.array(lines, inv.stdin().origin()));
        } else {
            env.set(var, Value.unknown(inv.stdin().origin().max(Origin.LOCAL)));
        }
        w.state.taint(var, LineState.secretUpstream(inv.stdin()));
    }

    /** printf -v VAR FORMAT ARGS sets VAR to the formatted text. */
    private static void printfToVariable(Walker w, Invocation inv, Env env, Ctx ctx) {
        if (inv.size() > 3 && inv.arg(1).is("-v")) {
            String var = inv.arg(2).text();
            String out = Producers.format(inv.arg(3).text(), inv.argv().subList(4, inv.size()));
            Origin o = Origin.LITERAL;
            for (Arg a : inv.args()) {
                o = o.max(a.origin());
            }
            env.set(var, out == null ? Value.unknown(o) : Value.of(out, o));
        }
    }

    private static void alias(Walker w, Invocation inv, Env env, Ctx ctx) {
        for (Arg a : inv.args()) {
            int eq = a.text().indexOf('=');
            if (eq > 0) {
                env.defineAlias(a.text().substring(0, eq), a.text().substring(eq + 1));
            }
        }
    }
}
