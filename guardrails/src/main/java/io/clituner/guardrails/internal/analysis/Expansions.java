package io.clituner.guardrails.internal.analysis;

import io.clituner.guardrails.internal.expand.Arg;
import io.clituner.guardrails.internal.expand.Origin;
import io.clituner.guardrails.internal.expand.Sentinels;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Builds the commands that find and xargs run, with operands standing for the files they will visit. */
final class Expansions {
    private Expansions() {}

    /** Stages whose output names files: ls and find upstream of xargs. */
    private static boolean lister(Invocation up) {
        return up.name().equals("ls") || up.name().equals("find");
    }

    private static final Set<String> FIND_EXEC = Set.of("-exec", "-execdir", "-ok", "-okdir");

    /** Roots of a find command (operands before the expression). */
    static List<Arg> findRoots(Invocation inv) {
        List<Arg> roots = new ArrayList<>();
        for (int i = 1; i < inv.size(); i++) {
            Arg a = inv.arg(i);
            String t = a.text();
            if (t.equals("-H") || t.equals("-L") || t.equals("-P") || t.startsWith("-O")) {
                continue;
            }
            if (t.equals("-D")) {
                i++;
                continue;
            }
            if (t.startsWith("-") || t.equals("(") || t.equals("!") || t.equals(",")) {
                if (t.equals("-x") || t.equals("-f")) { // BSD find flags before roots
                    continue;
                }
                break;
            }
            roots.add(a);
        }
        if (roots.isEmpty()) {
            roots.add(Arg.literal(".", inv.start(), inv.start()));
        }
        return roots;
    }

    private static final Set<String> FIND_TESTS = Set.of(
            "-name",
            "-iname",
            "-path",
            "-ipath",
            "-wholename",
            "-iwholename",
            "-regex",
            "-iregex",
            "-mtime",
            "-mmin",
            "-atime",
            "-amin",
            "-ctime",
            "-cmin",
            "-size",
            "-user",
            "-group",
            "-uid",
            "-gid",
            "-perm",
            "-newer",
            "-newermt",
            "-newerct",
            "-empty",
            "-inum",
            "-samefile",
            "-links",
            "-nouser",
            "-nogroup",
            "-used",
            "-lname",
            "-ilname",
            "-fstype");

    /** The walk has tests that select some files only. */
    static boolean filtered(Invocation inv) {
        List<Arg> args = inv.args();
        for (int i = 0; i < args.size(); i++) {
            if (FIND_TESTS.contains(args.get(i).text())
                    && !(i + 1 < args.size() && matchesEverything(args.get(i).text(), args.get(i + 1)))) {
                return true;
            }
        }
        return false;
    }

    /** {@code -name '*'}, {@code -path '*'}, {@code -regex '.*'}: a test that every file passes selects nothing out. */
    private static boolean matchesEverything(String test, Arg value) {
        String v = Sentinels.skeleton(value.text());
        if (test.endsWith("regex")) {
            return v.equals(".*") || v.equals(".+");
        }
        return (test.endsWith("name") || test.endsWith("path"))
                && !v.isEmpty()
                && v.replace("*", "").isEmpty();
    }

    /** Every path under the root: "ROOT/*" as a pattern. */
    static Arg under(Arg root) {
        String t = root.text();
        while (t.length() > 1 && t.endsWith("/")) {
            t = t.substring(0, t.length() - 1);
        }
        String p = (t.equals("/") ? "" : t) + "/" + Sentinels.STAR;
        return new Arg(p, root.origin(), root.start(), root.end(), null);
    }

    static List<Invocation> findActions(Invocation inv) {
        List<Invocation> out = new ArrayList<>();
        List<Arg> roots = findRoots(inv);
        String filter = filtered(inv) ? "?" : "";
        for (int i = 1; i < inv.size(); i++) {
            String t = inv.arg(i).text();
            if (FIND_EXEC.contains(t)) {
                List<Arg> cmd = new ArrayList<>();
                int k = i + 1;
                while (k < inv.size() && !inv.arg(k).is(";") && !inv.arg(k).is("+")) {
                    cmd.add(inv.arg(k));
                    k++;
                }
                if (cmd.isEmpty()) {
                    continue;
                }
                for (Arg root : roots) {
                    Arg each = under(root);
                    List<Arg> argv = new ArrayList<>();
                    for (Arg a : cmd) {
                        argv.add(a.text().contains("{}") ? a.withText(a.text().replace("{}", each.text())) : a);
                    }
                    out.add(new Invocation(
                            argv,
                            List.of(),
                            Stdin.TERMINAL,
                            inv.start(),
                            inv.end(),
                            inv.speculative(),
                            filter + Paths.root(root),
                            inv.depth() + 1));
                }
                i = k;
            } else if (t.equals("-delete")) {
                for (Arg root : roots) {
                    Arg at = inv.arg(i);
                    List<Arg> argv = List.of(
                            Arg.literal("rm", at.start(), at.end()),
                            Arg.literal("-r", at.start(), at.end()),
                            Arg.literal("-f", at.start(), at.end()),
                            under(root));
                    out.add(new Invocation(
                            argv,
                            List.of(),
                            Stdin.TERMINAL,
                            inv.start(),
                            inv.end(),
                            inv.speculative(),
                            filter + Paths.root(root),
                            inv.depth() + 1));
                }
            }
        }
        return out;
    }

