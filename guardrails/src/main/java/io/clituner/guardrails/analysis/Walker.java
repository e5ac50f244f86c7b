package io.clituner.guardrails.analysis;

import io.clituner.guardrails.expand.Arg;
import io.clituner.guardrails.expand.BashNames;
import io.clituner.guardrails.expand.Env;
import io.clituner.guardrails.expand.Expander;
import io.clituner.guardrails.expand.Origin;
import io.clituner.guardrails.expand.Sentinels;
import io.clituner.guardrails.expand.Substitutions;
import io.clituner.guardrails.expand.Value;
import io.clituner.guardrails.parse.Ast;
import io.clituner.guardrails.parse.Ast.Command;
import io.clituner.guardrails.parse.Ast.Compound;
import io.clituner.guardrails.parse.Ast.Script;
import io.clituner.guardrails.parse.Ast.Simple;
import io.clituner.guardrails.parse.BashParser;
import io.clituner.guardrails.parse.ParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Walks a parsed command line in execution order, the way bash would run it: tracks variables,
 * positional parameters, functions and aliases; expands every word; builds an {@link Invocation}
 * for each program started (including those inside substitutions, wrappers, nested code strings
 * and inline interpreter programs) and hands each to the rules. One instance per analysis.
 */
public final class Walker implements Substitutions {
    final RuleRunner rules;

    /** Where findings go; swapped only while an unknown program's arguments are tried as a command. */
    Reporter reporter;

    /** Blocking (DANGEROUS) findings reported so far. */
    int blocking;

    final Limits limits;

    final Expander expander;

    Ctx current;

    int invocations;

    /** Steps and bytes left to this analysis, shared with the walkers it starts for container commands. */
    final Budget budget;
    /** The data-flow state of this line (downloads, files written, secrets, PID lookups). */
    final LineState state = new LineState();
    final Assignments assignments = new Assignments(this);
    final UnknownPrograms unknown = new UnknownPrograms(this);
    final ProgramEffects effects = new ProgramEffects(this);
    final CodeRunner codeRunner = new CodeRunner(this);
    final ReadBuiltin reads = new ReadBuiltin(this);
    final Compounds compounds = new Compounds(this);

    public Walker(RuleRunner rules, Reporter reporter, Limits limits) {
        this(rules, reporter, limits, new Budget(limits));
    }

    Walker(RuleRunner rules, Reporter reporter, Limits limits, Budget budget) {
        this.rules = rules;
        this.reporter = (id, start, end, detail) -> {
            if (rules.dangerous(id)) {
                blocking++;
            }
            reporter.report(id, start, end, detail);
        };
        this.limits = limits;
        this.budget = budget;
        this.expander = new Expander(this);
    }

    /** A copy of the variables for a subshell, pipeline stage or nested code, charged to the budget. */
    Env copyEnv(Env env) {
        budget.bytes(env.size());
        return env.copy();
    }

    void charge(Value v) {
        long n = 1;
        if (v.isArray()) {
            for (String item : v.array()) {
                n += item.length() + 16; // an element costs about as much as 16 characters to copy and join
            }
        } else {
            n += v.scalar().length();
        }
        budget.bytes(n);
    }

    @Override
    public void charge(int chars) {
        budget.step();
        budget.bytes(chars);
    }

    /** Analyses one command line; never throws for any input. */
    public void analyze(String rawSource) {
        String src = Sentinels.sanitize(rawSource);
        Ctx root = new Ctx(0, -1, -1, Stdin.TERMINAL, List.of(), false, false, 0, 0, false);
        current = root;
        if (src.length() > limits.maxInputChars()) {
            reporter.report(Structural.LIMIT, 0, src.length(), "input longer than " + limits.maxInputChars() + " characters");
            return;
        }
        try {
            analyzeSource(src, new Env(), root, -1, -1);
        } catch (LimitExceeded e) {
            reporter.report(Structural.LIMIT, 0, src.length(), e.getMessage());
        } catch (StackOverflowError e) {
            reporter.report(Structural.LIMIT, 0, src.length(), "nesting too deep to analyse");
        }
    }

