package io.clituner.guardrails.internal.analysis;

import io.clituner.guardrails.internal.expand.Arg;
import io.clituner.guardrails.internal.expand.BashNames;
import io.clituner.guardrails.internal.expand.Env;
import io.clituner.guardrails.internal.expand.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What one command does to the rest of the line or to later runs: commands run in a container, kills of looked-up
 * PIDs, programs started from scratch directories by code that runs later, files copied from others, and text written
 * into start-up files or cron tables.
 */
final class ProgramEffects {
    private final Walker w;

    ProgramEffects(Walker w) {
        this.w = w;
    }

    /**
     * The effects of a command that ran: code it writes into start-up files, commands it runs in a container,
     * exported function values, programs code-run-later starts from scratch directories, downloaded files it loads,
     * and files it judges as the program they were copied from.
     */
    void afterRun(Invocation inv, Env env, Ctx ctx) {
        String name = inv.name();
        persistedCode(inv, env, ctx);
        containerExec(inv, ctx);
        if (name.equals("env") || name.equals("sudo")) {
            for (Arg a : inv.args()) {
                int eq = a.text().indexOf('=');
                if (eq > 0 && BashNames.isName(a.text().substring(0, eq))) {
                    w.assignments.functionValue(
                            a.text().substring(0, eq),
                            Value.of(a.text().substring(eq + 1), a.origin()),
                            a.start(),
                            a.end(),
                            env,
                            ctx);
                    w.assignments.environmentCode(
                            a.text().substring(0, eq),
                            a.text().substring(eq + 1),
                            a.origin(),
                            a.start(),
                            a.end(),
                            env,
                            ctx);
                }
            }
        }
        if (w.state.deferred > 0) {
            scratchProgram(inv, ctx);
        }
        if (EXECUTES_OPERAND.contains(name)) {
            for (Arg a : inv.operands()) {
                if (a.resolved() && w.state.isDownloaded(a.text())) {
                    w.report(
                            ctx,
                            Structural.DOWNLOAD_EXEC,
                            a.start(),
                            a.end(),
                            name + " loads a file downloaded earlier");
                }
            }
        }
        sameFileAs(inv);
    }

    /**
     * {@code kubectl|oc exec POD -- CMD} and {@code docker|podman exec C CMD}: the command runs in the container, not on
     * the host, so it is judged on its own and anything it would be flagged for becomes a review of the exec.
     */
    void containerExec(Invocation inv, Ctx ctx) {
        List<Arg> cmd = ContainerRun.execCommand(inv);
        if (cmd == null || cmd.isEmpty() || w.containerNesting >= w.limits.maxCodeDepth() || ctx.speculative()) {
            return;
        }
        StringBuilder code = new StringBuilder();
        for (Arg a : cmd) {
            if (!a.resolved()) {
                return; // unknown words: the plain container rules already apply
            }
            code.append(code.length() == 0 ? "" : " ").append(quote(a.text()));
        }
        List<String> hits = new ArrayList<>();
        Walker inner = new Walker(w.rules, (id, start, end, detail) -> hits.add(id), w.limits, w.budget);
        inner.containerNesting = w.containerNesting + 1;
        inner.analyze(code.toString());
        w.current = ctx;
        if (!hits.isEmpty()) {
            w.report(
                    ctx,
                    "review.containers",
                    inv.start(),
                    inv.end(),
                    "runs in a container: " + String.join(", ", new java.util.TreeSet<>(hits)));
        }
    }

    /** A kill of looked-up PIDs signals those processes by name: judge it as the pkill it amounts to. */
    void killByName(Invocation kill, List<String> names) {
        if (!names.isEmpty()) {
            w.rules.evaluate(PidLookup.asPkill(kill, names), w.reporter);
        }
    }

    /** Programs that load or run the file named by an operand (kernel modules, kernels, the dynamic loader). */
    static final Set<String> EXECUTES_OPERAND =
            Set.of("insmod", "modprobe", "kexec", "ld.so", "ld-linux.so.2", "ld-linux-x86-64.so.2");

