package io.clituner.guardrails.internal.analysis;

import io.clituner.guardrails.internal.expand.Arg;
import io.clituner.guardrails.internal.expand.Env;
import io.clituner.guardrails.internal.expand.Expander;
import io.clituner.guardrails.internal.expand.Origin;
import io.clituner.guardrails.internal.expand.Sentinels;
import io.clituner.guardrails.internal.expand.Substitutions;
import io.clituner.guardrails.internal.expand.Value;
import io.clituner.guardrails.parse.Ast;
import io.clituner.guardrails.parse.Ast.Command;
import io.clituner.guardrails.parse.Ast.Compound;
import io.clituner.guardrails.parse.Ast.Script;
import io.clituner.guardrails.parse.Ast.Simple;
import io.clituner.guardrails.parse.BashParser;
import io.clituner.guardrails.parse.ParseException;
import io.clituner.guardrails.policy.Limits;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

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

    /** The context of the command being walked (the line's root context until the first one). */
    Ctx current = Ctx.root();

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
    final Redirections redirections = new Redirections(this);
    final LineDefinitions defined = new LineDefinitions(this);
    final SilentRuns silent = new SilentRuns(this);

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
        List<String> items = v.array();
        if (items != null) {
            for (String item : items) {
                n += item.length() + 16; // an element costs about as much as 16 characters to copy and join
            }
        } else {
            n += v.scalarText().length();
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
        Ctx root = Ctx.root();
        current = root;
        if (src.length() > limits.maxInputChars()) {
            reporter.report(
                    Structural.LIMIT, 0, src.length(), "input longer than " + limits.maxInputChars() + " characters");
            return;
        }
        try {
            analyzeSource(src, new Env(), root, -1, -1);
        } catch (LimitExceeded e) {
            reporter.report(Structural.LIMIT, 0, src.length(), e.reason());
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
            reporter.report(
                    e.isLimit() ? Structural.LIMIT : Structural.PARSE_ERROR,
                    s,
                    t,
                    Objects.requireNonNullElse(e.getMessage(), "syntax error")); // the parser always gives one
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
            Ctx fctx = ctx.detached(Stdin.TERMINAL).calling(stack);
            definitionWalks++;
            try {
                walkCommand(f.body(), fenv, fctx);
            } finally {
                definitionWalks--;
            }
            return EMPTY;
        }
        return compounds.walk((Compound) c, env, ctx);
    }

    Stage walkSimple(Simple simple, Env env, Ctx ctx) {
        current = ctx;
        assignments.prefixAssignments(simple, env, ctx);
        List<Arg> argv = new ArrayList<>();
        for (Ast.Word w : simple.words()) {
            current = ctx;
            argv.addAll(expander.expand(w, env));
            if (!state.secretVars.isEmpty() && state.readsSecretVar(w)) {
                state.secretSubstitutions.add(
                        new int[] {w.start(), w.end()}); // judged like $(cat /etc/shadow) in place
            } else if (SecretVariables.readsInherited(w, env)) {
                state.secretNames = state.secretNames.isEmpty() ? new ArrayList<>() : state.secretNames;
                state.secretNames.add(new int[] {w.start(), w.end()}); // $AWS_SECRET_ACCESS_KEY, $GITHUB_TOKEN…
            }
        }
        Assignments.relativeToWorkingDirectory(argv, env);
        List<Redir> redirs = redirections.expandRedirects(simple.redirects(), env, ctx);
        Stdin stdin = redirections.stdinFor(redirs, simple.redirects(), env, ctx);
        String tree = state.treeContext != null && argv.stream().anyMatch(a -> state.treeItems.contains(a.text()))
                ? state.treeContext
                : null;
        Invocation inv = new Invocation(
                argv,
                redirs,
                stdin,
                s(ctx, simple.start()),
                e(ctx, simple.end()),
                ctx.speculative(),
                tree,
                ctx.depth());
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
            Stage called = defined.functionOrAlias(inv, env, ctx, produced);
            if (called != null) {
                return called;
            }
        }
        judge(inv, ctx);
        NetworkShells.see(this, inv, ctx);
        state.recordOutputs(inv);
        if (top) {
            defined.runCopiedProgram(inv, env, ctx);
        }
        effects.afterRun(inv, env, ctx);
        state.recordSecretReads(inv);
        effects.reportSecretsSent(inv, ctx);
        defined.runWrittenOrDownloaded(inv, env, ctx, top);
        if (inv.name().isEmpty() && !inv.argv().isEmpty()) {
            unknown.dynamicName(inv, env, ctx);
        }
        Builtins.run(this, inv, env, ctx);
        List<Nested> nestedCode = Nesting.of(inv);
        List<Nested> optionCode = ProgramCode.of(inv); // hooks, pagers, client shell escapes
        if (!optionCode.isEmpty()) {
            nestedCode = new ArrayList<>(nestedCode);
            nestedCode.addAll(optionCode);
        }
        codeRunner.writtenSource(inv, env, ctx);
        silent.count(inv);
        int blockingBefore = blocking;
        Invocation last = codeRunner.runNested(inv, nestedCode, env, ctx, produced);
        if (!ctx.speculative() && !inv.name().isEmpty() && blocking == blockingBefore) {
            unknown.tryAsWrapper(inv, env, ctx, nestedCode);
        }
        Stage items = codeRunner.runOnItems(inv, env, ctx, produced);
        if (items != null) {
            return items;
        }
        return new Stage(produced, Producers.output(last));
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
            if (a0.origin() == Origin.NETWORK || (a0.origin() == Origin.DECODED && !Nesting.opaque(a0.text()))) {
                report(
                        ctx,
                        Structural.HOSTILE_COMMAND,
                        a0.start(),
                        a0.end(),
                        "command name comes from " + a0.origin().name().toLowerCase(Locale.ROOT) + " data");
            }
        }
    }

    /** Function bodies being walked at their definition (without the arguments of a call). */
    int definitionWalks;

    /** Above zero in a walker judging a command run inside a container ({@link ProgramEffects#containerExec}). */
    int containerNesting;

    void analyzeCode(
            @Nullable String text,
            Origin origin,
            int start,
            int end,
            @Nullable List<String> positional,
            Env env,
            Ctx ctx,
            String via) {
        reportOrigin(text, origin, start, end, env, ctx, via);
        if (text == null || Nesting.opaque(text)) {
            if (!origin.hostile()) {
                boolean evalLike = via.equals("eval")
                        || via.endsWith(" -c")
                        || via.equals("source")
                        || via.equals(".")
                        || (via.endsWith("reading stdin") && Programs.isShell(via.substring(0, via.indexOf(' '))))
                        || via.equals("PROMPT_COMMAND");
                report(
                        ctx,
                        origin == Origin.UNSET && evalLike ? Structural.DYNAMIC_CODE : Structural.LOCAL_CODE,
                        start,
                        end,
                        via + " runs code not known before run time");
            }
            return;
        }
        if (ctx.depth() >= limits.maxCodeDepth()) {
            report(
                    ctx,
                    Structural.LIMIT,
                    start,
                    end,
                    "code nested more than " + limits.maxCodeDepth() + " levels deep");
            return;
        }
        budget.bytes(text.length());
        Env inner = codeEnv(env, positional, origin, via);
        int ss = ctx.spanStart() >= 0 ? ctx.spanStart() : start;
        int se = ctx.spanStart() >= 0 ? ctx.spanEnd() : end;
        Ctx nested = ctx.nestedAt(ss, se);
        Ctx saved = current;
        boolean later = via.startsWith("code written to ")
                || via.equals("crontab reading stdin")
                || via.equals("at reading stdin")
                || via.equals("batch reading stdin");
        state.deferred += later ? 1 : 0;
        try {
            analyzeSource(text, inner, nested, ss, se);
        } finally {
            state.deferred -= later ? 1 : 0;
        }
        current = saved;
    }

    /** Code of hostile origin is reported as such, unless it was decoded and is only an obfuscated harmless command. */
    private void reportOrigin(@Nullable String text, Origin origin, int start, int end, Env env, Ctx ctx, String via) {
        if (origin == Origin.DECODED && text != null && silent.harmlessDecoded(text, env, ctx)) {
            // decoded, but every character known, valid bash, known programs and nothing to report: obfuscated only
            report(ctx, Structural.DECODED_CODE, start, end, via + " runs decoded code (judged as decoded)");
        } else if (origin.hostile()) {
            report(
                    ctx,
                    Structural.HOSTILE_CODE,
                    start,
                    end,
                    via + " runs " + origin.name().toLowerCase(Locale.ROOT) + " code");
        }
    }

    /** The variables nested code starts with: a copy, with the positional parameters (and $0 for sh -c) it is given. */
    private Env codeEnv(Env env, @Nullable List<String> positional, Origin origin, String via) {
        Env inner = copyEnv(env);
        if (positional != null
                && via.endsWith(" -c")
                && !positional.isEmpty()
                && Programs.isShell(via.substring(0, via.length() - 3))) {
            inner.setArgZero(positional.get(0)); // sh -c CODE NAME ARGS…: NAME is $0
            inner.setPositional(positional.subList(1, positional.size()), origin);
        } else if (positional != null) {
            inner.setPositional(positional, origin);
        }
        return inner;
    }

    @Override
    public Value commandSubstitution(Script script, Env env, int start, int end) {
        Ctx ctx = current;
        Ctx sub = ctx.detached(Stdin.TERMINAL);
        int readsBefore = state.secretReads;
        int pidsBefore = state.pidNames.size();
        Producers.Output out = walkScript(script, copyEnv(env), sub);
        current = ctx;
        if (state.pidNames.size() > pidsBefore) {
            state.pidSubstitutions.add(new LineState.PidSpan(
                    start, end, List.copyOf(state.pidNames.subList(pidsBefore, state.pidNames.size()))));
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
        Ctx sub = ctx.detached(in);
        Producers.Output out = walkScript(script, copyEnv(env), sub);
        current = ctx;
        state.procSubOutputs.put(start - 2, out);
        return input ? out.origin() : Origin.LOCAL;
    }
}
