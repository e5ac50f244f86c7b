package io.clituner.guardrails.internal.analysis;

import io.clituner.guardrails.internal.expand.Arg;
import io.clituner.guardrails.internal.expand.Origin;
import java.util.ArrayList;
import java.util.List;

/**
 * Code strings run by shell-like programs (shells themselves: {@link ShellDialects}): {@code su -c}, {@code watch}, {@code script -c},
 * {@code eval}, {@code trap}, {@code sg}, {@code alias} values, and the option shapes that give them.
 */
final class NestingShells {
    private NestingShells() {}

    static Nested.Code code(Arg a, List<String> positional, String via) {
        return new Nested.Code(a.text(), a.origin(), positional, a.start(), a.end(), via);
    }

    static Nested.Code join(Invocation inv, int from, String via) {
        StringBuilder sb = new StringBuilder();
        Origin o = Origin.LITERAL;
        int start = Integer.MAX_VALUE;
        int end = 0;
        for (int i = from; i < inv.size(); i++) {
            Arg a = inv.arg(i);
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(a.text());
            o = o.max(a.origin());
            start = Math.min(start, a.start());
            end = Math.max(end, a.end());
        }
        if (start == Integer.MAX_VALUE) {
            start = inv.start();
            end = inv.end();
        }
        return new Nested.Code(sb.toString(), o, null, start, end, via);
    }

    static List<Nested> su(Invocation inv) {
        Arg c = inv.optionValue('c', "--command");
        if (c != null) {
            return List.of(code(c, List.of(), "su -c"));
        }
        if (inv.name().equals("runuser")) {
            int dd = -1;
            for (int i = 1; i < inv.size(); i++) {
                if (inv.arg(i).is("--")) {
                    dd = i;
                    break;
                }
            }
            if (dd > 0 && dd + 1 < inv.size()) {
                return List.of(
                        new Nested.Argv(inv.withArgv(new ArrayList<>(inv.argv().subList(dd + 1, inv.size())))));
            }
        }
        return List.of();
    }

    static List<Nested> watch(Invocation inv) {
        int i = ExecWrappers.skipOptions(
                inv.argv(), 1, NestingWrappers.arity1("--interval", "--differences", "--chgexit"), "n", false);
        if (i >= inv.size()) {
            return List.of();
        }
        if (inv.hasOption('x', "--exec")) {
            return List.of(
                    new Nested.Argv(inv.withArgv(new ArrayList<>(inv.argv().subList(i, inv.size())))));
        }
        return List.of(join(inv, i, "watch"));
    }

    static List<Nested> optCode(Invocation inv, char shortOpt, String longOpt, String via, String... more) {
        List<Nested> out = new ArrayList<>();
        Arg a = inv.optionValue(shortOpt, longOpt);
        if (a != null) {
            out.add(code(a, List.of(), via));
        }
        for (String m : more) {
            Arg b = inv.optionValue('\0', m);
            if (b != null) {
                out.add(code(b, List.of(), via));
            }
        }
        return out;
    }

    static List<Nested> alias(Invocation inv) {
        List<Nested> out = new ArrayList<>();
        for (Arg a : inv.args()) {
            int eq = a.text().indexOf('=');
            if (eq > 0) {
                out.add(new Nested.Code(
                        a.text().substring(eq + 1), a.origin(), List.of(), a.start(), a.end(), "alias"));
            }
        }
        return out;
    }
}
