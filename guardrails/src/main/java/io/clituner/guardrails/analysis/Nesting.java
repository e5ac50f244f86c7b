package io.clituner.guardrails.analysis;

import io.clituner.guardrails.expand.Arg;
import io.clituner.guardrails.expand.Origin;
import io.clituner.guardrails.expand.Sentinels;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Knows how programs run other programs: wrappers that take a command vector (sudo, env, nice,
 * timeout, xargs, find -exec…), programs that take a code string (sh -c, eval, su -c, ssh, watch,
 * git aliases, tar --checkpoint-action…), shells reading code on stdin, and interpreters with
 * inline programs. Returns what must be analysed next; the walker recurses with a depth bound.
 */
public final class Nesting {
    private Nesting() {}

    private static final java.util.regex.Pattern SED_SPLIT = java.util.regex.Pattern.compile("[;\n]");
    private static final java.util.regex.Pattern SED_ADDRESS =
            java.util.regex.Pattern.compile("^[0-9$,/^.*\\[\\]a-zA-Z\\\\]*?(?=e\\s)");
    private static final Set<String> SHELL_VALUE_OPTS = Set.of("-o", "+o", "-O", "+O", "--rcfile", "--init-file");

    /** Programs whose nested code or commands {@link #of} finds through its own rules (not the wrapper table). */
    private static final Set<String> NESTING = Set.of("eval", "source", ".", "trap", "su", "runuser", "sg", "watch",
            "script", "busybox", "toybox", "at", "batch", "crontab", "make", "gmake", "xargs", "find", "parallel", "git",
            "ssh", "scp", "sftp", "rsync", "tar", "gtar", "bsdtar", "zip", "socat", "nc", "ncat", "netcat",
            "nc.traditional", "vim", "vi", "nvim", "ex", "sed", "gsed", "tmux", "xterm", "urxvt", "gnome-terminal",
            "konsole", "xfce4-terminal", "terminator", "alacritty", "kitty", "alias", "expect", "gdb", "pidstat",
            "docker", "podman", "nerdctl");

    /** Every program name the analyzer knows apart from the rule book: nesting, wrappers, builtins, program classes. */
    static Set<String> knownNames() {
        java.util.Set<String> all = new java.util.HashSet<>(NESTING);
        all.addAll(ExecWrappers.names());
        all.addAll(Programs.SHELLS);
        all.addAll(Programs.INTERPRETERS);
        all.addAll(Programs.BUILTINS);
        all.addAll(Programs.READ_ONLY);
        all.addAll(Programs.PRINTERS);
        all.addAll(Programs.NETWORK);
        all.addAll(Programs.DECODERS);
        all.addAll(Programs.NAME_LOOKUP);
        all.addAll(Programs.RAW_SOCKET);
        return Set.copyOf(all);
    }

    /** Whether this program is one whose way of running other code the analyzer knows. */
    public static boolean knows(String name) {
        return NESTING.contains(name) || ExecWrappers.isWrapper(name) || Programs.isShell(name)
                || Programs.INTERPRETERS.contains(name);
    }

