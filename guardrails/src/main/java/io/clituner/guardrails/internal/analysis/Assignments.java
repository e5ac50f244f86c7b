package io.clituner.guardrails.internal.analysis;

import io.clituner.guardrails.internal.expand.Arg;
import io.clituner.guardrails.internal.expand.BashNames;
import io.clituner.guardrails.internal.expand.Env;
import io.clituner.guardrails.internal.expand.Origin;
import io.clituner.guardrails.internal.expand.Sentinels;
import io.clituner.guardrails.internal.expand.Value;
import io.clituner.guardrails.parse.Ast;
import java.util.ArrayList;
import java.util.List;

/**
 * Variable assignments as bash performs them (arrays, keyed and appended elements, {@code a[i]=x}), the variables
 * whose value is itself judged (history switches, PROMPT_COMMAND, exported function values) and the working directory
 * that {@code cd} sets.
 */
final class Assignments {
    private final Walker w;

    Assignments(Walker w) {
        this.w = w;
    }

    /**
     * The assignments before a command's words: {@code a=x} alone sets the variable (arrays, elements, {@code +=});
     * before a command it is only that command's environment. Secrets read into a value taint the variable; values
     * bash treats specially (history, PROMPT_COMMAND, function values, LD_PRELOAD, PATH) are judged.
     */
    @SuppressWarnings(
            "ReferenceEquality") // Value.UNKNOWN_UNSET is a sentinel: identity, not an equal value, means never set
    void prefixAssignments(Ast.Simple simple, Env env, Ctx ctx) {
        for (Ast.Assignment a : simple.assignments()) {
            int readsBefore = w.state.secretReads;
            Value v = assignmentValue(a, env);
            w.state.taint(
                    a.name(),
                    w.state.secretReads > readsBefore || (a.value() != null && w.state.readsSecretVar(a.value())));
            if (simple.words().isEmpty() && a.name().indexOf('[') > 0) {
                Assignments.setElement(env, a.name(), v);
                continue;
            }
            if (simple.words().isEmpty()) {
                List<String> elements = v.array();
                if (elements != null) {
                    v = Assignments.keyedElements(env, a.name(), elements, v.origin(), a.append());
                }
                if (a.append() && !v.isArray()) {
                    Value old = env.get(a.name());
                    String prev = old == Value.UNKNOWN_UNSET ? "" : String.valueOf(old.first());
                    v = Value.of(prev + v.scalar(), old.origin().max(v.origin()));
                }
                w.charge(v); // a+=(x) and a+=x copy the old value: repeated, they would cost the square of the line
                env.set(a.name(), v);
            }
            specialVariable(env.resolve(a.name()), v, a.start(), a.end(), env, ctx); // h=… with declare -n h=HISTFILE
            functionValue(a.name(), v, a.start(), a.end(), env, ctx);
            if ((a.name().equals("LD_PRELOAD") || a.name().equals("LD_AUDIT")) && !v.isArray()) {
                String lib = v.scalarText();
                if (w.state.isDownloaded(lib)) {
                    w.report(
                            ctx, Structural.DOWNLOAD_EXEC, a.start(), a.end(), "preloads a library downloaded earlier");
                } else if (w.state.deferred > 0
                        && lib.startsWith("/")
                        && Paths.place(Arg.literal(lib, a.start(), a.end())) == Paths.Place.TEMP) {
                    w.report(ctx, Structural.SCRATCH_PERSIST, a.start(), a.end(), "code run later preloads " + lib);
                }
            }
            if (w.state.deferred > 0
                    && a.name().equals("PATH")
                    && !v.isArray()
                    && ProgramEffects.scratchFirstInPath(v.scalarText())) {
                w.report(
                        ctx,
                        Structural.SCRATCH_PERSIST,
                        a.start(),
                        a.end(),
                        "code run later looks programs up in " + v.scalarText());
            }
        }
    }

    static final java.util.regex.Pattern FUNCTION_VALUE = java.util.regex.Pattern.compile("^\\s*\\(\\)\\s*\\{");

    Value assignmentValue(Ast.Assignment a, Env env) {
        if (a.array() != null) {
            List<String> items = new ArrayList<>();
            Origin o = Origin.LITERAL;
            for (Ast.Word word : a.array()) {
                for (Arg x : w.expander.expand(word, env)) {
                    items.add(x.text());
                    o = o.max(x.origin());
                }
            }
            return Value.array(items, o);
        }
        Arg v = w.expander.expandString(
                java.util.Objects.requireNonNull(a.value(), "a scalar assignment has a value"), env);
        return Value.of(v.text(), v.origin());
    }

