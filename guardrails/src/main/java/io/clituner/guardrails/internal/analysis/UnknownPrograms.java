package io.clituner.guardrails.internal.analysis;

import io.clituner.guardrails.internal.expand.Arg;
import io.clituner.guardrails.internal.expand.BashNames;
import io.clituner.guardrails.internal.expand.Env;
import io.clituner.guardrails.internal.expand.Origin;
import io.clituner.guardrails.internal.expand.Sentinels;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Programs the analyzer does not know: an unknown program that may run its arguments
 * ({@code frob rm -rf /}) and a command name only known at run time ({@code $x -rf /}, {@code /s??n/mkfs.ext4}).
 */
final class UnknownPrograms {
    private final Walker w;

    UnknownPrograms(Walker w) {
        this.w = w;
    }

    /** Programs tried when a command name is not known ({@code $x -rf /}, {@code $(echo rm) …}). */
    static final List<String> CANDIDATES = List.of(
            "rm", "chmod", "chown", "chgrp", "dd", "mkfs", "shred", "wipefs", "sh", "bash", "nc", "python", "perl",
            "kill", "find", "crontab", "history");

    /** Program names known apart from the rule book, in one set (asked for every invocation). */
    static final java.util.Set<String> KNOWN = Nesting.knownNames();

    /**
     * The safety net after an invocation that reported nothing blocking: an unknown program's words are tried as a
     * command of their own, and so are the words a known wrapper's table took as option values.
     */
    void tryAsWrapper(Invocation inv, Env env, Ctx ctx, List<Nested> nestedCode) {
        String name = inv.name();
        if (!knownProgram(name)) {
            unknownWrapper(inv, env, ctx, inv.size(), "is not a known program");
            unknownCodeOptions(inv, env, ctx);
        } else if (ExecWrappers.isWrapper(name)) {
            // a safety net under the wrapper table: words it took as option values are tried as the command too
            unknownWrapper(inv, env, ctx, commandStart(inv, nestedCode), "runs a command after its options");
        }
    }

    /** Whether the analyzer knows what this program does with its arguments (rules, wrapper tables, builtins). */
    boolean knownProgram(String name) {
        return KNOWN.contains(name)
                || w.rules.knows(name)
                || name.startsWith("mkfs.")
                || name.startsWith("python")
                || name.startsWith("perl")
                || name.startsWith("ruby")
                || name.startsWith("php")
                || name.startsWith("node")
                || name.startsWith("lua");
    }

    /**
     * An unknown program given code by a shell-like option ({@code frobsh -c 'rm -rf /'}): the value is tried as shell
     * code, silently; if it would be blocked, the program is {@code exec.unknown-wrapper} (REVIEW).
     */
    private void unknownCodeOptions(Invocation inv, Env env, Ctx ctx) {
        for (Arg code : ShellDialects.codeLikeValues(inv)) {
            Set<String> found = w.silent.blockingIds(code.text(), code.origin(), code.start(), code.end(), env, ctx);
            if (!found.isEmpty()) {
                w.report(
                        ctx,
                        Structural.UNKNOWN_WRAPPER,
                        inv.start(),
                        inv.end(),
                        "'" + inv.name() + "' is not a known"
                                + " program; the code given to it (" + code.display()
                                + ") would be blocked as a command ("
                                + String.join(", ", found) + ")");
                return;
            }
        }
    }

    /** How many positions of an unknown program's arguments are tried when the word there is not a strong candidate. */
    static final int UNKNOWN_WRAPPER_TRIES = 3;

    /** Where in the wrapper's argv the command it runs starts (its size when the table found none). */
    @SuppressWarnings("ReferenceEquality") // the word at that position, not an equal word elsewhere in argv
    static int commandStart(Invocation inv, List<Nested> nested) {
        for (Nested n : nested) {
            if (!(n instanceof Nested.Argv)) {
                return 0; // code given as a string (env -S, scl): nothing was taken for an option value
            }
            if (n instanceof Nested.Argv a && !a.invocation().argv().isEmpty()) {
                Arg first = a.invocation().arg(0);
                for (int i = 1; i < inv.size(); i++) {
                    if (inv.arg(i) == first) {
                        return i;
                    }
                }
            }
        }
        return inv.size();
    }

    /**
     * Programs that destroy or run further code (rm, dd, mkfs…, shells, interpreters, wrappers, eval): every position
     * holding one is tried, so padding with harmless program names ({@code frob cat cp mv rm -rf /}) hides nothing.
     */
    static boolean strongCandidate(String name) {
        return CANDIDATES.contains(name) || name.startsWith("mkfs") || Nesting.knows(name);
    }