    void analyzeSource(String src, Env env, Ctx ctx, int spanStart, int spanEnd) {
        BashParser parser = new BashParser(src, limits.maxNesting());
        try {
            Script script = parser.parse();
            walkScript(script, env, ctx);
        } catch (ParseException e) {
            int s = spanStart >= 0 ? spanStart : Math.min(e.offset(), src.length());
            int t = spanStart >= 0 ? spanEnd : src.length();
            reporter.report(e.isLimit() ? Structural.LIMIT : Structural.PARSE_ERROR, s, t, e.getMessage());
            // bash -c and scripts run the commands before a syntax error: judge what was parsed
            for (Simple simple : parser.seenCommands()) {
                try {
                    walkCommand(simple, copyEnv(env), ctx);
                } catch (LimitExceeded limit) {
                    throw limit; // out of budget: the verdict must say so
                } catch (RuntimeException ignored) {
                    // a fragment that cannot be analysed alone adds nothing beyond the parse finding
                }
            }
        }
    }

    int s(Ctx ctx, int start) {
        return ctx.spanStart() >= 0 ? ctx.spanStart() : start;
    }

    int e(Ctx ctx, int end) {
        return ctx.spanStart() >= 0 ? ctx.spanEnd() : end;
    }

    void report(Ctx ctx, String id, int start, int end, String detail) {
        reporter.report(id, s(ctx, start), Math.max(s(ctx, start), e(ctx, end)), detail);
    }

    Producers.Output walkScript(Script script, Env env, Ctx ctx) {
        Producers.Output last = new Producers.Output("", Origin.LITERAL);
        StringBuilder all = new StringBuilder();
        Origin origin = Origin.LITERAL;
        int count = 0;
        for (Ast.Item item : script.items()) {
            for (Ast.Pipeline p : item.pipelines()) {
                last = walkPipeline(p, env, ctx, item.background());
                origin = origin.max(last.origin());
                if (all.length() < (1 << 16)) {
                    all.append(last.content() != null ? last.content() : Sentinels.UNKNOWN + "\n");
                }
                count++;
            }
        }
        // a list's output is its parts' outputs in order; unknown parts stay marked unknown
        return count <= 1 ? last : new Producers.Output(all.toString(), origin.max(Origin.LOCAL));
    }

    Producers.Output walkPipeline(Ast.Pipeline p, Env env, Ctx ctx, boolean background) {
        List<Command> cmds = p.commands();
        int n = cmds.size();
        Stdin in = ctx.stdin();
        // every stage sees the stages before it as a prefix of one log: no copying, linear in the stages
        Upstream.Log upstream = n > 1 ? Upstream.log(in.upstream()) : null;
        Producers.Output out = new Producers.Output("", Origin.LITERAL);
        for (int i = 0; i < n; i++) {
            Env stageEnv = n > 1 ? copyEnv(env) : env;
            Ctx stageCtx = ctx.stage(in, n > 1 || ctx.inPipeline(), background || (ctx.background() && n == 1));
            Stage st = walkCommand(cmds.get(i), stageEnv, stageCtx);
            out = st.output();
            if (upstream != null && i + 1 < n) {
                upstream.addAll(st.invocations());
                in = new Stdin(out.origin(), out.content(), upstream.view(), true);
            }
        }
        return out;
    }

    static final Stage EMPTY = new Stage(List.of(), new Producers.Output("", Origin.LITERAL));

    Stage walkCommand(Command c, Env env, Ctx ctx) {
        if (++invocations > limits.maxInvocations()) {
            throw new LimitExceeded("more than " + limits.maxInvocations() + " commands to analyse");
        }
        budget.step();
        if (c instanceof Simple simple) {
            return walkSimple(simple, env, ctx);
        }
        if (c instanceof Ast.FunctionDef f) {
            env.defineFunction(f.name(), f.body());
            Env fenv = copyEnv(env);
            fenv.setPositional(null, Origin.UNSET);
            List<String> stack = new ArrayList<>(ctx.functions());
            stack.add(f.name());
            Ctx fctx = new Ctx(ctx.depth(), ctx.spanStart(), ctx.spanEnd(), Stdin.TERMINAL, stack, false, false,
                    ctx.callDepth() + 1, ctx.loopDepth(), ctx.speculative());
            walkCommand(f.body(), fenv, fctx);
            return EMPTY;
        }
        return compounds.walk((Compound) c, env, ctx);
    }

