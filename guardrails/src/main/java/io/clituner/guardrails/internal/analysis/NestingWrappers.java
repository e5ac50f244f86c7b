package io.clituner.guardrails.internal.analysis;

import io.clituner.guardrails.internal.expand.Arg;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Commands run by exec wrappers ({@link ExecWrappers}: sudo, env, nice, timeout…): the command vector after the
 * wrapper's options, {@code env -S} strings, and commands after an option or {@code --}.
 */
final class NestingWrappers {
    private NestingWrappers() {}

    static Map<String, Integer> arity1(String... opts) {
        Map<String, Integer> m = new java.util.HashMap<>();
        for (String o : opts) {
            m.put(o, 1);
        }
        return m;
    }

    static List<Nested> wrapper(Invocation inv, String name, ExecWrappers.Shape w) {
        List<Arg> argv = inv.argv();
        if (name.equals("env")) {
            Nested split = envSplitString(inv);
            if (split != null) {
                return List.of(split);
            }
        }
        if (name.equals("entr") && inv.hasOption('s')) {
            List<Arg> ops = inv.operands();
            return ops.isEmpty() ? List.of() : List.of(NestingShells.code(ops.get(0), List.of(), "entr -s"));
        }
        if (name.equals("flock")) {
            Arg c = inv.optionValue('c', "--command");
            if (c != null) {
                return List.of(NestingShells.code(c, List.of(), "flock -c"));
            }
        }
        int i = name.equals("setarch") && argv.size() > 1 && !argv.get(1).startsWith("-")
                ? ExecWrappers.skipOptions(argv, 2, w.valueOpts(), w.valueLetters(), false) - 1 // ARCH, then options
                : ExecWrappers.skipOptions(argv, w);
        // only the wrapper's own options count, not those of the command it runs
        Invocation own = inv.withArgv(new ArrayList<>(argv.subList(0, Math.min(i, argv.size()))));
        if (name.equals("command") && (own.hasOption('v') || own.hasOption('V'))) {
            return List.of();
        }
        if (name.equals("sudo")
                && (own.hasOption('e', "--edit")
                        || own.hasOption('l', "--list")
                        || own.hasOption('v', "--validate")
                        || own.hasOption('k', "--reset-timestamp"))) {
            return List.of();
        }
        if ((name.equals("chrt") || name.equals("taskset")) && own.hasOption('p', "--pid")) {
            return List.of();
        }
        if (name.equals("screen")
                && (own.hasOption('x')
                        || own.hasOption('r')
                        || own.hasOption('X')
                        || own.hasOption('\0', "-ls", "-list", "-wipe"))) {
            return List.of();
        }
        if (((name.equals("sudo") && (own.hasOption('s', "--shell") || own.hasOption('i', "--login")))
                        || (name.equals("doas") && own.hasOption('s')))
                && i >= argv.size()) {
            return List.of(new Nested.StdinCode("sh"));
        }
        i += w.leadingOperands(); // taskset -c LIST CMD: the list is still the first operand
        if (name.equals("runcon")
                && own.size() == 1
                && i < argv.size()
                && argv.get(i).text().indexOf(':') > 0) {
            i++; // runcon CONTEXT CMD (user:role:type:level); with -u/-r/-t/-l the options build the context
        }
        if (name.equals("setarch") && own.hasOption('\0', "--list")) {
            return List.of();
        }
        if (name.equals("capsh") || name.equals("lldb")) {
            return afterDoubleDash(inv, name);
        }
        if (name.equals("scl") && i < argv.size()) {
            return List.of(NestingShells.join(inv, i, "scl enable")); // scl joins the words into one bash command
        }
        if (i >= argv.size()) {
            return List.of();
        }
        return List.of(new Nested.Argv(inv.withArgv(new ArrayList<>(argv.subList(i, argv.size())))));
    }

    /**
     * {@code env -S STRING ARGS…} splits STRING into words and runs them followed by ARGS: {@code env -S rm -rf /}
     * and {@code env -S 'rm -rf /'} both run rm.
     */
    static @Nullable Nested envSplitString(Invocation inv) {
        for (int k = 1; k < inv.size(); k++) {
            String t = inv.arg(k).text();
            int s = t.startsWith("-") && !t.startsWith("--") ? t.indexOf('S') : -1; // -S, -iS, -S'…', -iS'…'
            if (t.equals("--split-string")
                    || (s > 0
                            && s == t.length() - 1
                            && t.substring(1, s).chars().allMatch(c -> "i0v".indexOf(c) >= 0))) {
                return k + 1 < inv.size() ? NestingShells.join(inv, k + 1, "env -S") : null;
            }
            if (t.startsWith("--split-string=")
                    || (s > 0 && t.substring(1, s).chars().allMatch(c -> "i0v".indexOf(c) >= 0))) {
                Nested.Code rest = k + 1 < inv.size() ? NestingShells.join(inv, k + 1, "env -S") : null;
                Arg a = inv.arg(k);
                String first = t.substring(s > 0 ? s + 1 : "--split-string=".length());
                return new Nested.Code(
                        rest == null ? first : first + " " + rest.text(),
                        rest == null ? a.origin() : a.origin().max(rest.origin()),
                        List.of(),
                        a.start(),
                        rest == null ? a.end() : rest.end(),
                        "env -S");
            }
            if (t.equals("--") || !t.startsWith("-")) {
                return null;
            }
        }
        return null;
    }

    /** Everything after {@code option} is the command vector the program starts. */
    static List<Nested> optionStartsCommand(Invocation inv, String option) {
        for (int k = 1; k + 1 < inv.size(); k++) {
            if (inv.arg(k).is(option)) {
                return List.of(
                        new Nested.Argv(inv.withArgv(new ArrayList<>(inv.argv().subList(k + 1, inv.size())))));
            }
        }
        return List.of();
    }

    /** {@code capsh … -- ARGS} runs /bin/bash with ARGS; {@code lldb … -- CMD} debugs (runs) CMD. */
    static List<Nested> afterDoubleDash(Invocation inv, String name) {
        for (int k = 1; k < inv.size(); k++) {
            if (inv.arg(k).is("--")) {
                List<Arg> rest = new ArrayList<>(inv.argv().subList(k + 1, inv.size()));
                if (name.equals("capsh")) {
                    rest.add(
                            0,
                            Arg.literal(
                                    "/bin/bash", inv.arg(k).start(), inv.arg(k).end()));
                }
                return rest.isEmpty() ? List.of() : List.of(new Nested.Argv(inv.withArgv(rest)));
            }
        }
        return List.of();
    }
}