    /**
     * Code that runs later (start-up files, cron, at) and starts a program, or preloads a library, from a scratch
     * directory anyone can write: persistence of a dropped binary whatever its name.
     */
    void scratchProgram(Invocation inv, Ctx ctx) {
        if (inv.argv().isEmpty()) {
            return;
        }
        Arg a0 = inv.arg(0);
        if (a0.resolved() && a0.text().startsWith("/") && Paths.place(a0) == Paths.Place.TEMP) {
            w.report(ctx, Structural.SCRATCH_PERSIST, inv.start(), inv.end(), "code run later starts " + a0.display());
            return;
        }
        for (Arg a : inv.args()) {
            String t = a.text();
            int eq = t.indexOf('=');
            if ((t.startsWith("LD_PRELOAD=") || t.startsWith("LD_LIBRARY_PATH="))
                    && eq + 1 < t.length()
                    && Paths.place(a.withText(t.substring(eq + 1))) == Paths.Place.TEMP) {
                w.report(
                        ctx,
                        Structural.SCRATCH_PERSIST,
                        a.start(),
                        a.end(),
                        "code run later preloads " + t.substring(eq + 1));
            }
            if (t.startsWith("PATH=") && scratchFirstInPath(t.substring(5))) {
                w.report(
                        ctx,
                        Structural.SCRATCH_PERSIST,
                        a.start(),
                        a.end(),
                        "code run later looks programs up in " + t.substring(5));
            }
        }
    }

    /** PATH searched first in a directory anyone can write ({@code /tmp/.bin:$PATH}): every command can be hijacked. */
    static boolean scratchFirstInPath(String path) {
        int colon = path.indexOf(':');
        String first = colon < 0 ? path : path.substring(0, colon);
        return first.startsWith("/") && Paths.place(Arg.literal(first, 0, 0)) == Paths.Place.TEMP;
    }

    /**
     * A file copied, linked or installed from another is that file for rules that judge what a file is:
     * {@code cp /bin/bash /tmp/b; chmod u+s /tmp/b} is judged as {@code chmod u+s /bin/bash}; {@code install -m 4755
     * SRC DST} as {@code chmod 4755 SRC}.
     */
    void sameFileAs(Invocation inv) {
        String name = inv.name();
        if (name.equals("install")) {
            Arg mode = inv.optionValue('m', "--mode");
            List<Arg> ops = new ArrayList<>(inv.operands());
            ops.remove(mode);
            if (mode != null && mode.text().matches("[0-7]*[2467][0-7]{3}|.*[ug]\\+[rwx]*s.*") && ops.size() == 2) {
                w.rules.evaluate(inv.withArgv(List.of(inv.arg(0).withText("chmod"), mode, ops.get(0))), w.reporter);
            }
            return;
        }
        if (w.state.copiedPrograms.isEmpty()
                || !Set.of("chmod", "setcap", "chown", "chgrp").contains(name)) {
            return;
        }
        List<Arg> argv = new ArrayList<>(inv.argv());
        boolean changed = false;
        for (int i = 1; i < argv.size(); i++) {
            String t = argv.get(i).text();
            String original = w.state.copiedPrograms.get(t.startsWith("./") ? t.substring(2) : t);
            if (original != null) {
                argv.set(i, argv.get(i).withText(original));
                changed = true;
            }
        }
        if (changed) {
            w.rules.evaluate(inv.withArgv(argv), w.reporter);
        }
    }

    static final List<String> STARTUP_SUFFIXES = List.of(
            "/.bashrc",
            "/.profile",
            "/.bash_profile",
            "/.bash_login",
            "/.zshrc",
            "/.zprofile",
            "/.zshenv",
            "/.zlogin",
            "/etc/profile",
            "/etc/bash.bashrc",
            "/etc/bashrc",
            "/etc/rc.local",
            "/etc/crontab",
            "/config.fish",
            "/etc/environment");