    public static List<Nested> of(Invocation inv) {
        String name = inv.name();
        if (name.isEmpty()) {
            return List.of();
        }
        if (Programs.isShell(name)) {
            return shell(inv, name);
        }
        ExecWrappers.Shape w = ExecWrappers.shape(inv);
        if (w != null) {
            return wrapper(inv, name, w);
        }
        switch (name) {
            case "eval":
                return inv.size() > 1 ? List.of(join(inv, 1, "eval")) : List.of();
            case "source":
            case ".":
                return inv.size() > 1 ? List.of(new Nested.CodeFile(inv.arg(1), name)) : List.of();
            case "trap":
                return inv.size() > 2 && !inv.arg(1).startsWith("-") ? List.of(code(inv.arg(1), List.of(), "trap"))
                        : List.of();
            case "su":
            case "runuser":
                return su(inv);
            case "sg":
                return inv.size() > 2 ? List.of(join(inv, inv.arg(2).is("-c") ? 3 : 2, "sg")) : List.of();
            case "watch":
                return watch(inv);
            case "script":
                return optCode(inv, 'c', "--command", "script");
            case "busybox":
            case "toybox":
                return inv.size() > 1 ? List.of(new Nested.Argv(inv.withArgv(inv.argv().subList(1, inv.size()))))
                        : List.of();
            case "at":
            case "batch":
                return inv.optionValue('f', null) != null ? List.of(new Nested.CodeFile(inv.optionValue('f', null), name))
                        : List.of(new Nested.StdinCode(name));
            case "crontab":
                return crontab(inv);
            case "make":
            case "gmake":
                return make(inv);
            case "xargs":
                return List.of();
            case "find":
                return List.of();
            case "parallel":
                return parallel(inv);
            case "git":
                return git(inv);
            case "ssh":
            case "scp":
            case "sftp":
                return ssh(inv, name);
            case "rsync":
                return optCode(inv, 'e', "--rsh", "rsync", "--rsync-path");
            case "tar":
            case "gtar":
            case "bsdtar":
                return tar(inv);
            case "zip":
                return optCode(inv, '\0', "--unzip-command", "zip", "-TT");
            case "socat":
                return socat(inv);
            case "nc":
            case "ncat":
            case "netcat":
            case "nc.traditional":
                return netcat(inv);
            case "vim":
            case "vi":
            case "nvim":
            case "ex":
                return vim(inv);
            case "sed":
            case "gsed":
                return sed(inv);
            case "tmux":
                return tmux(inv);
            case "xterm":
            case "urxvt":
            case "gnome-terminal":
            case "konsole":
            case "xfce4-terminal":
            case "terminator":
            case "alacritty":
            case "kitty":
                return terminal(inv);
            case "alias":
                return alias(inv);
            case "expect":
                return expect(inv);
            case "gdb":
                return gdb(inv);
            case "pidstat":
                return optionStartsCommand(inv, "-e"); // pidstat -e PROG ARGS…
            case "docker":
            case "podman":
            case "nerdctl": {
                ContainerRun run = ContainerRun.of(inv);
                List<Arg> host = run == null ? null : run.hostView();
                return host == null || host.isEmpty() ? List.of() : List.of(new Nested.Argv(inv.withArgv(host)));
            }
            default:
                break;
        }
        if (Programs.INTERPRETERS.contains(name) || name.startsWith("python") || name.startsWith("perl")
                || name.startsWith("ruby") || name.startsWith("php") || name.startsWith("node") || name.startsWith("lua")) {
            return interpreter(inv, name);
        }
        return List.of();
    }

    private static Map<String, Integer> arity1(String... opts) {
        Map<String, Integer> m = new java.util.HashMap<>();
        for (String o : opts) {
            m.put(o, 1);
        }
        return m;
    }

    static Nested.Code code(Arg a, List<String> positional, String via) {
        return new Nested.Code(a.text(), a.origin(), positional, a.start(), a.end(), via);
    }

    static Nested.Code join(Invocation inv, int from, String via) {
        StringBuilder sb = new StringBuilder();
        Origin o = Origin.LITERAL;
        int start = Integer.MAX_VALUE;
        int end = 0;
        for (int i = from; i < inv.size(); i++) {
            Arg a = inv.arg(i);
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(a.text());
            o = o.max(a.origin());
            start = Math.min(start, a.start());
            end = Math.max(end, a.end());
        }
        if (start == Integer.MAX_VALUE) {
            start = inv.start();
            end = inv.end();
        }
        return new Nested.Code(sb.toString(), o, null, start, end, via);
    }

