package io.clituner.guardrails.internal.analysis;

import io.clituner.guardrails.internal.expand.Arg;
import io.clituner.guardrails.internal.expand.BashNames;
import io.clituner.guardrails.internal.expand.Env;
import io.clituner.guardrails.internal.expand.Origin;
import io.clituner.guardrails.internal.expand.Sentinels;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a command runs besides itself ({@link Nesting}'s answers): wrapped commands, code strings, a program read from
 * stdin, a script file named as an operand, inline programs in another language ({@link ForeignCode}), and the
 * commands xargs, parallel and find run on their items.
 */
final class CodeRunner {
    private final Walker w;

    CodeRunner(Walker w) {
        this.w = w;
    }

    void stdinCode(Invocation inv, String via, Env env, Ctx ctx) {
        Stdin in = inv.stdin();
        if (!in.piped()) {
            return;
        }
        String content = in.content();
        if (content != null && via.equals("crontab")) {
            content = Expansions.cronCommands(content);
        }
        boolean bash = Programs.isShell(via)
                || Set.of("at", "batch", "crontab", "parallel", "source", ".").contains(via);
        if (!bash) {
            if (in.origin().hostile()) {
                w.report(
                        ctx,
                        Structural.HOSTILE_CODE,
                        inv.start(),
                        inv.end(),
                        via + " runs " + in.origin().name().toLowerCase(Locale.ROOT) + " code from its input");
            } else if (content != null) {
                foreign(Nesting.language(via), content, in.origin(), inv.start(), inv.end(), env, ctx);
            } else {
                w.report(
                        ctx,
                        in.origin() == Origin.UNSET ? Structural.DYNAMIC_CODE : Structural.LOCAL_CODE,
                        inv.start(),
                        inv.end(),
                        via + " runs a program read from its input");
            }
            return;
        }
        w.analyzeCode(
                content,
                in.origin(),
                inv.start(),
                inv.end(),
                null,
                env,
                ctx.withStdin(Stdin.TERMINAL),
                via + " reading stdin");
    }

    void codeFile(Invocation inv, Nested.CodeFile f, Env env, Ctx ctx) {
        Arg file = f.file();
        if (file.procSub() != null) {
            Producers.Output o = w.state.procSubOutputs.get(file.start());
            w.analyzeCode(
                    o == null ? null : o.content(),
                    file.procSub(),
                    file.start(),
                    file.end(),
                    null,
                    env,
                    ctx,
                    f.via() + " <(…)");
            return;
        }
        String t = file.text();
        if (w.state.isDownloaded(t)) {
            w.report(
                    ctx,
                    Structural.DOWNLOAD_EXEC,
                    file.start(),
                    file.end(),
                    f.via() + " runs a file downloaded earlier");
        }
        String script = w.state.writtenFiles.get(t.startsWith("./") ? t.substring(2) : t);
        if (script == null
                && !w.state.isDownloaded(t)
                && file.resolved()
                && t.startsWith("/")
                && Paths.place(file) == Paths.Place.TEMP) {
            w.report(
                    ctx,
                    Structural.SCRATCH_SCRIPT,
                    file.start(),
                    file.end(),
                    f.via() + " runs " + t + ", a file in a directory anyone can write");
        }
        if ((script != null && Programs.isShell(f.via()))
                || (script != null && (f.via().equals("source") || f.via().equals(".")))) {
            w.analyzeCode(script, Origin.LITERAL, file.start(), file.end(), null, env, ctx, f.via() + " " + t);
        }
        int fd = CodeInputs.fdPath(t);
        if (fd == 0 || t.equals("-")) {
            stdinCode(inv, f.via(), env, ctx);
        } else if (fd > 0) { // bash /dev/fd/3 3<<< CODE: the script is what that descriptor holds
            Stdin held = CodeInputs.fdInput(inv.redirects(), fd);
            if (held != null) {
                stdinCode(inv.withStdin(held), f.via(), env, ctx);
            }
        } else if (t.startsWith("/dev/tcp/") || t.startsWith("/dev/udp/")) {
            w.report(
                    ctx,
                    Structural.HOSTILE_CODE,
                    file.start(),
                    file.end(),
                    f.via() + " runs code read from the network");
        } else if (Nesting.opaque(t) && file.origin().hostile()) {
            w.report(
                    ctx,
                    Structural.HOSTILE_CODE,
                    file.start(),
                    file.end(),
                    f.via() + " runs a file named by untrusted data");
        }
    }

    void foreign(String language, String code, Origin origin, int start, int end, Env env, Ctx ctx) {
        if (origin == Origin.NETWORK && w.state.trustedInstaller) {
            w.report(
                    ctx,
                    Structural.LOCAL_CODE,
                    start,
                    end,
                    language + " runs an installer fetched over HTTPS from a code host");
        } else if (origin.hostile()) {
            w.report(
                    ctx,
                    Structural.HOSTILE_CODE,
                    start,
                    end,
                    language + " runs " + origin.name().toLowerCase(Locale.ROOT) + " code");
        }
        if (ctx.depth() >= w.limits.maxCodeDepth()) {
            w.report(ctx, Structural.LIMIT, start, end, "code nested too deep");
            return;
        }
        ForeignCode.Scan scan = ForeignCode.scan(language, code);
        Ctx nested = ctx.nestedAt(w.s(ctx, start), w.e(ctx, end)).detached(Stdin.TERMINAL);
        ForeignSite site = new ForeignSite(language, origin, start, end, env, ctx, nested);
        reportShapes(scan, site);
        for (String d : scan.downloads()) {
            w.state.downloaded.add(d.startsWith("./") ? d.substring(2) : d);
        }
        for (String sh : scan.shellCode()) {
            w.analyzeCode(sh, origin, start, end, null, env, nested.withStdin(Stdin.TERMINAL), language + " shell-out");
        }
        for (String lit : LiteralCode.candidates(language, code)) {
            if (!scan.shellCode().contains(lit)) {
                for (String id : w.silent.blockingIds(lit, origin, start, end, env, nested)) {
                    w.report(
                            ctx,
                            id,
                            start,
                            end,
                            language + " program runs processes and holds the command '" + lit + "'");
                }
            }
        }
        fileEffects(scan, site);
        for (String inner : scan.evalCode()) {
            if (ctx.depth() + 1 < w.limits.maxCodeDepth()) {
                foreign(
                        language, inner, origin, start, end, env,
                        nested); // eval of a literal: the same program, one level in
            }
        }
        for (String blob : scan.decodedBlobs()) {
            if (ctx.depth() + 1 < w.limits.maxCodeDepth()) {
                foreign(language, blob, Origin.DECODED, start, end, env, nested);
            }
        }
    }

    /** Where an inline program runs: its language, where its text came from, its span, and the walker's context. */
    private record ForeignSite(String language, Origin origin, int start, int end, Env env, Ctx ctx, Ctx nested) {}

    /** The shapes hostile whatever the strings say (judged on the whole text by {@link ForeignShapes}). */
    private void reportShapes(ForeignCode.Scan scan, ForeignSite site) {
        String language = site.language();
        if (scan.reverseShell()) {
            report(site, Structural.FOREIGN_REVERSE_SHELL, language + " program connects a socket to a shell");
        }
        if (scan.forkLoop()) {
            report(site, Structural.FOREIGN_FORK, language + " program forks in a loop");
        }
        if (scan.hostileExec()) {
            report(site, Structural.FOREIGN_HOSTILE_EXEC, language + " program executes decoded or downloaded code");
        }
        if (scan.dynamicShell()) {
            report(site, Structural.FOREIGN_DYNAMIC, language + " program runs a shell command built at run time");
        }
    }

    private void report(ForeignSite site, String id, String detail) {
        w.report(site.ctx(), id, site.start(), site.end(), detail);
    }

    /**
     * Paths the program deletes are judged as {@code rm -rf PATH}, modes it sets as {@code chmod}, files it writes by
     * name as if written by tee; secrets it reads and sends are exfiltration.
     */
    private void fileEffects(ForeignCode.Scan scan, ForeignSite site) {
        int start = site.start();
        int end = site.end();
        for (String path : scan.deletedPaths()) {
            runAs(
                    site,
                    List.of(
                            Arg.literal("rm", start, end),
                            Arg.literal("-r", start, end),
                            Arg.literal("-f", start, end),
                            new Arg(path.replace('*', Sentinels.STAR), site.origin(), start, end, null)));
        }
        for (String[] cm : scan.modeChanges()) {
            runAs(
                    site,
                    List.of(
                            Arg.literal("chmod", start, end),
                            Arg.literal(cm[0], start, end),
                            new Arg(cm[1], site.origin(), start, end, null)));
        }
        for (ForeignCode.FileAccess f : scan.files()) {
            Arg path = new Arg(f.path().replace('*', Sentinels.STAR), site.origin(), start, end, null);
            if (f.write()) {
                runAs(
                        site,
                        f.append()
                                ? List.of(Arg.literal("tee", start, end), Arg.literal("-a", start, end), path)
                                : List.of(Arg.literal("tee", start, end), path));
            } else if (scan.sends() && Paths.isSecret(path)) {
                report(
                        site,
                        "exfil.upload-secret",
                        site.language() + " program reads " + f.path() + " and sends data over the network");
            }
        }
    }

    /** Judges what the program does as the shell command that would do the same, one level in. */
    private void runAs(ForeignSite site, List<Arg> argv) {
        Ctx ctx = site.ctx();
        w.process(
                new Invocation(
                        argv,
                        List.of(),
                        Stdin.TERMINAL,
                        w.s(ctx, site.start()),
                        w.e(ctx, site.end()),
                        ctx.speculative(),
                        null,
                        ctx.depth() + 1),
                site.env(),
                site.nested(),
                false);
    }

    /**
     * Source text written earlier in the line and now compiled or run ({@code printf '…' > t.go && go run t.go},
     * {@code gcc x.c}), or an init script written earlier and now enabled ({@code update-rc.d NAME defaults}): the
     * text is judged like an inline program of its language, or as the shell code it is.
     */
    void writtenSource(Invocation inv, Env env, Ctx ctx) {
        if (w.state.writtenFiles.isEmpty()) {
            return;
        }
        String name = inv.name();
        if ((name.equals("update-rc.d") || name.equals("chkconfig") || name.equals("insserv"))
                && !inv.operands().isEmpty()) {
            String script = w.state.writtenFiles.get(
                    "/etc/init.d/" + BashNames.basename(inv.operands().get(0).text()));
            if (script != null) {
                w.analyzeCode(
                        script, Origin.LITERAL, inv.start(), inv.end(), null, env, ctx, "code written to /etc/init.d");
            }
            return;
        }
        for (Arg a : inv.operands()) {
            String lang = RuntimeEffects.sourceLanguage(name, a.text());
            String text = lang == null ? null : w.state.writtenFiles.get(LineState.local(a.text()));
            if (lang != null && text != null) {
                foreign(lang, text, a.origin(), inv.start(), inv.end(), env, ctx);
            }
        }
    }

    /** Walks what the invocation runs ({@link Nesting}); returns the last command run as a wrapped argv, else inv. */
    Invocation runNested(Invocation inv, List<Nested> nestedCode, Env env, Ctx ctx, List<Invocation> produced) {
        Invocation last = inv;
        for (Nested n : nestedCode) {
            if (n instanceof Nested.Argv a) {
                if (ctx.depth() >= w.limits.maxCodeDepth() * 2) {
                    throw new LimitExceeded("wrappers nested too deep");
                }
                Ctx deeper = ctx.deeper();
                Stage st = w.process(a.invocation(), env, deeper, false);
                produced.addAll(st.invocations());
                last = st.invocations().get(st.invocations().size() - 1);
            } else if (n instanceof Nested.Code c) {
                runCodeString(inv, c, env, ctx);
            } else if (n instanceof Nested.StdinCode sc) {
                stdinCode(inv, sc.via(), env, ctx);
            } else if (n instanceof Nested.CodeFile f) {
                codeFile(inv, f, env, ctx);
            } else if (n instanceof Nested.Foreign f) {
                foreign(f.language(), f.code(), f.origin(), f.start(), f.end(), env, ctx);
            }
        }
        return last;
    }

    /** A code string ({@code sh -c CODE}); under find -exec its commands still act on the files of that walk. */
    void runCodeString(Invocation inv, Nested.Code c, Env env, Ctx ctx) {
        String savedTree = w.state.treeContext;
        java.util.Set<String> savedItems = w.state.treeItems;
        if (inv.treeWalk()) {
            // find ROOT … -exec sh -c 'rm "$0"' {} \;: the code's commands still act on the files of that walk
            w.state.treeContext = inv.treeRoot();
            w.state.treeItems = new java.util.HashSet<>();
            for (Arg a : inv.args()) {
                if (a.text().startsWith(inv.treePath())) {
                    w.state.treeItems.add(a.text());
                }
            }
        }
        try {
            w.analyzeCode(c.text(), c.origin(), c.start(), c.end(), c.positional(), env, ctx, c.via());
        } finally {
            w.state.treeContext = savedTree;
            w.state.treeItems = savedItems;
        }
    }

    /**
     * xargs/parallel run their command on the items of their input, find runs its actions on each file: those
     * commands are processed too. Returns xargs' stage (it prints what its command prints), else null.
     */
    @Nullable
    Stage runOnItems(Invocation inv, Env env, Ctx ctx, List<Invocation> produced) {
        String name = inv.name();
        if (name.equals("xargs")
                || (name.equals("parallel") && inv.args().stream().noneMatch(a -> a.startsWith(":::")))) {
            Invocation inner = Expansions.xargs(inv);
            if (inner != null && inner.name().equals("kill") && inv.stdin().piped()) {
                List<String> names = new ArrayList<>();
                for (Invocation up : Upstream.matches(inv.stdin().upstream(), LineState.PID_PRINTER)) {
                    names.addAll(PidLookup.names(up));
                }
                if (ProcessListing.everyPid(inv.stdin().upstream())) {
                    names.add(""); // ps -e | awk '{print $1}' | xargs kill: the pkill pattern that matches every name
                }
                w.effects.killByName(inner, names);
            }
            if (inner != null) {
                Stage st = w.process(inner, env, ctx, false);
                produced.addAll(st.invocations());
                // xargs prints what its command prints: where that comes from (curl: the network); its text is not
                // known, since the items stand for whatever the input holds
                Producers.Output own = Producers.output(inv);
                return new Stage(
                        produced,
                        new Producers.Output(
                                null, own.origin().max(st.output().origin()).max(Origin.LOCAL)));
            }
        } else if (name.equals("find")) {
            for (Invocation inner : Expansions.findActions(inv)) {
                Stage st = w.process(inner, env, ctx, false);
                produced.addAll(st.invocations());
            }
        }
        return null;
    }
}
