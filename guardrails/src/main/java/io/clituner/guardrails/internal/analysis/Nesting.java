package io.clituner.guardrails.internal.analysis;

import io.clituner.guardrails.internal.expand.Arg;
import io.clituner.guardrails.internal.expand.Sentinels;
import java.util.List;
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

    /** Finds what one program runs: wrapped commands, code strings, code files or stdin code. */
    @FunctionalInterface
    interface Finder {
        List<Nested> find(Invocation inv, String name);
    }

    /**
     * Programs whose nested code or commands are found by their own finder (not the wrapper table). Adding such a
     * program is one line here (and its finder, in the Nesting* class of its kind).
     */
    private static final Map<String, Finder> TABLE = table();

    private static Map<String, Finder> table() {
        Map<String, Finder> t = new java.util.HashMap<>();
        t.put("eval", (inv, name) -> { // eval -- CODE: "--" ends eval's options
            int from = inv.size() > 1 && inv.arg(1).is("--") ? 2 : 1;
            return inv.size() > from ? List.of(NestingShells.join(inv, from, "eval")) : List.of();
        });
        put(
                t,
                (inv, name) -> inv.size() > 1 ? List.of(new Nested.CodeFile(inv.arg(1), name)) : List.of(),
                "source",
                ".");
        t.put(
                "trap",
                (inv, name) -> inv.size() > 2 && !inv.arg(1).startsWith("-")
                        ? List.of(NestingShells.code(inv.arg(1), List.of(), "trap"))
                        : List.of());
        put(t, (inv, name) -> NestingShells.su(inv), "su", "runuser");
        t.put(
                "sg",
                (inv, name) -> inv.size() > 2
                        ? List.of(NestingShells.join(inv, inv.arg(2).is("-c") ? 3 : 2, "sg"))
                        : List.of());
        t.put("watch", (inv, name) -> NestingShells.watch(inv));
        t.put("script", (inv, name) -> NestingShells.optCode(inv, 'c', "--command", "script"));
        put(
                t,
                (inv, name) -> inv.size() > 1
                        ? List.of(new Nested.Argv(inv.withArgv(inv.argv().subList(1, inv.size()))))
                        : List.of(),
                "busybox",
                "toybox");
        put(t, NestingJobs::at, "at", "batch");
        t.put("crontab", (inv, name) -> NestingJobs.crontab(inv));
        put(t, (inv, name) -> NestingJobs.make(inv), "make", "gmake");
        put(t, (inv, name) -> List.of(), "xargs", "find"); // the walker runs their commands on the items (Expansions)
        t.put("parallel", (inv, name) -> NestingJobs.parallel(inv));
        t.put("git", (inv, name) -> NestingRemote.git(inv));
        put(t, NestingRemote::ssh, "ssh", "scp", "sftp");
        t.put("rsync", (inv, name) -> NestingShells.optCode(inv, 'e', "--rsh", "rsync", "--rsync-path"));
        put(t, (inv, name) -> NestingRemote.tar(inv), "tar", "gtar", "bsdtar");
        t.put("zip", (inv, name) -> NestingShells.optCode(inv, '\0', "--unzip-command", "zip", "-TT"));
        t.put("socat", (inv, name) -> NestingRemote.socat(inv));
        put(t, (inv, name) -> NestingRemote.netcat(inv), Programs.NETCATS.toArray(String[]::new));
        put(t, (inv, name) -> NestingTools.vim(inv), "vim", "vi", "nvim", "ex");
        put(t, (inv, name) -> NestingTools.sed(inv), "sed", "gsed");
        t.put("tmux", (inv, name) -> NestingTools.tmux(inv));
        put(
                t,
                (inv, name) -> NestingTools.terminal(inv),
                "xterm",
                "urxvt",
                "gnome-terminal",
                "konsole",
                "xfce4-terminal",
                "terminator",
                "alacritty",
                "kitty");
        t.put("alias", (inv, name) -> NestingShells.alias(inv));
        t.put("expect", (inv, name) -> NestingTools.expect(inv));
        t.put("gdb", (inv, name) -> NestingTools.gdb(inv));
        t.put("pidstat", (inv, name) -> NestingWrappers.optionStartsCommand(inv, "-e")); // pidstat -e PROG ARGS…
        put(t, (inv, name) -> containerHost(inv), "docker", "podman", "nerdctl");
        return Map.copyOf(t);
    }

    private static void put(Map<String, Finder> t, Finder f, String... names) {
        for (String n : names) {
            t.put(n, f);
        }
    }

    /** docker/podman/nerdctl run: the container's command as the host sees it through its bind mounts. */
    private static List<Nested> containerHost(Invocation inv) {
        ContainerRun run = ContainerRun.of(inv);
        List<Arg> host = run == null ? null : run.hostView();
        return host == null || host.isEmpty() ? List.of() : List.of(new Nested.Argv(inv.withArgv(host)));
    }

    /** Programs whose nested code or commands {@link #of} finds through its own rules (not the wrapper table). */
    private static final Set<String> NESTING = TABLE.keySet();

    /** Every program name the analyzer knows apart from the rule book: nesting, wrappers, builtins, program classes. */
    static Set<String> knownNames() {
        java.util.Set<String> all = new java.util.HashSet<>(NESTING);
        all.addAll(ExecWrappers.names());
        all.addAll(ShellDialects.names());
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
        return NESTING.contains(name)
                || ExecWrappers.isWrapper(name)
                || Programs.isShell(name)
                || Programs.INTERPRETERS.contains(name);
    }

    public static List<Nested> of(Invocation inv) {
        String name = inv.name();
        if (name.isEmpty()) {
            return List.of();
        }
        if (Programs.isShell(name)) {
            return ShellDialects.nested(inv);
        }
        ExecWrappers.Shape w = ExecWrappers.shape(inv);
        if (w != null) {
            return NestingWrappers.wrapper(inv, name, w);
        }
        Finder finder = TABLE.get(name);
        if (finder != null) {
            return finder.find(inv, name);
        }
        if (Programs.INTERPRETERS.contains(name)
                || name.startsWith("python")
                || name.startsWith("perl")
                || name.startsWith("ruby")
                || name.startsWith("php")
                || name.startsWith("node")
                || name.startsWith("lua")) {
            return interpreter(inv, name);
        }
        return List.of();
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