    private static List<Nested> wrapper(Invocation inv, String name, ExecWrappers.Shape w) {
        List<Arg> argv = inv.argv();
        if (name.equals("env")) {
            Nested split = envSplitString(inv);
            if (split != null) {
                return List.of(split);
            }
        }
        if (name.equals("entr") && inv.hasOption('s')) {
            List<Arg> ops = inv.operands();
            return ops.isEmpty() ? List.of() : List.of(code(ops.get(0), List.of(), "entr -s"));
        }
        if (name.equals("flock")) {
            Arg c = inv.optionValue('c', "--command");
            if (c != null) {
                return List.of(code(c, List.of(), "flock -c"));
            }
        }
        int i = name.equals("setarch") && argv.size() > 1 && !argv.get(1).startsWith("-")
                ? ExecWrappers.skipOptions(argv, 2, w.valueOpts(), w.valueLetters(), false) - 1 // ARCH, then options
                : ExecWrappers.skipOptions(argv, w);
        // only the wrapper's own options count, not those of the command it runs
        Invocation own = inv.withArgv(new ArrayList<>(argv.subList(0, Math.min(i, argv.size()))));
        if (name.equals("command") && (own.hasOption('v') || own.hasOption('V'))) {
            return List.of();
        }
        if (name.equals("sudo") && (own.hasOption('e', "--edit") || own.hasOption('l', "--list")
                || own.hasOption('v', "--validate") || own.hasOption('k', "--reset-timestamp"))) {
            return List.of();
        }
        if ((name.equals("chrt") || name.equals("taskset")) && own.hasOption('p', "--pid")) {
            return List.of();
        }
        if (name.equals("screen") && (own.hasOption('x') || own.hasOption('r') || own.hasOption('X')
                || own.hasOption('\0', "-ls", "-list", "-wipe"))) {
            return List.of();
        }
        if ((name.equals("sudo") && (own.hasOption('s', "--shell") || own.hasOption('i', "--login"))
                || name.equals("doas") && own.hasOption('s')) && i >= argv.size()) {
            return List.of(new Nested.StdinCode("sh"));
        }
        i += w.leadingOperands(); // taskset -c LIST CMD: the list is still the first operand
        if (name.equals("runcon") && own.size() == 1 && i < argv.size() && argv.get(i).text().indexOf(':') > 0) {
            i++; // runcon CONTEXT CMD (user:role:type:level); with -u/-r/-t/-l the options build the context
        }
        if (name.equals("setarch") && own.hasOption('\0', "--list")) {
            return List.of();
        }
        if (name.equals("capsh") || name.equals("lldb")) {
            return afterDoubleDash(inv, name);
        }
        if (name.equals("scl") && i < argv.size()) {
            return List.of(join(inv, i, "scl enable")); // scl joins the words into one bash command
        }
        if (i >= argv.size()) {
            return List.of();
        }
        return List.of(new Nested.Argv(inv.withArgv(new ArrayList<>(argv.subList(i, argv.size())))));
    }

    /**
     * {@code env -S STRING ARGS…} splits STRING into words and runs them followed by ARGS: {@code env -S rm -rf /}
     * and {@code env -S 'rm -rf /'} both run rm.
     */
    private static Nested envSplitString(Invocation inv) {
        for (int k = 1; k < inv.size(); k++) {
            String t = inv.arg(k).text();
            int s = t.startsWith("-") && !t.startsWith("--") ? t.indexOf('S') : -1; // -S, -iS, -S'…', -iS'…'
            if (t.equals("--split-string") || s > 0 && s == t.length() - 1 && t.substring(1, s).chars().allMatch(
                    c -> "i0v".indexOf(c) >= 0)) {
                return k + 1 < inv.size() ? join(inv, k + 1, "env -S") : null;
            }
            if (t.startsWith("--split-string=") || s > 0 && t.substring(1, s).chars().allMatch(c -> "i0v".indexOf(c) >= 0)) {
                Nested.Code rest = k + 1 < inv.size() ? join(inv, k + 1, "env -S") : null;
                Arg a = inv.arg(k);
                String first = t.substring(s > 0 ? s + 1 : "--split-string=".length());
                return new Nested.Code(rest == null ? first : first + " " + rest.text(),
                        rest == null ? a.origin() : a.origin().max(rest.origin()), List.of(), a.start(),
                        rest == null ? a.end() : rest.end(), "env -S");
            }
            if (t.equals("--") || !t.startsWith("-")) {
                return null;
            }
        }
        return null;
    }

    /** Everything after {@code option} is the command vector the program starts. */
    private static List<Nested> optionStartsCommand(Invocation inv, String option) {
        for (int k = 1; k + 1 < inv.size(); k++) {
            if (inv.arg(k).is(option)) {
                return List.of(new Nested.Argv(inv.withArgv(new ArrayList<>(inv.argv().subList(k + 1, inv.size())))));
            }
        }
        return List.of();
    }