    /** xargs' options: where its command starts, the -I replace string, the -0 delimiter. */
    private record XargsOptions(
            int commandStart,
            @Nullable String replace,
            @Nullable String delimiter) {
        static XargsOptions of(List<Arg> argv) {
            String replace = null;
            String delimiter = null;
            int i = 1;
            while (i < argv.size()) {
                String t = argv.get(i).text();
                if (t.equals("--")) {
                    i++;
                    break;
                }
                if (!t.startsWith("-") || t.equals("-")) {
                    break;
                }
                if (t.equals("-I") || t.equals("--replace")) {
                    replace = i + 1 < argv.size() ? argv.get(i + 1).text() : "{}";
                    i += 2;
                    continue;
                }
                if (t.startsWith("-I")) {
                    replace = t.substring(2);
                } else if (t.equals("-i") || t.startsWith("--replace=")) {
                    replace = t.startsWith("--replace=") ? t.substring(10) : "{}";
                } else if (t.equals("-0") || t.equals("--null")) {
                    delimiter = "\0";
                } else if (Set.of(
                                "-n",
                                "-P",
                                "-L",
                                "-l",
                                "-s",
                                "-d",
                                "-E",
                                "-e",
                                "-a",
                                "--max-args",
                                "--max-procs",
                                "--delimiter",
                                "--arg-file",
                                "--max-lines",
                                "--max-chars",
                                "--eof")
                        .contains(t)) {
                    i += 2;
                    continue;
                }
                i++;
            }
            return new XargsOptions(i, replace, delimiter);
        }
    }

    /** The command xargs runs, with the items it reads appended (or substituted for -I). */
    static Invocation xargs(Invocation inv) {
        List<Arg> argv = inv.argv();
        XargsOptions opts = XargsOptions.of(argv);
        int i = opts.commandStart();
        String replace = opts.replace();
        String delimiter = opts.delimiter();
        List<Arg> cmd = new ArrayList<>(
                i < argv.size()
                        ? argv.subList(i, argv.size())
                        : List.of(Arg.literal("echo", inv.start(), inv.start())));
        XargsItems read = XargsItems.of(inv, cmd, replace, delimiter);
        List<Arg> items = read.items();
        List<Arg> out = new ArrayList<>();
        if (replace != null && !replace.isEmpty()) {
            for (Arg a : cmd) {
                out.add(
                        a.text().contains(replace)
                                ? a.withText(
                                        a.text().replace(replace, items.get(0).text()))
                                : a);
            }
        } else {
            out.addAll(cmd);
            out.addAll(items);
        }
        return new Invocation(
                out,
                List.of(),
                Stdin.TERMINAL,
                inv.start(),
                inv.end(),
                inv.speculative(),
                read.tree(),
                inv.depth() + 1);
    }

    /**
     * The items xargs reads: the words of known input, else what the upstream listers print (paths under the roots
     * find walks, which then become the invocation's tree), else one unknown word.
     */
    private record XargsItems(List<Arg> items, @Nullable String tree) {
        static XargsItems of(Invocation inv, List<Arg> cmd, @Nullable String replace, @Nullable String delimiter) {
            Stdin in = inv.stdin();
            List<Arg> items = new ArrayList<>();
            String tree = null;
            if (in.content() != null) {
                for (String w : in.content().split(delimiter != null ? "\u0000" : "\\s+")) {
                    if (!w.isBlank()) {
                        items.add(new Arg(w.trim(), in.origin(), inv.start(), inv.end(), null));
                    }
                    if (items.size() > 64) {
                        break;
                    }
                }
            } else {
                for (Invocation up : Upstream.matches(in.upstream(), Expansions::lister)) {
                    if (up.name().equals("ls")
                            && !up.operands().isEmpty()
                            && up.operands().get(0).resolved()) {
                        // ls prints bare names: "DIR/{}" in the command rebuilds the full path
                        String r = replace;
                        boolean joined = r != null
                                && !r.isEmpty()
                                && cmd.stream().anyMatch(a -> a.text().contains("/" + r));
                        items.add(
                                joined
                                        ? new Arg(
                                                String.valueOf(Sentinels.STAR),
                                                in.origin(),
                                                inv.start(),
                                                inv.end(),
                                                null)
                                        : under(up.operands().get(0)));
                    } else if (up.name().equals("ls")
                            && !up.operands().isEmpty()
                            && up.operands().get(0).isGlob()
                            && !up.operands().get(0).hasUnknown()) {
                        items.add(up.operands().get(0)); // ls /dev/sd* prints the paths the glob matches
                    }
                    if (up.name().equals("find")) {
                        for (Arg root : findRoots(up)) {
                            items.add(under(root));
                        }
                        tree = (filtered(up) ? "?" : "")
                                + Paths.root(findRoots(up).get(0));
                    }
                }
                if (items.isEmpty()) {
                    items.add(new Arg(
                            String.valueOf(Sentinels.UNKNOWN),
                            in.origin().max(Origin.LOCAL),
                            inv.start(),
                            inv.end(),
                            null));
                }
            }
            return new XargsItems(items, tree);
        }
    }

    /** Tiny local helper: a find root as a normalised path string. */
    private static final class Paths {
        static String root(Arg a) {
            String t = a.text();
            while (t.length() > 1 && t.endsWith("/")) {
                t = t.substring(0, t.length() - 1);
            }
            return t;
        }
    }

    /** Cron lines without their schedule fields, one command per line. */
    static String cronCommands(String content) {
        StringBuilder sb = new StringBuilder();
        for (String line : content.split("\n")) {
            String l = line.trim();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] f = l.split("\\s+", 6);
            String cmd = l.startsWith("@")
                    ? (f.length > 1 ? l.substring(f[0].length()).trim() : "")
                    : f.length == 6 ? f[5] : l;
            sb.append(cmd).append('\n');
        }
        return sb.toString();
    }
}