    /**
     * An unknown program may run its arguments ({@code frob rm -rf /}): the words from each known program name on
     * are judged as a command of their own, silently, and if that command would be blocked the unknown program is
     * {@code exec.unknown-wrapper} (REVIEW). Wrappers whose option syntax is known are unwrapped exactly instead
     * ({@link ExecWrappers}). Every strong candidate is tried and at most {@value #UNKNOWN_WRAPPER_TRIES} others; each
     * try is charged to the work budget, so a line full of candidates ends in {@code analysis.limit}.
     */
    void unknownWrapper(Invocation inv, Env env, Ctx ctx, int before, String why) {
        int tries = 0;
        for (int k = 1; k < before; k++) {
            Arg a = inv.arg(k);
            if (!a.resolved()
                    || a.text().isEmpty()
                    || a.text().startsWith("-")
                    || a.text().indexOf(' ') >= 0) {
                continue;
            }
            String cand = BashNames.basename(a.text());
            boolean strong = strongCandidate(cand);
            if (!strong && (tries >= UNKNOWN_WRAPPER_TRIES || !w.rules.mayBlock(cand))) {
                continue;
            }
            tries += strong ? 0 : 1;
            w.budget.steps(2 * (inv.size() - k)); // padding with many program names ends in the budget, not in silence
            java.util.Set<String> blocking = new java.util.TreeSet<>();
            Reporter saved = w.reporter;
            w.reporter = (id, start, end, detail) -> {
                // "vagrant halt", "qm shutdown 100": a power verb after an unknown program is its subcommand
                if (w.rules.dangerous(id) && !id.startsWith("power.")) {
                    blocking.add(id);
                }
            };
            Ctx spec = ctx.deeper().guessed();
            try {
                w.process(
                        inv.withArgv(new ArrayList<>(inv.argv().subList(k, inv.size()))), w.copyEnv(env), spec, false);
            } finally {
                w.reporter = saved;
                w.current = ctx;
            }
            if (!blocking.isEmpty()) {
                w.report(
                        ctx,
                        Structural.UNKNOWN_WRAPPER,
                        inv.start(),
                        inv.end(),
                        "'" + inv.name() + "' " + why
                                + "; its arguments from '" + a.display() + "' on would be blocked as a command ("
                                + String.join(", ", blocking) + ")");
                return;
            }
        }
    }

    void dynamicName(Invocation inv, Env env, Ctx ctx) {
        Arg a0 = inv.arg(0);
        // a body walked at its definition has no arguments yet (run() { "$@"; }): each call is judged with its own
        if (w.definitionWalks == 0
                && a0.origin() != Origin.NETWORK
                && (a0.origin() != Origin.DECODED || Nesting.opaque(a0.text()))) {
            w.report(
                    ctx,
                    Structural.DYNAMIC_COMMAND,
                    a0.start(),
                    a0.end(),
                    "command name not known before run time: " + a0.display());
        }
        if (ctx.speculative()) {
            return;
        }
        Ctx spec = ctx.guessed();
        String globbed = globbedProgram(a0);
        if (globbed != null) {
            // "/s??n/mkfs.ext4": the glob only hides which system directory holds a named program
            List<Arg> argv = new ArrayList<>(inv.argv());
            argv.set(0, new Arg(globbed, a0.origin(), a0.start(), a0.end(), null));
            w.process(
                    new Invocation(
                            argv,
                            inv.redirects(),
                            inv.stdin(),
                            inv.start(),
                            inv.end(),
                            true,
                            inv.treeRoot(),
                            inv.depth()),
                    w.copyEnv(env),
                    spec,
                    false);
        }
        boolean optionLike = false;
        for (Arg a : inv.args()) {
            String t = a.text();
            optionLike |= t.startsWith("-") || t.startsWith("of=") || t.startsWith("if=");
        }
        if (!optionLike && inv.redirects().isEmpty() && !inv.stdin().piped()) {
            return;
        }
        for (String cand : CANDIDATES) {
            if (!Speculation.plausible(cand, inv)) {
                continue;
            }
            if (a0.couldBe(cand)
                    || a0.couldBe("/bin/" + cand)
                    || a0.couldBe("/usr/bin/" + cand)
                    || a0.couldBe("/sbin/" + cand)
                    || a0.couldBe("/usr/sbin/" + cand)) {
                List<Arg> argv = new ArrayList<>(inv.argv());
                argv.set(0, new Arg(cand, a0.origin(), a0.start(), a0.end(), null));
                Invocation guess = new Invocation(
                        argv, inv.redirects(), inv.stdin(), inv.start(), inv.end(), true, inv.treeRoot(), inv.depth());
                w.process(guess, w.copyEnv(env), spec, false);
            }
        }
    }

    static final List<String> BIN_DIRS =
            List.of("/bin/", "/sbin/", "/usr/bin/", "/usr/sbin/", "/usr/local/bin/", "/usr/local/sbin/");

    /** The program a glob in a system directory names when only the directory part is a pattern, else null. */
    static @Nullable String globbedProgram(Arg a0) {
        String t = a0.text();
        int slash = t.lastIndexOf('/');
        if (slash < 0 || slash == t.length() - 1 || a0.hasUnknown() || !a0.isGlob()) {
            return null;
        }
        String base = t.substring(slash + 1);
        for (int i = 0; i < base.length(); i++) {
            if (Sentinels.isSentinel(base.charAt(i))) {
                return null;
            }
        }
        for (String dir : BIN_DIRS) {
            if (a0.couldBe(dir + base)) {
                return base;
            }
        }
        return null;
    }
}