    /** {@code capsh … -- ARGS} runs /bin/bash with ARGS; {@code lldb … -- CMD} debugs (runs) CMD. */
    private static List<Nested> afterDoubleDash(Invocation inv, String name) {
        for (int k = 1; k < inv.size(); k++) {
            if (inv.arg(k).is("--")) {
                List<Arg> rest = new ArrayList<>(inv.argv().subList(k + 1, inv.size()));
                if (name.equals("capsh")) {
                    rest.add(0, Arg.literal("/bin/bash", inv.arg(k).start(), inv.arg(k).end()));
                }
                return rest.isEmpty() ? List.of() : List.of(new Nested.Argv(inv.withArgv(rest)));
            }
        }
        return List.of();
    }

    private static List<Nested> shell(Invocation inv, String name) {
        List<Arg> argv = inv.argv();
        boolean codeFlag = false;
        boolean stdinFlag = false;
        int i = 1;
        while (i < argv.size()) {
            String t = argv.get(i).text();
            if (t.equals("--") || t.equals("-")) {
                i++;
                break;
            }
            if (SHELL_VALUE_OPTS.contains(t)) {
                i += 2;
                continue;
            }
            if ((t.startsWith("-") || t.startsWith("+")) && t.length() > 1) {
                if (!t.startsWith("--")) {
                    codeFlag |= t.indexOf('c', 1) > 0 && t.charAt(0) == '-';
                    stdinFlag |= t.indexOf('s', 1) > 0 && t.charAt(0) == '-';
                } else if (t.equals("--command")) {
                    codeFlag = true;
                }
                i++;
                continue;
            }
            break;
        }
        if (codeFlag) {
            if (i >= argv.size()) {
                return List.of();
            }
            List<String> positional = new ArrayList<>();
            for (int k = i + 1; k < argv.size(); k++) { // $0 first, then $1…
                positional.add(argv.get(k).text());
            }
            return List.of(code(argv.get(i), positional, name + " -c"));
        }
        if (!stdinFlag && i < argv.size()) {
            return List.of(new Nested.CodeFile(argv.get(i), name));
        }
        return List.of(new Nested.StdinCode(name));
    }

    private static List<Nested> su(Invocation inv) {
        Arg c = inv.optionValue('c', "--command");
        if (c != null) {
            return List.of(code(c, List.of(), "su -c"));
        }
        if (inv.name().equals("runuser")) {
            int dd = -1;
            for (int i = 1; i < inv.size(); i++) {
                if (inv.arg(i).is("--")) {
                    dd = i;
                    break;
                }
            }
            if (dd > 0 && dd + 1 < inv.size()) {
                return List.of(new Nested.Argv(inv.withArgv(new ArrayList<>(inv.argv().subList(dd + 1, inv.size())))));
            }
        }
        return List.of();
    }

    private static List<Nested> watch(Invocation inv) {
        int i = ExecWrappers.skipOptions(inv.argv(), 1, arity1("--interval", "--differences", "--chgexit"), "n", false);
        if (i >= inv.size()) {
            return List.of();
        }
        if (inv.hasOption('x', "--exec")) {
            return List.of(new Nested.Argv(inv.withArgv(new ArrayList<>(inv.argv().subList(i, inv.size())))));
        }
        return List.of(join(inv, i, "watch"));
    }

    private static List<Nested> optCode(Invocation inv, char shortOpt, String longOpt, String via, String... more) {
        List<Nested> out = new ArrayList<>();
        Arg a = inv.optionValue(shortOpt, longOpt);
        if (a != null) {
            out.add(code(a, List.of(), via));
        }
        for (String m : more) {
            Arg b = inv.optionValue('\0', m);
            if (b != null) {
                out.add(code(b, List.of(), via));
            }
        }
        return out;
    }

    /** {@code make --eval='x: ; CMD' x}: the recipes of makefile text given on the command line run in /bin/sh. */
    private static List<Nested> make(Invocation inv) {
        List<Nested> out = new ArrayList<>();
        for (int i = 1; i < inv.size(); i++) {
            Arg a = inv.arg(i);
            String t = a.text();
            Arg text = t.startsWith("--eval=") ? a.withText(t.substring(7))
                    : (t.equals("--eval") || t.equals("-E")) && i + 1 < inv.size() ? inv.arg(++i) : null;
            if (text != null) {
                String recipes = makeRecipes(text.text());
                if (!recipes.isBlank()) {
                    out.add(new Nested.Code(recipes, text.origin(), List.of(), text.start(), text.end(), "make recipe"));
                }
            }
        }
        return out;
    }

