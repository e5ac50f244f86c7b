package io.clituner.guardrails.internal.analysis;

import io.clituner.guardrails.internal.expand.Arg;
import io.clituner.guardrails.internal.expand.Env;
import io.clituner.guardrails.internal.expand.Origin;
import io.clituner.guardrails.internal.expand.Sentinels;
import io.clituner.guardrails.internal.expand.Value;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@code read} builtin: which variables it sets, split by IFS as bash splits, and what they hold (a secret, a
 * listing of a system tree, unknown input).
 */
final class ReadBuiltin {
    private final Walker w;

    ReadBuiltin(Walker w) {
        this.w = w;
    }

    void read(Invocation inv, Env env) {
        ReadNames names = ReadNames.of(inv);
        List<String> vars = names.vars();
        String arrayName = names.array();
        Stdin in = inv.stdin();
        boolean secret = LineState.secretUpstream(in);
        for (String v : vars.isEmpty() ? List.of("REPLY") : vars) {
            w.state.taint(v, secret);
        }
        if (arrayName != null) {
            w.state.taint(arrayName, secret);
        }
        Origin o = in.piped() ? in.origin() : Origin.UNSET;
        String content = in.content();
        if (content != null) {
            assignLine(content, names, o, env);
            return;
        }
        if (arrayName != null) {
            env.set(arrayName, Value.unknown(o.max(Origin.LOCAL)));
        }
        String listed = listingPattern(in);
        for (String v : vars.isEmpty() ? List.of("REPLY") : vars) {
            env.set(
                    v,
                    listed != null && vars.size() <= 1
                            ? Value.of(listed, Origin.LOCAL)
                            : Value.unknown(o.max(Origin.LOCAL)));
        }
    }

    /** The names read assigns: its operands, and the array named by {@code -a} (null when none). */
    private record ReadNames(List<String> vars, @Nullable String array) {
        static ReadNames of(Invocation inv) {
            List<String> vars = new ArrayList<>();
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
                        String value = k + 1 < t.length()
                                ? t.substring(k + 1)
                                : i + 1 < inv.size() ? inv.arg(++i).text() : null;
                        if (c == 'a' && value != null) {
                            arrayName = value;
                        }
                        break;
                    }
                } else {
                    options = false;
                    vars.add(t);
                }
            }
            return new ReadNames(vars, arrayName);
        }
    }

    /** The first line of known input split by IFS into the names (the last name takes the rest) or into the array. */
    private void assignLine(String content, ReadNames names, Origin o, Env env) {
        List<String> vars = names.vars();
        int nl = content.indexOf('\n');
        String line = nl >= 0 ? content.substring(0, nl) : content;
        String ifs = w.state.readIfs != null ? w.state.readIfs : env.get("IFS").scalar();
        List<int[]> fields = ifsFields(line, ifs == null || ifs.indexOf(Sentinels.UNKNOWN) >= 0 ? " \t\n" : ifs);
        String arrayName = names.array();
        if (arrayName != null) {
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
            String v = k >= fields.size()
                    ? ""
                    : k < vars.size() - 1
                            ? line.substring(fields.get(k)[0], fields.get(k)[1])
                            : line.substring(
                                    fields.get(k)[0], fields.get(fields.size() - 1)[1]); // the last name takes the rest
            env.set(vars.get(k), Value.of(v, o));
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
                if (i > start || (i < n && !Character.isWhitespace(line.charAt(i)))) {
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

    /**
     * What each line read from {@code ls DIR} or {@code find DIR -maxdepth 1} stands for when DIR is / or a system
     * tree: any name in it (a glob), so {@code ls / | while read d; do rm -rf "/$d"; done} is judged like
     * {@code rm -rf /*}. Null for other input.
     */
    static @Nullable String listingPattern(Stdin in) {
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
        if (!dir.resolved() || !dir.text().startsWith("/") || Paths.critical(dir) != Paths.Critical.YES) {
            return null;
        }
        String star = String.valueOf(io.clituner.guardrails.internal.expand.Sentinels.STAR);
        if (ls) {
            return star; // bare names
        }
        String root = Paths.normalize(dir.text());
        return (root.equals("/") ? "" : root) + "/" + star; // find prints full paths
    }
}