    /** Text written into a start-up file or cron table is code that will run later: analyse it now. */
    void persistedCode(Invocation inv, Env env, Ctx ctx) {
        String name = inv.name();
        if (!name.equals("echo") && !name.equals("printf") && !name.equals("tee") && !name.equals("cat")) {
            return;
        }
        List<Arg> targets = new ArrayList<>();
        for (Redir r : inv.redirects()) {
            if (r.writes()) {
                targets.add(r.target());
            }
        }
        if (name.equals("tee")) {
            targets.addAll(inv.operands());
        }
        for (Arg t : targets) {
            String p = t.text();
            boolean cron = p.startsWith("/etc/cron") || p.startsWith("/var/spool/cron") || p.endsWith("/etc/crontab");
            boolean startup = cron
                    || p.startsWith("/etc/profile.d/")
                    || p.startsWith("/etc/systemd/")
                    || STARTUP_SUFFIXES.stream().anyMatch(p::endsWith);
            if (!startup) {
                continue;
            }
            Producers.Output out = name.equals("tee") || name.equals("cat")
                    ? new Producers.Output(inv.stdin().content(), inv.stdin().origin())
                    : Producers.output(inv);
            String code = out.content();
            if (code != null) {
                w.analyzeCode(
                        cron ? Expansions.cronCommands(code) : code,
                        out.origin(),
                        inv.start(),
                        inv.end(),
                        null,
                        env,
                        ctx,
                        "code written to " + p);
            }
            return;
        }
    }

    static String quote(String s) {
        if (!s.isEmpty() && s.chars().allMatch(ch -> Character.isLetterOrDigit(ch) || "-_./=:,+@%".indexOf(ch) >= 0)) {
            return s;
        }
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** Secrets read by a $(…) in a network program's arguments, or files written from secrets, sent on. */
    /** A network program's argument holds a secret-named variable, other than as its authentication. */
    private void secretVariableSent(Invocation inv, Ctx ctx) {
        for (int i = 1; i < inv.size(); i++) {
            Arg a = inv.arg(i);
            for (int[] span : w.state.secretNames) {
                if (span[0] >= a.start() && span[1] <= a.end() && !SecretVariables.authentication(inv, i)) {
                    w.report(
                            ctx,
                            "exfil.upload-secret",
                            a.start(),
                            a.end(),
                            "a secret from the environment (" + a.display() + ") is sent over the network");
                    return;
                }
            }
        }
    }

    void reportSecretsSent(Invocation inv, Ctx ctx) {
        String name = inv.name();
        if (!w.state.secretSubstitutions.isEmpty()
                && (Programs.NETWORK.contains(name)
                        || Programs.RAW_SOCKET.contains(name)
                        || Programs.NAME_LOOKUP.contains(name)
                        || inv.redirects().stream().anyMatch(r -> r.writes() && Paths.network(r.target())))) {
            for (Arg a : inv.args()) {
                for (int[] span : w.state.secretSubstitutions) {
                    if (span[0] >= a.start() && span[1] <= a.end()) {
                        w.report(
                                ctx,
                                "exfil.upload-secret",
                                a.start(),
                                a.end(),
                                "a secret read by $(…) is sent over the network");
                    }
                }
            }
        }
        if (!w.state.secretNames.isEmpty()
                && (Programs.NETWORK.contains(name)
                        || Programs.RAW_SOCKET.contains(name)
                        || Programs.NAME_LOOKUP.contains(name))) {
            secretVariableSent(inv, ctx);
        }
        for (Arg sent : w.state.secretFlow.sentSecrets(inv)) {
            w.report(
                    ctx,
                    "exfil.upload-secret",
                    inv.start(),
                    inv.end(),
                    sent.display() + " was written from secrets earlier in the line and is sent over the network");
        }
        w.state.secretFlow.record(inv);
    }
}