    /**
     * The shell lines of makefile text: after "TARGETS: PREREQS ;" and on tab-indented lines, without the
     * {@code @-+} prefixes; make's own references ({@code $(X)}, {@code $@}) are unknown, {@code $$} is "$".
     */
    static String makeRecipes(String text) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n")) {
            String recipe = null;
            if (line.startsWith("\t")) {
                recipe = line.substring(1);
            } else {
                int colon = line.indexOf(':');
                int semi = colon < 0 ? -1 : line.indexOf(';', colon);
                if (semi > 0 && !line.startsWith(":=", colon) && !line.substring(0, colon).contains("=")) {
                    recipe = line.substring(semi + 1);
                }
            }
            if (recipe == null) {
                continue;
            }
            recipe = recipe.stripLeading();
            while (!recipe.isEmpty() && "@-+".indexOf(recipe.charAt(0)) >= 0) {
                recipe = recipe.substring(1).stripLeading();
            }
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < recipe.length(); i++) {
                char c = recipe.charAt(i);
                if (c != '$' || i + 1 >= recipe.length()) {
                    sb.append(c);
                } else if (recipe.charAt(i + 1) == '$') {
                    sb.append('$');
                    i++;
                } else if (recipe.charAt(i + 1) == '(' || recipe.charAt(i + 1) == '{') {
                    char close = recipe.charAt(i + 1) == '(' ? ')' : '}';
                    int e = recipe.indexOf(close, i + 2);
                    sb.append(Sentinels.UNKNOWN);
                    i = e < 0 ? recipe.length() : e;
                } else {
                    sb.append(Sentinels.UNKNOWN);
                    i++;
                }
            }
            out.append(sb).append('\n');
        }
        return out.toString();
    }

    private static List<Nested> crontab(Invocation inv) {
        List<Arg> ops = inv.operands();
        if (inv.hasOption('l') || inv.hasOption('r') || inv.hasOption('e')) {
            return List.of();
        }
        if (ops.isEmpty() || ops.get(ops.size() - 1).is("-")) {
            return List.of(new Nested.StdinCode("crontab"));
        }
        return List.of(new Nested.CodeFile(ops.get(ops.size() - 1), "crontab"));
    }

    private static List<Nested> parallel(Invocation inv) {
        List<Arg> argv = inv.argv();
        int i = ExecWrappers.skipOptions(argv, 1, arity1("--jobs", "-j", "--delimiter", "-d", "--arg-file", "-a",
                "--sshlogin", "-S", "--timeout", "--joblog", "--results", "--colsep", "-C", "-I", "--max-args", "-n", "-N",
                "--basefile", "--workdir", "--tagstring", "--env"), "jdaSCIn", false);
        int end = i;
        while (end < argv.size() && !argv.get(end).text().startsWith(":::")) {
            end++;
        }
        if (end == i) {
            return List.of(new Nested.StdinCode("parallel"));
        }
        // parallel CMD ::: A B … runs "CMD A", "CMD B" (or CMD with {} replaced): judge each run
        List<Nested> out = new ArrayList<>();
        for (int k = end + 1; k < argv.size() && out.size() < 8 && !argv.get(k).text().startsWith(":::"); k++) {
            List<Arg> cmd = new ArrayList<>();
            boolean placed = false;
            for (Arg a : argv.subList(i, end)) {
                if (a.is("{}")) {
                    cmd.add(argv.get(k));
                    placed = true;
                } else {
                    cmd.add(a);
                }
            }
            if (!placed) {
                cmd.add(argv.get(k));
            }
            out.add(new Nested.Argv(inv.withArgv(cmd)));
        }
        if (out.isEmpty()) {
            out.add(new Nested.Argv(inv.withArgv(new ArrayList<>(argv.subList(i, end)))));
        }
        return out;
    }

    /** Config keys whose value git runs through the shell. */
    private static final Set<String> GIT_CODE_KEYS = Set.of("core.sshcommand", "core.pager", "core.editor",
            "core.fsmonitor", "sequence.editor", "diff.external", "gpg.program", "core.askpass", "credential.helper",
            "pager.log", "pager.diff", "pager.show", "pager.branch", "core.hookspath", "merge.tool",
            "uploadpack.packobjectshook");

    private static List<Nested> git(Invocation inv) {
        List<Nested> out = new ArrayList<>();
        List<Arg> argv = inv.argv();
        for (int i = 1; i < argv.size(); i++) {
            String t = argv.get(i).text();
            String kv = null;
            boolean stored = false; // git config writes the setting: its code runs later, in every future git command
            Arg src = argv.get(i);
            if (t.equals("-c") && i + 1 < argv.size()) {
                src = argv.get(i + 1);
                kv = src.text();
            } else if (t.startsWith("-c") && t.length() > 2) {
                kv = t.substring(2);
            } else if (t.equals("config") && i + 2 < argv.size()) {
                int k = i + 1;
                while (k < argv.size() && argv.get(k).text().startsWith("--")) {
                    k++;
                }
                if (k + 1 < argv.size()) {
                    src = argv.get(k + 1);
                    kv = argv.get(k).text() + "=" + src.text();
                    stored = true;
                }
            }
            if (kv == null || kv.indexOf('=') < 0) {
                continue;
            }
            String key = kv.substring(0, kv.indexOf('=')).toLowerCase(Locale.ROOT);
            String value = kv.substring(kv.indexOf('=') + 1);
            if (key.startsWith("alias.") && value.startsWith("!")) {
                out.add(new Nested.Code(value.substring(1), src.origin(), List.of(), src.start(), src.end(), "git alias"));
            } else if (GIT_CODE_KEYS.contains(key) || key.startsWith("filter.") || key.endsWith(".cmd")
                    || key.endsWith(".command") || key.endsWith(".textconv")) {
                out.add(new Nested.Code(value.startsWith("!") ? value.substring(1) : value, src.origin(), List.of(),
                        src.start(), src.end(), (stored ? "code written to git config " : "git ") + key));
            }
        }
        return out;
    }

    private static final Set<String> SSH_CODE_OPTIONS = Set.of("proxycommand", "localcommand", "knownhostscommand",
            "remotecommand");

    private static List<Nested> ssh(Invocation inv, String name) {
        List<Nested> out = new ArrayList<>();
        List<Arg> argv = inv.argv();
        int i = 1;
        String valueLetters = "BbcDEeFIiJLlmOoPpQRSWw";
        while (i < argv.size()) {
            Arg a = argv.get(i);
            String t = a.text();
            if (t.equals("--")) {
                i++;
                break;
            }
            if (t.startsWith("-") && t.length() > 1) {
                String opt = null;
                if (t.startsWith("-o")) {
                    if (t.length() > 2) {
                        opt = t.substring(2);
                    } else if (i + 1 < argv.size()) {
                        a = argv.get(++i);
                        opt = a.text();
                    }
                }
                if (opt != null) {
                    int sep = indexOfSep(opt);
                    if (sep > 0 && SSH_CODE_OPTIONS.contains(opt.substring(0, sep).toLowerCase(Locale.ROOT))) {
                        out.add(new Nested.Code(opt.substring(sep + 1).trim().replaceFirst("^=", ""), a.origin(),
                                List.of(), a.start(), a.end(), name + " -o"));
                    }
                    i++;
                    continue;
                }
                char last = t.charAt(t.length() - 1);
                boolean takes = valueLetters.indexOf(last) >= 0 && t.length() == 2;
                i += takes ? 2 : 1;
                continue;
            }
            break;
        }
        if (name.equals("ssh") && i + 1 < argv.size()) {
            out.add(join(inv, i + 1, "ssh remote command"));
        }
        return out;
    }

    private static int indexOfSep(String opt) {
        for (int k = 0; k < opt.length(); k++) {
            char c = opt.charAt(k);
            if (c == '=' || c == ' ' || c == '\t') {
                return k;
            }
        }
        return -1;
    }

    private static List<Nested> tar(Invocation inv) {
        List<Nested> out = new ArrayList<>();
        for (int i = 1; i < inv.size(); i++) {
            Arg a = inv.arg(i);
            String t = a.text();
            String v = null;
            for (String p : new String[] {"--checkpoint-action=exec=", "--to-command=", "--use-compress-program=",
                    "--rsh-command=", "--info-script=", "--new-volume-script="}) {
                if (t.startsWith(p)) {
                    v = t.substring(p.length());
                }
            }
            if ((t.equals("--to-command") || t.equals("--use-compress-program") || t.equals("-I")
                    || t.equals("--info-script") || t.equals("-F") || t.equals("--rsh-command")) && i + 1 < inv.size()) {
                v = inv.arg(i + 1).text();
            }
            if (v != null) {
                out.add(new Nested.Code(v, a.origin(), List.of(), a.start(), a.end(), "tar option"));
            }
        }
        return out;
    }

    private static List<Nested> socat(Invocation inv) {
        List<Nested> out = new ArrayList<>();
        for (Arg a : inv.operands()) {
            String t = a.text();
            String lower = t.toLowerCase(Locale.ROOT);
            for (String p : new String[] {"exec:", "system:"}) {
                int k = lower.indexOf(p);
                if (k >= 0 && (k == 0 || lower.charAt(k - 1) == '!')) {
                    String rest = t.substring(k + p.length());
                    int comma = rest.indexOf(',');
                    String cmd = comma >= 0 ? rest.substring(0, comma) : rest;
                    cmd = cmd.replace("'", "").replace("\"", "");
                    out.add(new Nested.Code(cmd, a.origin(), List.of(), a.start(), a.end(), "socat " + p));
                }
            }
        }
        return out;
    }

    private static List<Nested> netcat(Invocation inv) {
        List<Nested> out = new ArrayList<>();
        Arg c = inv.optionValue('c', "--sh-exec");
        if (c != null) {
            out.add(code(c, List.of(), "nc -c"));
        }
        Arg e = inv.optionValue('e', "--exec");
        if (e != null) {
            out.add(code(e, List.of(), "nc -e"));
        }
        return out;
    }

    private static List<Nested> vim(Invocation inv) {
        List<Nested> out = new ArrayList<>();
        for (int i = 1; i < inv.size(); i++) {
            String t = inv.arg(i).text();
            String cmd = null;
            if (t.equals("-c") && i + 1 < inv.size()) {
                cmd = inv.arg(++i).text();
            } else if (t.startsWith("+") && t.length() > 1) {
                cmd = t.substring(1);
            }
            if (cmd != null) {
                String c = cmd.startsWith(":") ? cmd.substring(1) : cmd;
                if (c.startsWith("!")) {
                    out.add(new Nested.Code(c.substring(1), inv.arg(i).origin(), List.of(), inv.arg(i).start(),
                            inv.arg(i).end(), "vim :!"));
                }
            }
        }
        return out;
    }

    /** GNU sed's {@code e} command and {@code s///e} flag run shell commands. */
    private static List<Nested> sed(Invocation inv) {
        List<Nested> out = new ArrayList<>();
        List<Arg> scripts = new ArrayList<>();
        Arg e = inv.optionValue('e', "--expression");
        if (e != null) {
            scripts.add(e);
        } else if (!inv.operands().isEmpty()) {
            scripts.add(inv.operands().get(0));
        }
        for (Arg s : scripts) {
            String t = s.text().trim();
            if (t.indexOf('e') < 0) {
                continue;
            }
            for (String part : SED_SPLIT.split(t)) {
                String p = SED_ADDRESS.matcher(part.trim()).replaceFirst("");
                if (p.startsWith("e ") && p.length() > 2) {
                    out.add(new Nested.Code(p.substring(2), s.origin(), List.of(), s.start(), s.end(), "sed e"));
                }
                if (p.startsWith("s") && p.length() > 3) {
                    char d = p.charAt(1);
                    String[] bits = p.substring(2).split(java.util.regex.Pattern.quote(String.valueOf(d)), -1);
                    if (bits.length == 3 && bits[2].contains("e")) {
                        out.add(new Nested.Code(bits[1], s.origin(), List.of(), s.start(), s.end(), "sed s///e"));
                    }
                }
            }
        }
        return out;
    }

    /** expect -c 'spawn CMD; …' and tcl's {@code exec CMD}: each statement that starts a program is a command vector. */
    private static List<Nested> expect(Invocation inv) {
        Arg c = inv.optionValue('c', null);
        if (c == null) {
            return List.of();
        }
        List<Nested> out = new ArrayList<>();
        for (String stmt : c.text().split("[;\n]")) {
            String st = stmt.strip();
            for (String verb : new String[] {"spawn ", "exec ", "system "}) {
                if (st.startsWith(verb)) {
                    out.add(new Nested.Code(st.substring(verb.length()).replaceAll("^(-noecho|-nottyinit|-nottycopy|--) +", ""),
                            c.origin(), List.of(), c.start(), c.end(), "expect " + verb.strip()));
                }
            }
        }
        return out;
    }

    /** gdb -ex 'shell CMD' / -ex '!CMD' runs CMD through the shell before (or without) debugging anything. */
    private static List<Nested> gdb(Invocation inv) {
        List<Nested> out = new ArrayList<>();
        for (int i = 1; i + 1 < inv.size(); i++) {
            if (inv.arg(i).is("--args")) { // gdb --args PROG ARGS…: "run" starts PROG with ARGS
                out.add(new Nested.Argv(inv.withArgv(new ArrayList<>(inv.argv().subList(i + 1, inv.size())))));
                break;
            }
        }
        for (int i = 1; i + 1 < inv.size(); i++) {
            String t = inv.arg(i).text();
            if (t.equals("-ex") || t.equals("--ex") || t.equals("-iex") || t.equals("--eval-command")) {
                Arg c = inv.arg(i + 1);
                String cmd = c.text().strip();
                String code = cmd.startsWith("!") ? cmd.substring(1) : cmd.startsWith("shell ") ? cmd.substring(6) : null;
                if (code != null) {
                    out.add(new Nested.Code(code, c.origin(), List.of(), c.start(), c.end(), "gdb shell"));
                }
            }
        }
        return out;
    }

    private static List<Nested> tmux(Invocation inv) {
        if (inv.size() < 2) {
            return List.of();
        }
        String sub = inv.arg(1).text();
        if (Set.of("new-session", "new", "new-window", "neww", "split-window", "splitw", "respawn-pane",
                "respawn-window", "run-shell", "run", "send-keys", "send").contains(sub)) {
            List<Arg> ops = new ArrayList<>();
            for (int i = 2; i < inv.size(); i++) {
                String t = inv.arg(i).text();
                if (t.startsWith("-")) {
                    if (t.length() == 2 && "censtFxylLEwT".indexOf(t.charAt(1)) >= 0 && !t.equals("-d")) {
                        i++;
                    }
                    continue;
                }
                ops.add(inv.arg(i));
            }
            if (!ops.isEmpty()) {
                StringBuilder sb = new StringBuilder();
                for (Arg a : ops) {
                    if (a.is("Enter") || a.is("C-m")) {
                        continue;
                    }
                    sb.append(sb.length() > 0 ? " " : "").append(a.text());
                }
                Arg first = ops.get(0);
                return List.of(new Nested.Code(sb.toString(), first.origin(), List.of(), first.start(),
                        ops.get(ops.size() - 1).end(), "tmux " + sub));
            }
        }
        return List.of();
    }

    private static List<Nested> terminal(Invocation inv) {
        for (int i = 1; i < inv.size(); i++) {
            String t = inv.arg(i).text();
            if (t.equals("--") || t.equals("-x")) {
                return i + 1 < inv.size()
                        ? List.of(new Nested.Argv(inv.withArgv(new ArrayList<>(inv.argv().subList(i + 1, inv.size())))))
                        : List.of();
            }
            if ((t.equals("-e") || t.equals("--command")) && i + 1 < inv.size()) {
                return List.of(join(inv, i + 1, inv.name() + " -e"));
            }
        }
        return List.of();
    }

    private static List<Nested> alias(Invocation inv) {
        List<Nested> out = new ArrayList<>();
        for (Arg a : inv.args()) {
            int eq = a.text().indexOf('=');
            if (eq > 0) {
                out.add(new Nested.Code(a.text().substring(eq + 1), a.origin(), List.of(), a.start(), a.end(), "alias"));
            }
        }
        return out;
    }

    /** An interpreter's command line, read by its language ({@link ForeignLanguages}). */
    private static List<Nested> interpreter(Invocation inv, String name) {
        return ForeignLanguages.forProgram(name).nested(inv, name);
    }

    public static String language(String name) {
        return ForeignLanguages.forProgram(name).name();
    }

    /** True when the argument is only an unknown value (nothing literal to analyse). */
    static boolean opaque(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != Sentinels.UNKNOWN && !Character.isWhitespace(c)) {
                return false;
            }
        }
        return text.indexOf(Sentinels.UNKNOWN) >= 0;
    }
}
