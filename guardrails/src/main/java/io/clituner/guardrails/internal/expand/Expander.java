package io.clituner.guardrails.internal.expand;

import io.clituner.guardrails.parse.Ast.Arith;
import io.clituner.guardrails.parse.Ast.CmdSub;
import io.clituner.guardrails.parse.Ast.Lit;
import io.clituner.guardrails.parse.Ast.Param;
import io.clituner.guardrails.parse.Ast.Part;
import io.clituner.guardrails.parse.Ast.ProcSub;
import io.clituner.guardrails.parse.Ast.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Performs bash's word expansions statically: tilde, parameter (with the common operators),
 * command substitution (through {@link Substitutions}), arithmetic (as unknown), word splitting
 * on the tracked IFS, brace expansion, and quote removal. Globs stay as patterns. Unknown parts
 * become {@link Sentinels#UNKNOWN} so rules can still reason about what is known.
 */
public final class Expander {
    /** Brace expansion beyond this many words is cut off and marked unknown (no exponential blow-up). */
    public static final int MAX_FIELDS = 256;

    private static final int MAX_VALUE = 1 << 16;

    private final Substitutions subs;

    public Expander(Substitutions subs) {
        this.subs = subs;
    }

    private static final class Builder {
        final StringBuilder sb = new StringBuilder();
        Origin origin = Origin.LITERAL;

        @Nullable
        Origin procSub;

        boolean quotedSeen;
        /** An unquoted ~ inside the word: brace expansion may put it at the start of a word ({a,~/x}). */
        boolean innerTilde;
    }

    /** Expands a word into the fields bash would produce. */
    public List<Arg> expand(Word w, Env env) {
        Builder b = new Builder();
        build(w, env, b, true);
        String text = b.sb.toString();
        List<String> fields = BraceExpansion.expand(text);
        int chars = text.length();
        if (fields.size() > 1) {
            for (String f : fields) {
                chars += f.length();
            }
        }
        subs.charge(chars);
        List<Arg> out = new ArrayList<>(fields.size());
        for (String f : fields) {
            if (b.innerTilde && fields.size() > 1 && f.startsWith("~")) {
                String[] home = Tilde.prefix(f); // bash expands tildes in the words brace expansion produces
                f = home == null ? f : home[0] + f.substring(Integer.parseInt(home[1]));
            }
            split(f, b.quotedSeen, w, b, out);
        }
        return out;
    }

    /** Expands a word as in an assignment or here-string: no splitting, no globbing, no brace expansion. */
    public Arg expandString(Word w, Env env) {
        Builder b = new Builder();
        b.quotedSeen = true;
        build(w, env, b, false);
        return new Arg(literalize(b.sb.toString()), b.origin, w.start(), w.end(), b.procSub);
    }

    private void split(String f, boolean keepEmpty, Word w, Builder b, List<Arg> out) {
        int s = 0;
        boolean any = false;
        for (int i = 0; i <= f.length(); i++) {
            if (i == f.length() || f.charAt(i) == Sentinels.SPLIT || f.charAt(i) == Sentinels.HARD_SPLIT) {
                boolean hard = i < f.length() && f.charAt(i) == Sentinels.HARD_SPLIT;
                if (i > s || (hard && keepEmpty)) {
                    out.add(new Arg(restoreBraces(f.substring(s, i)), b.origin, w.start(), w.end(), b.procSub));
                    any = true;
                }
                s = i + 1;
            }
        }
        if (!any && keepEmpty && f.indexOf(Sentinels.SPLIT) < 0 && f.indexOf(Sentinels.HARD_SPLIT) < 0) {
            out.add(new Arg("", b.origin, w.start(), w.end(), b.procSub));
        }
    }

    private void build(Word w, Env env, Builder b, boolean fieldContext) {
        List<Part> parts = w.parts();
        for (int idx = 0; idx < parts.size(); idx++) {
            Part p = parts.get(idx);
            if (b.sb.length() > MAX_VALUE) {
                b.sb.append(Sentinels.UNKNOWN);
                return;
            }
            if (p instanceof Lit l) {
                if (l.quoted()) {
                    b.quotedSeen = true;
                    appendQuoted(b.sb, l.text());
                } else {
                    appendUnquotedLiteral(b, l.text(), idx == 0, fieldContext);
                }
            } else if (p instanceof Param param) {
                if (param.quoted()) {
                    b.quotedSeen = true;
                }
                Value v = param(param, env);
                b.origin = b.origin.max(v.origin());
                List<String> items = v.array();
                if (items != null
                        && param.quoted()
                        && ("*".equals(param.subscript()) || param.name().equals("*"))) {
                    v = Value.of(joinStar(items, env), v.origin()); // "${a[*]}": one word joined by IFS's first char
                }
                appendValue(b, v, param.quoted() || !fieldContext, env, fieldContext);
            } else if (p instanceof CmdSub cs) {
                if (cs.quoted()) {
                    b.quotedSeen = true;
                }
                Value v = subs.commandSubstitution(
                        cs.script(), env, cs.script().start(), cs.script().end());
                b.origin = b.origin.max(v.origin());
                appendValue(b, v, cs.quoted() || !fieldContext, env, fieldContext);
            } else if (p instanceof ProcSub ps) {
                Origin o = subs.processSubstitution(
                        ps.script(),
                        ps.input(),
                        env,
                        ps.script().start(),
                        ps.script().end());
                b.procSub = b.procSub == null ? o : b.procSub.max(o);
                b.sb.append("/dev/fd/63");
            } else if (p instanceof Arith a) {
                // Arithmetic yields a number; its inner substitutions still run.
                Builder inner = new Builder();
                build(a.inner(), env, inner, false);
                b.origin = b.origin.max(inner.origin);
                b.sb.append(Sentinels.UNKNOWN);
            }
        }
    }

    private static String joinStar(List<String> items, Env env) {
        String ifs = env.get("IFS").scalar();
        String sep =
                ifs == null || ifs.indexOf(Sentinels.UNKNOWN) >= 0 ? " " : ifs.isEmpty() ? "" : ifs.substring(0, 1);
        return String.join(sep, items);
    }

    private static void appendQuoted(StringBuilder sb, String text) {
        sb.append(text);
    }

    private static void appendUnquotedLiteral(Builder b, String text, boolean wordStart, boolean fieldContext) {
        int i = 0;
        if (wordStart && !text.isEmpty() && text.charAt(0) == '~') {
            String[] home = Tilde.prefix(text);
            if (home != null) {
                b.sb.append(home[0]);
                i = Integer.parseInt(home[1]);
            }
        }
        b.innerTilde |= fieldContext && text.indexOf('~', i) >= 0;
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!fieldContext) {
                b.sb.append(c);
                continue;
            }
            switch (c) {
                case '*' -> b.sb.append(Sentinels.STAR);
                case '?' -> b.sb.append(Sentinels.QMARK);
                case '[' -> b.sb.append(Sentinels.LBRACKET);
                case '{' -> b.sb.append(Sentinels.BRACE_OPEN);
                case ',' -> b.sb.append(Sentinels.BRACE_COMMA);
                case '}' -> b.sb.append(Sentinels.BRACE_CLOSE);
                default -> b.sb.append(c);
            }
        }
    }

    private static void appendValue(Builder b, Value v, boolean quoted, Env env, boolean fieldContext) {
        List<String> items = v.array();
        if (items != null) {
            for (int i = 0; i < items.size(); i++) {
                if (i > 0) {
                    b.sb.append(quoted && fieldContext ? Sentinels.HARD_SPLIT : quoted ? ' ' : Sentinels.SPLIT);
                }
                appendScalar(b, items.get(i), quoted, env);
            }
            return;
        }
        appendScalar(b, v.scalarText(), quoted, env);
    }

    private static void appendScalar(Builder b, String s, boolean quoted, Env env) {
        if (quoted) {
            b.sb.append(s);
            return;
        }
        String ifs = env.get("IFS").scalar();
        if (ifs == null) {
            ifs = " \t\n";
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (ifs.indexOf(c) >= 0) {
                b.sb.append(Sentinels.SPLIT);
            } else if (c == '*') {
                b.sb.append(Sentinels.STAR);
            } else if (c == '?') {
                b.sb.append(Sentinels.QMARK);
            } else if (c == '[') {
                b.sb.append(Sentinels.LBRACKET);
            } else {
                b.sb.append(c);
            }
        }
    }

    /** Turns glob sentinels back into literal characters (assignments and here-strings do not glob). */
    private static String literalize(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Sentinels.isSentinel(c) && c != Sentinels.UNKNOWN) {
                if (sb == null) {
                    sb = new StringBuilder(s.substring(0, i));
                }
                sb.append(Sentinels.display(String.valueOf(c)));
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? s : sb.toString();
    }

    private static String restoreBraces(String s) {
        if (s.indexOf(Sentinels.BRACE_OPEN) < 0
                && s.indexOf(Sentinels.BRACE_COMMA) < 0
                && s.indexOf(Sentinels.BRACE_CLOSE) < 0) {
            return s;
        }
        return s.replace(Sentinels.BRACE_OPEN, '{')
                .replace(Sentinels.BRACE_COMMA, ',')
                .replace(Sentinels.BRACE_CLOSE, '}');
    }

    @SuppressWarnings(
            "ReferenceEquality") // Value.UNKNOWN_UNSET is a sentinel: identity, not an equal value, means never set
    private Value param(Param p, Env env) {
        Value base = baseValue(p, env);
        String op = p.op();
        switch (op) {
            case "" -> {
                return base;
            }
            case "concat" -> {
                Arg a = expandString(java.util.Objects.requireNonNull(p.arg(), "concat carries its word"), env);
                return Value.of(a.text(), a.origin());
            }
            case "len" -> {
                return length(base);
            }
            case "!" -> {
                String target = base.first();
                if (target != null && BashNames.isName(target)) {
                    return env.get(target);
                }
                return Value.unknown(base.origin().max(Origin.UNSET));
            }
            default -> {
                // a pattern, default or case operator: below
            }
        }
        boolean unset = base == Value.UNKNOWN_UNSET;
        boolean emptyOrUnset = unset || (!base.isArray() && base.scalarText().isEmpty());
        switch (op) {
            case ":-", "-", ":=", "=" -> {
                boolean useDefault = op.startsWith(":") ? emptyOrUnset : unset;
                if (useDefault) {
                    Arg a = p.arg() == null ? Arg.literal("", 0, 0) : expandString(p.arg(), env);
                    Value v = Value.of(a.text(), a.origin());
                    if (op.endsWith("=")) {
                        env.set(p.name(), v);
                    }
                    return v;
                }
                return base;
            }
            case ":+", "+" -> {
                boolean useAlt = op.startsWith(":") ? !emptyOrUnset : !unset;
                if (useAlt) {
                    Arg a = p.arg() == null ? Arg.literal("", 0, 0) : expandString(p.arg(), env);
                    return Value.of(a.text(), a.origin());
                }
                return Value.of("", Origin.LITERAL);
            }
            case ":?", "?" -> {
                return base;
            }
            default -> {
                // a string operator, applied per element: below
            }
        }
        List<String> elements = base.array();
        if (elements != null
                && op.equals(":")
                && (p.subscript() != null || p.name().equals("@") || p.name().equals("*"))) {
            return slice(elements, base.origin(), p, env);
        }
        if (elements != null) {
            List<String> items = new ArrayList<>();
            for (String s : elements) {
                items.add(applyStringOp(op, s, p, env));
            }
            return Value.array(items, base.origin());
        }
        return Value.of(applyStringOp(op, base.scalarText(), p, env), base.origin());
    }

    /** ${#v}: the number of characters, or of elements for an array. */
    private static Value length(Value base) {
        List<String> items = base.array();
        if (items != null) {
            return Value.of(Integer.toString(items.size()), Origin.LITERAL);
        }
        String s = base.scalarText();
        return s.indexOf(Sentinels.UNKNOWN) >= 0
                ? Value.unknown(base.origin())
                : Value.of(Integer.toString(s.length()), Origin.LITERAL);
    }

    /** ${a[@]:off:len} and ${@:off:len} select elements, not characters; $@ counts $0 as offset 0. */
    private Value slice(List<String> elements, Origin origin, Param p, Env env) {
        String spec = p.arg() == null ? "" : expandString(p.arg(), env).text();
        int colon = spec.indexOf(':');
        List<String> items = new ArrayList<>(elements);
        if (p.subscript() == null) {
            items.add(0, env.argZero());
        }
        try {
            int off = Integer.parseInt((colon < 0 ? spec : spec.substring(0, colon)).trim());
            off = off < 0 ? Math.max(0, items.size() + off) : Math.min(off, items.size());
            int end = items.size();
            if (colon >= 0) {
                int n = Integer.parseInt(spec.substring(colon + 1).trim());
                end = n < 0 ? items.size() + n : Math.min(items.size(), off + n);
            }
            return Value.array(end <= off ? List.of() : items.subList(off, end), origin);
        } catch (NumberFormatException e) {
            return Value.unknown(origin.max(Origin.LOCAL));
        }
    }

    @SuppressWarnings(
            "ReferenceEquality") // Value.UNKNOWN_UNSET is a sentinel: identity, not an equal value, means never set
    private Value baseValue(Param p, Env env) {
        String name = p.name();
        String sub = p.subscript();
        if (name.equals("@") || name.equals("*")) {
            List<String> pos = env.positional();
            if (pos == null) {
                return Value.unknown(env.positionalOrigin().max(Origin.UNSET));
            }
            return Value.array(pos, env.positionalOrigin());
        }
        if (name.equals("#")) {
            List<String> pos = env.positional();
            return pos == null ? Value.unknown(Origin.LOCAL) : Value.of(Integer.toString(pos.size()), Origin.LITERAL);
        }
        if (name.equals("0")) {
            return Value.of(env.argZero(), "bash".equals(env.argZero()) ? Origin.LITERAL : env.positionalOrigin());
        }
        if (Character.isDigit(name.charAt(0))) {
            List<String> pos = env.positional();
            if (pos == null) {
                return Value.unknown(env.positionalOrigin().max(Origin.UNSET));
            }
            int n = Integer.parseInt(name.length() > 6 ? "999999" : name);
            return n - 1 < pos.size() ? Value.of(pos.get(n - 1), env.positionalOrigin()) : Value.of("", Origin.LITERAL);
        }
        if (name.length() == 1 && "?-$!".contains(name)) {
            return Value.unknown(Origin.LOCAL);
        }
        Value v = env.get(name);
        if (sub == null) {
            return v;
        }
        if (sub.equals("@") || sub.equals("*")) {
            if (v.isArray()) {
                return v;
            }
            return v == Value.UNKNOWN_UNSET ? v : Value.array(List.of(v.scalarText()), v.origin());
        }
        try {
            int idx = Integer.parseInt(sub.trim());
            List<String> a = v.array();
            if (a != null) {
                if (idx < 0) {
                    idx += a.size();
                }
                return idx >= 0 && idx < a.size() ? Value.of(a.get(idx), v.origin()) : Value.of("", Origin.LITERAL);
            }
            return idx == 0 ? v : Value.of("", Origin.LITERAL);
        } catch (NumberFormatException e) {
            Value keyed = env.get(name + "[" + sub + "]"); // associative element, set by m=([key]=v) or m[key]=v
            if (keyed != Value.UNKNOWN_UNSET) {
                return keyed;
            }
            List<String> a = v.array();
            if (BashNames.isName(sub) && a != null) { // a[i]: the index is arithmetic, i a variable
                String i = env.get(sub).scalar();
                if (i != null && !i.isEmpty() && i.length() < 6 && i.chars().allMatch(Character::isDigit)) {
                    int k = Integer.parseInt(i);
                    return k < a.size() ? Value.of(a.get(k), v.origin()) : Value.of("", Origin.LITERAL);
                }
            }
            return Value.unknown(v.origin().max(Origin.UNSET));
        }
    }

    private String applyStringOp(String op, String s, Param p, Env env) {
        String unknown = String.valueOf(Sentinels.UNKNOWN);
        if (s.indexOf(Sentinels.UNKNOWN) >= 0) {
            return unknown;
        }
        switch (op) {
            case "^^" -> {
                return s.toUpperCase(Locale.ROOT);
            }
            case ",," -> {
                return s.toLowerCase(Locale.ROOT);
            }
            case "^" -> {
                return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
            }
            case "," -> {
                return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
            }
            case "~~" -> {
                return StringOps.toggleCase(s, s.length());
            }
            case "~" -> {
                return StringOps.toggleCase(s, 1);
            }
            case "@" -> {
                return StringOps.transform(s, p, unknown);
            }
            case ":" -> {
                return substring(s, p, env, unknown);
            }
            default -> {
                // a pattern operator: below
            }
        }
        String pat = p.arg() == null ? "" : patternOf(p.arg(), env);
        if (pat == null) {
            return unknown;
        }
        return switch (op) {
            case "#", "##" -> StringOps.removePrefix(s, pat, op.length() == 2);
            case "%", "%%" -> StringOps.removeSuffix(s, pat, op.length() == 2);
            default -> substitute(op, s, pat, p, env, unknown);
        };
    }

    /** {@code ${v:offset[:length]}} with literal numbers; anything else is unknown. */
    private String substring(String s, Param p, Env env, String unknown) {
        String spec = p.arg() == null ? "" : expandString(p.arg(), env).text();
        String[] bits = spec.split(":", 2);
        try {
            int off = Integer.parseInt(bits[0].trim().replace("(", "").replace(")", ""));
            if (off < 0) {
                off = Math.max(0, s.length() + off);
            }
            off = Math.min(off, s.length());
            if (bits.length == 1) {
                return s.substring(off);
            }
            int n = Integer.parseInt(bits[1].trim().replace("(", "").replace(")", ""));
            int end = n < 0 ? s.length() + n : Math.min(s.length(), off + n);
            return end <= off ? "" : s.substring(off, end);
        } catch (NumberFormatException e) {
            return unknown;
        }
    }

    /** {@code ${v/pat/rep}} and its anchored and global forms, for patterns without glob characters. */
    private String substitute(String op, String s, String pat, Param p, Env env, String unknown) {
        String rep = p.arg2() == null ? "" : expandString(p.arg2(), env).text();
        if (rep.indexOf(Sentinels.UNKNOWN) >= 0 || s.length() > 4096) {
            return unknown;
        }
        boolean plain = pat.chars().noneMatch(ch -> Sentinels.isSentinel((char) ch));
        if (plain && !pat.isEmpty()) {
            return switch (op) {
                case "/" ->
                    s.contains(pat)
                            ? s.substring(0, s.indexOf(pat)) + rep + s.substring(s.indexOf(pat) + pat.length())
                            : s;
                case "//" -> s.replace(pat, rep);
                case "/#" -> s.startsWith(pat) ? rep + s.substring(pat.length()) : s;
                case "/%" -> s.endsWith(pat) ? s.substring(0, s.length() - pat.length()) + rep : s;
                default -> unknown;
            };
        }
        return unknown;
    }

    /** A pattern word: quoted parts literal, unquoted glob characters active. */
    private @Nullable String patternOf(Word w, Env env) {
        List<Arg> fields = expand(w, env);
        if (fields.size() != 1) {
            return fields.isEmpty() ? "" : null;
        }
        String t = fields.get(0).text();
        return t.indexOf(Sentinels.UNKNOWN) >= 0 ? null : t;
    }

    /** Exposed for tests: one word's fields as display strings. */
    public static String show(List<Arg> args) {
        StringBuilder sb = new StringBuilder();
        for (Arg a : args) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(a.display());
        }
        return sb.toString();
    }
}