    Stage walkSimple(Simple simple, Env env, Ctx ctx) {
        current = ctx;
        for (Ast.Assignment a : simple.assignments()) {
            int readsBefore = state.secretReads;
            Value v = assignments.assignmentValue(a, env);
            state.taint(a.name(), state.secretReads > readsBefore || a.value() != null && state.readsSecretVar(a.value()));
            if (simple.words().isEmpty() && a.name().indexOf('[') > 0) {
                Assignments.setElement(env, a.name(), v);
                continue;
            }
            if (simple.words().isEmpty()) {
                if (v.isArray()) {
                    v = Assignments.keyedElements(env, a.name(), v, a.append());
                }
                if (a.append() && !v.isArray()) {
                    Value old = env.get(a.name());
                    String prev = old == Value.UNKNOWN_UNSET ? "" : String.valueOf(old.first());
                    v = Value.of(prev + v.scalar(), old.origin().max(v.origin()));
                }
                charge(v); // a+=(x) and a+=x copy the old value: repeated, they would cost the square of the line
                env.set(a.name(), v);
            }
            assignments.specialVariable(a.name(), v, a.start(), a.end(), env, ctx);
            assignments.functionValue(a.name(), v, a.start(), a.end(), env, ctx);
            if ((a.name().equals("LD_PRELOAD") || a.name().equals("LD_AUDIT")) && !v.isArray()) {
                String lib = v.scalar();
                if (state.isDownloaded(lib)) {
                    report(ctx, Structural.DOWNLOAD_EXEC, a.start(), a.end(), "preloads a library downloaded earlier");
                } else if (state.deferred > 0 && lib.startsWith("/")
                        && Paths.place(Arg.literal(lib, a.start(), a.end())) == Paths.Place.TEMP) {
                    report(ctx, Structural.SCRATCH_PERSIST, a.start(), a.end(), "code run later preloads " + lib);
                }
            }
            if (state.deferred > 0 && a.name().equals("PATH") && !v.isArray() && ProgramEffects.scratchFirstInPath(v.scalar())) {
                report(ctx, Structural.SCRATCH_PERSIST, a.start(), a.end(), "code run later looks programs up in " + v.scalar());
            }
        }
        List<Arg> argv = new ArrayList<>();
        for (Ast.Word w : simple.words()) {
            current = ctx;
            argv.addAll(expander.expand(w, env));
            if (!state.secretVars.isEmpty() && state.readsSecretVar(w)) {
                state.secretSubstitutions.add(new int[] {w.start(), w.end()}); // judged like $(cat /etc/shadow) in place
            }
        }
        Assignments.relativeToWorkingDirectory(argv, env);
        List<Redir> redirs = expandRedirects(simple.redirects(), env, ctx);
        Stdin stdin = stdinFor(redirs, simple.redirects(), env, ctx);
        String tree = state.treeContext != null && argv.stream().anyMatch(a -> state.treeItems.contains(a.text())) ? state.treeContext : null;
        Invocation inv = new Invocation(argv, redirs, stdin, s(ctx, simple.start()), e(ctx, simple.end()),
                ctx.speculative(), tree, ctx.depth());
        if (argv.isEmpty()) {
            if (!redirs.isEmpty()) {
                rules.evaluate(inv, reporter);
            }
            return new Stage(List.of(inv), new Producers.Output("", Origin.LITERAL));
        }
        String savedIfs = state.readIfs;
        state.readIfs = null;
        for (Ast.Assignment a : simple.assignments()) {
            if (a.name().equals("IFS") && a.value() != null) {
                state.readIfs = expander.expandString(a.value(), env).text();
            }
        }
        try {
            return process(inv, env, ctx, true);
        } finally {
            state.readIfs = savedIfs;
        }
    }