    void specialVariable(String name, Value v, int start, int end, Env env, Ctx ctx) {
        List<String> elements = v.array();
        String val = elements != null ? String.join(" ", elements) : v.scalarText();
        switch (name) {
            case "HISTFILE" -> {
                if (val.isEmpty() || val.equals("/dev/null")) {
                    w.report(ctx, Structural.HISTORY_VARS, start, end, "shell history disabled (" + name + ")");
                }
            }
            case "HISTSIZE", "HISTFILESIZE", "SAVEHIST" -> {
                if (val.equals("0") || val.isEmpty()) {
                    w.report(ctx, Structural.HISTORY_VARS, start, end, "shell history disabled (" + name + ")");
                }
            }
            case "PROMPT_COMMAND" -> {
                w.report(ctx, Structural.PROMPT_COMMAND, start, end, "code run before every prompt");
                w.analyzeCode(val, v.origin(), start, end, null, env, ctx, "PROMPT_COMMAND");
            }
            default -> environmentCode(name, val, v.origin(), start, end, env, ctx);
        }
    }

    /** LESSOPEN, PAGER, GIT_SSH_COMMAND…: a program started with this environment runs the value as code. */
    void environmentCode(String name, String value, Origin origin, int start, int end, Env env, Ctx ctx) {
        String code = ProgramCode.variableCode(name, value);
        if (code != null && (origin.hostile() || !Nesting.opaque(code))) { // an unknown local value is no news
            w.analyzeCode(code, origin, start, end, null, env, ctx, "environment " + name);
        }
    }

    /**
     * A variable whose value is a function definition ({@code X='() { …; }; CMD'}): bash child processes import it, and
     * unpatched ones (Shellshock) run the code after the body as they start. The value is judged as code: the body as
     * a function and whatever follows it as commands.
     */
    void functionValue(String var, Value v, int start, int end, Env env, Ctx ctx) {
        String text = v.isArray() ? null : v.scalar();
        if (text != null && FUNCTION_VALUE.matcher(text).find() && ctx.depth() < w.limits.maxCodeDepth()) {
            w.analyzeCode(
                    "f" + text.strip(), v.origin(), start, end, null, w.copyEnv(env), ctx, "function value of " + var);
        }
    }

    /**
     * An array value as assigned: {@code ([2]=x [k]=y)} places elements by index and stores associative keys as
     * {@code name[key]} (read back by the expander); {@code a+=(x)} appends to the old elements.
     */
    static Value keyedElements(Env env, String name, List<String> elements, Origin origin, boolean append) {
        List<String> items = append ? oldItems(env.get(name)) : new ArrayList<>();
        for (String item : elements) {
            boolean keyed = !item.isEmpty() && (item.charAt(0) == '[' || item.charAt(0) == Sentinels.LBRACKET);
            int close = keyed ? item.indexOf("]=") : -1;
            if (close < 0) {
                items.add(item);
                continue;
            }
            String key = item.substring(1, close);
            String val = item.substring(close + 2);
            int idx = key.length() < 5 && !key.isEmpty() && key.chars().allMatch(Character::isDigit)
                    ? Integer.parseInt(key)
                    : -1;
            if (idx < 0) {
                env.set(name + "[" + key + "]", Value.of(val, origin));
                continue;
            }
            while (items.size() <= idx) {
                items.add("");
            }
            items.set(idx, val);
        }
        return Value.array(items, origin);
    }

    /** The elements an array assignment extends: an old array's, an old scalar as element 0, none when unset. */
    @SuppressWarnings(
            "ReferenceEquality") // Value.UNKNOWN_UNSET is a sentinel: identity, not an equal value, means never set
    private static List<String> oldItems(Value old) {
        List<String> items = new ArrayList<>();
        List<String> elements = old.array();
        if (elements != null) {
            items.addAll(elements);
        } else if (old != Value.UNKNOWN_UNSET) {
            items.add(old.scalarText());
        }
        return items;
    }

    /** a[3]=x: updates one element (unknown index: the whole array becomes unknown). */
    @SuppressWarnings(
            "ReferenceEquality") // Value.UNKNOWN_UNSET is a sentinel: identity, not an equal value, means never set
    static void setElement(Env env, String target, Value v) {
        String name = target.substring(0, target.indexOf('['));
        String idx = target.substring(target.indexOf('[') + 1, target.length() - 1);
        Value old = env.get(name);
        List<String> items = oldItems(old);
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

    /**
     * After {@code cd /etc}, "./*" means "/etc/*": operands are made absolute while the working directory is
     * known, so rules judge the paths that are really touched.
     */
    static void relativeToWorkingDirectory(List<Arg> argv, Env env) {
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
        ExtractionDir.spellOut(argv, cwd);
        for (int i = 1; i < argv.size(); i++) {
            Arg a = argv.get(i);
            String t = a.text();
            if (t.isEmpty()
                    || t.startsWith("/")
                    || t.startsWith("-")
                    || t.contains("=")
                    || t.contains("://")
                    || a.hasUnknown()) {
                continue;
            }
            argv.set(i, a.withText(cwd.equals("/") ? "/" + t : cwd + "/" + t));
        }
    }
}