    List<Redir> expandRedirects(List<Ast.Redirect> redirects, Env env, Ctx ctx) {
        if (redirects.isEmpty()) {
            return List.of();
        }
        List<Redir> out = new ArrayList<>(redirects.size());
        for (Ast.Redirect r : redirects) {
            current = ctx;
            Arg target;
            if (r.op().startsWith("<<")) {
                target = expander.expandString(r.target(), env);
            } else {
                List<Arg> fields = expander.expand(r.target(), env);
                target = fields.isEmpty() ? Arg.literal("", r.target().start(), r.target().end()) : fields.get(0);
            }
            out.add(new Redir(r.fd(), r.op(), target, s(ctx, r.start()), e(ctx, r.end())));
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
                case "<<", "<<-" -> stdin = new Stdin(t.origin(), t.resolved() ? t.text() : null, List.of(), true);
                case "<", "<>" -> {
                    if (t.procSub() != null) {
                        Producers.Output o = state.procSubOutputs.get(raw.get(i).target().start());
                        stdin = new Stdin(t.procSub(), o == null ? null : o.content(), List.of(), true);
                    } else if (t.startsWith("/dev/tcp/") || t.startsWith("/dev/udp/")) {
                        stdin = new Stdin(Origin.NETWORK, null, List.of(), true);
                    } else if (t.resolved() && Paths.isSecret(t)) {
                        // "… < /etc/shadow" feeds the secret on as "cat /etc/shadow | …" would
                        Invocation reader = new Invocation(List.of(Arg.literal("cat", t.start(), t.end()), t), List.of(),
                                Stdin.TERMINAL, t.start(), t.end(), ctx.speculative(), null, ctx.depth());
                        stdin = new Stdin(Origin.LOCAL, null, List.of(reader), true);
                    } else if (!t.is("/dev/null")) {
                        stdin = new Stdin(Origin.LOCAL, null, List.of(), true);
                    }
                }
                default -> {
                }
            }
        }
        return stdin;
    }

    /**
     * Judges an invocation and everything it runs in turn: the rules, the line's data flow (downloads, files written
     * and copied, secrets read and sent), builtins, nested code and wrapped commands, and the safety nets for programs
     * the analyzer does not know.
     *
     * @param top true for a command as written (function and alias lookup apply)
     */
    Stage process(Invocation inv, Env env, Ctx ctx, boolean top) {
        if (++invocations > limits.maxInvocations()) {
            throw new LimitExceeded("more than " + limits.maxInvocations() + " commands to analyse");
        }
        budget.step();
        List<Invocation> produced = new ArrayList<>();
        produced.add(inv);
        if (top && !inv.name().isEmpty()) {
            Stage called = functionOrAlias(inv, env, ctx, produced);
            if (called != null) {
                return called;
            }
        }
        judge(inv, ctx);
        state.recordOutputs(inv);
        if (top) {
            runCopiedProgram(inv, env, ctx);
        }
        effects.afterRun(inv, env, ctx);
        state.recordSecretReads(inv);
        reportSecretsSent(inv, ctx);
        runWrittenOrDownloaded(inv, env, ctx, top);
        if (inv.name().isEmpty() && !inv.argv().isEmpty()) {
            unknown.dynamicName(inv, env, ctx);
        }
        Builtins.run(this, inv, env, ctx);
        List<Nested> nestedCode = Nesting.of(inv);
        int blockingBefore = blocking;
        Invocation last = runNested(inv, nestedCode, env, ctx, produced);
        if (!ctx.speculative() && !inv.name().isEmpty() && blocking == blockingBefore) {
            unknown.tryAsWrapper(inv, env, ctx, nestedCode);
        }
        Stage items = runOnItems(inv, env, ctx, produced);
        if (items != null) {
            return items;
        }
        return new Stage(produced, last == inv ? Producers.output(inv) : Producers.output(last));
    }

    /** A call of a function defined in the line, or an alias: walks the body or the alias text instead, else null. */
    private Stage functionOrAlias(Invocation inv, Env env, Ctx ctx, List<Invocation> produced) {
        String name = inv.name();
        Command fn = env.function(name);
        if (fn != null) {
            if (ctx.functions().contains(name)) {
                if (ctx.inPipeline() || ctx.background()) {
                    report(ctx, Structural.FORK_BOMB, inv.start(), inv.end(),
                            "function '" + name + "' spawns itself in a pipeline or background");
                }
                return new Stage(produced, new Producers.Output(null, Origin.LOCAL));
            }
            if (ctx.callDepth() < 6) {
                Env fenv = copyEnv(env);
                List<String> args = new ArrayList<>();
                Origin o = Origin.LITERAL;
                for (Arg a : inv.args()) {
                    args.add(a.text());
                    o = o.max(a.origin());
                }
                fenv.setPositional(args, o);
                List<String> stack = new ArrayList<>(ctx.functions());
                stack.add(name);
                walkCommand(fn, fenv, new Ctx(ctx.depth(), ctx.spanStart(), ctx.spanEnd(), inv.stdin(), stack,
                        ctx.inPipeline(), ctx.background(), ctx.callDepth() + 1, ctx.loopDepth(), ctx.speculative()));
            }
            return new Stage(produced, new Producers.Output(null, Origin.LOCAL));
        }
        String alias = env.alias(name);
        if (alias != null && ctx.depth() < limits.maxCodeDepth()) {
            StringBuilder code = new StringBuilder(alias);
            for (Arg a : inv.args()) {
                code.append(' ').append(ProgramEffects.quote(a.text()));
            }
            analyzeCode(code.toString(), Origin.LITERAL, inv.start(), inv.end(), null, env, ctx, "alias " + name);
            return new Stage(produced, new Producers.Output(null, Origin.LOCAL));
        }
        return null;
    }

    /** The rules on the invocation, a kill of looked-up PIDs as the pkill it is, and a command name from hostile data. */
    private void judge(Invocation inv, Ctx ctx) {
        rules.evaluate(inv, reporter);
        state.pidNames.addAll(PidLookup.names(inv));
        if (inv.name().equals("kill")) {
            effects.killByName(inv, state.pidsFromSubstitutions(inv));
        }
        if (!inv.argv().isEmpty() && !inv.speculative()) {
            Arg a0 = inv.arg(0);
            if (a0.origin() == Origin.NETWORK || a0.origin() == Origin.DECODED && !Nesting.opaque(a0.text())) {
                report(ctx, Structural.HOSTILE_COMMAND, a0.start(), a0.end(),
                        "command name comes from " + a0.origin().name().toLowerCase() + " data");
            }
        }
    }

    /** Running a copy of a program made earlier in the line ({@code cp /bin/rm ./x; ./x -rf /}) runs the original. */
    private void runCopiedProgram(Invocation inv, Env env, Ctx ctx) {
        if (inv.argv().isEmpty() || state.copiedPrograms.isEmpty()) {
            return;
        }
        String original = state.copiedPrograms.get(LineState.local(inv.arg(0).text()));
        if (original != null && ctx.depth() < limits.maxCodeDepth()) {
            List<Arg> argv = new ArrayList<>(inv.argv());
            argv.set(0, inv.arg(0).withText(original));
            process(inv.withArgv(argv), env, ctx, false);
        }
    }

    /** Secrets read by a $(…) in a network program's arguments, or files written from secrets, sent on. */
    private void reportSecretsSent(Invocation inv, Ctx ctx) {
        String name = inv.name();
        if (!state.secretSubstitutions.isEmpty() && (Programs.NETWORK.contains(name) || Programs.RAW_SOCKET.contains(name)
                || Programs.NAME_LOOKUP.contains(name))) {
            for (Arg a : inv.args()) {
                for (int[] span : state.secretSubstitutions) {
                    if (span[0] >= a.start() && span[1] <= a.end()) {
                        report(ctx, "exfil.upload-secret", a.start(), a.end(), "a secret read by $(…) is sent over the network");
                    }
                }
            }
        }
        for (Arg sent : state.secretFlow.sentSecrets(inv)) {
            report(ctx, "exfil.upload-secret", inv.start(), inv.end(),
                    sent.display() + " was written from secrets earlier in the line and is sent over the network");
        }
        state.secretFlow.record(inv);
    }

    /** Running a script written earlier in the line analyses its text; running a downloaded file is flagged. */
    private void runWrittenOrDownloaded(Invocation inv, Env env, Ctx ctx, boolean top) {
        if (top && !inv.argv().isEmpty() && !state.writtenFiles.isEmpty()) {
            String a0 = inv.arg(0).text();
            String script = state.writtenFiles.get(LineState.local(a0));
            if (script != null) {
                analyzeCode(script, Origin.LITERAL, inv.start(), inv.end(), null, env, ctx, "script " + a0);
            }
        }
        if (!inv.argv().isEmpty() && state.isDownloaded(inv.arg(0).text())) {
            report(ctx, Structural.DOWNLOAD_EXEC, inv.start(), inv.end(), "runs a file downloaded earlier in the command");
        }
    }

    /** Walks what the invocation runs ({@link Nesting}); returns the last command run as a wrapped argv, else inv. */
    private Invocation runNested(Invocation inv, List<Nested> nestedCode, Env env, Ctx ctx, List<Invocation> produced) {
        Invocation last = inv;
        for (Nested n : nestedCode) {
            if (n instanceof Nested.Argv a) {
                if (ctx.depth() >= limits.maxCodeDepth() * 2) {
                    throw new LimitExceeded("wrappers nested too deep");
                }
                Ctx deeper = new Ctx(ctx.depth() + 1, ctx.spanStart(), ctx.spanEnd(), ctx.stdin(), ctx.functions(),
                        ctx.inPipeline(), ctx.background(), ctx.callDepth(), ctx.loopDepth(), ctx.speculative());
                Stage st = process(a.invocation(), env, deeper, false);
                produced.addAll(st.invocations());
                last = st.invocations().get(st.invocations().size() - 1);
            } else if (n instanceof Nested.Code c) {
                runCodeString(inv, c, env, ctx);
            } else if (n instanceof Nested.StdinCode sc) {
                codeRunner.stdinCode(inv, sc.via(), env, ctx);
            } else if (n instanceof Nested.CodeFile f) {
                codeRunner.codeFile(inv, f, env, ctx);
            } else if (n instanceof Nested.Foreign f) {
                codeRunner.foreign(f.language(), f.code(), f.origin(), f.start(), f.end(), env, ctx);
            }
        }
        return last;
    }

    /** A code string ({@code sh -c CODE}); under find -exec its commands still act on the files of that walk. */
    private void runCodeString(Invocation inv, Nested.Code c, Env env, Ctx ctx) {
        String savedTree = state.treeContext;
        java.util.Set<String> savedItems = state.treeItems;
        if (inv.treeWalk()) {
            // find ROOT … -exec sh -c 'rm "$0"' {} \;: the code's commands still act on the files of that walk
            state.treeContext = inv.treeRoot();
            state.treeItems = new java.util.HashSet<>();
            for (Arg a : inv.args()) {
                if (a.text().startsWith(inv.treePath())) {
                    state.treeItems.add(a.text());
                }
            }
        }
        try {
            analyzeCode(c.text(), c.origin(), c.start(), c.end(), c.positional(), env, ctx, c.via());
        } finally {
            state.treeContext = savedTree;
            state.treeItems = savedItems;
        }
    }

    /**
     * xargs/parallel run their command on the items of their input, find runs its actions on each file: those
     * commands are processed too. Returns xargs' stage (it prints what its command prints), else null.
     */
    private Stage runOnItems(Invocation inv, Env env, Ctx ctx, List<Invocation> produced) {
        String name = inv.name();
        if (name.equals("xargs") || name.equals("parallel") && inv.args().stream().noneMatch(a -> a.startsWith(":::"))) {
            Invocation inner = Expansions.xargs(inv);
            if (inner != null && inner.name().equals("kill") && inv.stdin().piped()) {
                List<String> names = new ArrayList<>();
                for (Invocation up : Upstream.matches(inv.stdin().upstream(), LineState.PID_PRINTER)) {
                    names.addAll(PidLookup.names(up));
                }
                effects.killByName(inner, names);
            }
            if (inner != null) {
                Stage st = process(inner, env, ctx, false);
                produced.addAll(st.invocations());
                // xargs prints what its command prints: where that comes from (curl: the network); its text is not
                // known, since the items stand for whatever the input holds
                Producers.Output own = Producers.output(inv);
                return new Stage(produced, new Producers.Output(null,
                        own.origin().max(st.output().origin()).max(Origin.LOCAL)));
            }
        } else if (name.equals("find")) {
            for (Invocation inner : Expansions.findActions(inv)) {
                Stage st = process(inner, env, ctx, false);
                produced.addAll(st.invocations());
            }
        }
        return null;
    }

    /** Above zero in a walker judging a command run inside a container ({@link #containerExec}). */
    int containerNesting;

    void analyzeCode(String text, Origin origin, int start, int end, List<String> positional, Env env, Ctx ctx,
                             String via) {
        if (origin.hostile()) {
            report(ctx, Structural.HOSTILE_CODE, start, end, via + " runs " + origin.name().toLowerCase() + " code");
        }
        if (text == null || Nesting.opaque(text)) {
            if (!origin.hostile()) {
                boolean evalLike = via.equals("eval") || via.endsWith(" -c") || via.equals("source") || via.equals(".")
                        || via.endsWith("reading stdin") && Programs.isShell(via.substring(0, via.indexOf(' ')))
                        || via.equals("PROMPT_COMMAND");
                report(ctx, origin == Origin.UNSET && evalLike ? Structural.DYNAMIC_CODE : Structural.LOCAL_CODE, start, end,
                        via + " runs code not known before run time");
            }
            return;
        }
        if (ctx.depth() >= limits.maxCodeDepth()) {
            report(ctx, Structural.LIMIT, start, end, "code nested more than " + limits.maxCodeDepth() + " levels deep");
            return;
        }
        budget.bytes(text.length());
        Env inner = copyEnv(env);
        if (positional != null && via.endsWith(" -c") && !positional.isEmpty() && Programs.isShell(via.substring(0, via.length() - 3))) {
            inner.setArgZero(positional.get(0)); // sh -c CODE NAME ARGS…: NAME is $0
            inner.setPositional(positional.subList(1, positional.size()), origin);
        } else if (positional != null) {
            inner.setPositional(positional, origin);
        }
        int ss = ctx.spanStart() >= 0 ? ctx.spanStart() : start;
        int se = ctx.spanStart() >= 0 ? ctx.spanEnd() : end;
        Ctx nested = new Ctx(ctx.depth() + 1, ss, se, ctx.stdin(), ctx.functions(), ctx.inPipeline(), ctx.background(),
                ctx.callDepth(), ctx.loopDepth(), ctx.speculative());
        Ctx saved = current;
        boolean later = via.startsWith("code written to ") || via.equals("crontab reading stdin")
                || via.equals("at reading stdin") || via.equals("batch reading stdin");
        state.deferred += later ? 1 : 0;
        try {
            analyzeSource(text, inner, nested, ss, se);
        } finally {
            state.deferred -= later ? 1 : 0;
        }
        current = saved;
    }

    @Override
    public Value commandSubstitution(Script script, Env env, int start, int end) {
        Ctx ctx = current;
        Ctx sub = new Ctx(ctx.depth(), ctx.spanStart(), ctx.spanEnd(), Stdin.TERMINAL, ctx.functions(), false, false,
                ctx.callDepth(), ctx.loopDepth(), ctx.speculative());
        int readsBefore = state.secretReads;
        int pidsBefore = state.pidNames.size();
        Producers.Output out = walkScript(script, copyEnv(env), sub);
        current = ctx;
        if (state.pidNames.size() > pidsBefore) {
            state.pidSubstitutions.add(new LineState.PidSpan(start, end, List.copyOf(state.pidNames.subList(pidsBefore, state.pidNames.size()))));
        }
        if (state.secretReads > readsBefore) {
            state.secretSubstitutions.add(new int[] {start, end});
        }
        if (out.content() != null) {
            String c = out.content();
            int k = c.length();
            while (k > 0 && c.charAt(k - 1) == '\n') {
                k--;
            }
            return Value.of(c.substring(0, k), out.origin());
        }
        return Value.unknown(out.origin().max(Origin.LOCAL));
    }

    @Override
    public Origin processSubstitution(Script script, boolean input, Env env, int start, int end) {
        Ctx ctx = current;
        Stdin in = input ? Stdin.TERMINAL : new Stdin(Origin.LOCAL, null, List.of(), true);
        Ctx sub = new Ctx(ctx.depth(), ctx.spanStart(), ctx.spanEnd(), in, ctx.functions(), false, false,
                ctx.callDepth(), ctx.loopDepth(), ctx.speculative());
        Producers.Output out = walkScript(script, copyEnv(env), sub);
        current = ctx;
        state.procSubOutputs.put(start - 2, out);
        return input ? out.origin() : Origin.LOCAL;
    }
}
