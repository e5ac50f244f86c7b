package io.clituner.guardrails.internal.analysis;

import io.clituner.guardrails.internal.expand.Arg;
import io.clituner.guardrails.internal.expand.BashNames;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Programs that run a command vector given in their own arguments ({@code sudo CMD}, {@code setpriv --reuid=0 CMD},
 * {@code bwrap --bind / / CMD}, {@code perf stat CMD}), as data: how many words name the wrapper, which of its
 * options take values (and how many), how many operands come before the command. From the tools' manuals and
 * GTFOBins' entries that start a program from their arguments; programs outside the table fall back to the
 * walker's unknown-program check ({@code exec.unknown-wrapper}).
 */
final class ExecWrappers {
    private ExecWrappers() {}

    /**
     * The option syntax of one wrapper.
     *
     * @param words           words that name it: 1 ({@code nice}) or 2 for a subcommand ({@code perf stat})
     * @param valueOpts       option words followed by values, with how many ({@code --bind} takes 2)
     * @param valueLetters    short options that take a value, alone ({@code -u root}) or ending a cluster
     * @param leadingOperands operands before the command ({@code timeout 10 CMD}, {@code setuidgid USER CMD})
     * @param assignments     {@code NAME=VALUE} words may precede the command (env, sudo)
     */
    record Shape(
            int words, Map<String, Integer> valueOpts, String valueLetters, int leadingOperands, boolean assignments) {}

    private static final Map<String, Shape> TABLE = new HashMap<>();

    private static WrapperSpec w(String key) {
        return new WrapperSpec(TABLE, key);
    }

    /** Wrappers with no options of their own worth knowing: the command is the first operand. */
    private static void plain(String... names) {
        for (String n : names) {
            w(n).add();
        }
    }

    static {
        privilege();
        environmentAndLimits();
        processControl();
        sessionsAndAgents();
        IsolationWrappers.addTo(TABLE);
    }

    /** Wrappers: privilege. */
    private static void privilege() {
        w("sudo")
                .opts(
                        "--user",
                        "--group",
                        "--host",
                        "--prompt",
                        "--close-from",
                        "--chdir",
                        "--role",
                        "--type",
                        "--other-user",
                        "--command-timeout")
                .letters("ughpCDrtUT")
                .assignments()
                .add();
        w("doas").letters("uC").add();
        w("pkexec").opts("--user").add();
        w("run0")
                .opts(
                        "--user",
                        "--group",
                        "--setenv",
                        "--unit",
                        "--property",
                        "--description",
                        "--slice",
                        "--nice",
                        "--chdir",
                        "--machine")
                .letters("ugD")
                .add();
        w("setpriv")
                .opts(
                        "--reuid",
                        "--regid",
                        "--ruid",
                        "--rgid",
                        "--euid",
                        "--egid",
                        "--groups",
                        "--inh-caps",
                        "--ambient-caps",
                        "--bounding-set",
                        "--securebits",
                        "--pdeathsig",
                        "--selinux-label",
                        "--apparmor-profile",
                        "--landlock-access",
                        "--landlock-rule")
                .add();
        w("gosu").leading(1).add();
        w("su-exec").leading(1).add();
        w("setuidgid").leading(1).add();
        w("envuidgid").leading(1).add();
        w("s6-setuidgid").leading(1).add();
        w("s6-envuidgid").letters("ugGnNiID").leading(1).add();
        w("s6-applyuidgid").letters("ugG").add();
        w("chpst").letters("uUeb/nlLmdosacvPp0").add();
        w("runcon")
                .opts("--user", "--role", "--type", "--range")
                .letters("urtl")
                .add(); // CONTEXT: see Nesting
        w("aa-exec").opts("--profile", "--namespace").letters("pn").add();
        w("sandbox")
                .opts("--type", "--level", "--homedir", "--tmpdir", "--include", "--cgroups")
                .letters("tlHTIWwC")
                .add();
        w("capsh").add(); // only "capsh … -- ARGS" runs something: see Nesting
        w("choom").opts("--adjust", "--pid").letters("np").add();
    }

    /** Wrappers: environment, accounting, scheduling, limits. */
    private static void environmentAndLimits() {
        w("env").opts("--unset", "--chdir", "--split-string", "--argv0")
                .letters("uCSa")
                .assignments()
                .add();
        w("nice").opts("--adjustment").letters("n").add();
        w("ionice").opts("--class", "--classdata").letters("cn").add();
        w("chrt").leading(1).add();
        w("taskset").leading(1).add();
        w("numactl").letters("CNmipP").add();
        w("cgexec").letters("g").add();
        w("prlimit").letters("p").add();
        w("cpulimit").opts("--limit", "--pid", "--exe").letters("lpe").add();
        w("softlimit").letters("mdslaopfcrt").add();
        w("s6-softlimit").letters("adfHlmorstT").add();
        w("nocache").letters("n").add();
        w("stdbuf").opts("--input", "--output", "--error").letters("ioe").add();
        w("timeout").opts("--signal", "--kill-after").letters("sk").leading(1).add();
        w("timelimit").letters("tTsSp").add();
        w("time").opts("--format", "--output").letters("fo").add();
        w("multitime").letters("nsiIqr").add();
        w("systemd-run")
                .opts(
                        "--unit",
                        "--property",
                        "--setenv",
                        "--on-calendar",
                        "--on-active",
                        "--on-boot",
                        "--on-startup",
                        "--machine",
                        "--host",
                        "--slice",
                        "--description",
                        "--uid",
                        "--gid",
                        "--nice",
                        "--working-directory",
                        "--service-type",
                        "--timer-property",
                        "--path-property",
                        "--socket-property")
                .letters("upEMH")
                .add();
        w("systemd-inhibit").opts("--what", "--who", "--why", "--mode").add();
        w("systemd-cat")
                .opts("--identifier", "--priority", "--stderr-priority", "--level-prefix")
                .letters("tp")
                .add();
        w("caffeinate").letters("tw").add();
        w("setarch").opts("--uname-2.6").leading(1).add(); // ARCH first; linux32/linux64 have none
    }

    /** Wrappers: process control, locking, retries. */
    private static void processControl() {
        plain(
                "nohup",
                "setsid",
                "unbuffer",
                "chronic",
                "catchsegv",
                "command",
                "builtin",
                "eatmydata",
                "tsocks",
                "torify",
                "run-one",
                "run-this-one",
                "keep-one-running",
                "run-one-constantly",
                "run-one-until-success",
                "run-one-until-failure",
                "distcc",
                "ccache",
                "pexec",
                "linux32",
                "linux64",
                "i386",
                "x86_64",
                "uname26",
                "optirun",
                "primusrun",
                "prime-run",
                "gamemoderun",
                "mangohud",
                "aoss",
                "padsp",
                "pw-jack",
                "graftcp",
                "host-spawn",
                "distrobox-host-exec",
                "flatpak-spawn",
                "pgrphack",
                "zrun",
                "rlwrap",
                "unshare",
                "heaptrack");
        w("exec").letters("a").add();
        w("ifne").add();
        w("lckdo").letters("W").leading(1).add();
        w("setlock").leading(1).add();
        w("flock")
                .opts("--timeout", "--conflict-exit-code")
                .letters("wE")
                .leading(1)
                .add();
        w("logsave").leading(1).add();
        w("envdir").leading(1).add();
        w("kcov").leading(1).add();
        w("retry").opts("--times", "--delay").letters("td").add();
        w("sem").opts("--id", "--jobs").letters("j").add();
        plain("tsp", "ts");
        w("screen").letters("SctpXhe").add();
        w("dtach").letters("rz").leading(1).add(); // -c/-n/-A SOCKET CMD: the option letter is not a value
        w("abduco").letters("e").leading(1).add();
        w("daemonize").letters("acelpuoE").add();
        plain("start-stop-daemon");
        w("entr").letters("s").add();
    }

    /** Wrappers: sessions and agents. */
    private static void sessionsAndAgents() {
        w("dbus-launch").opts("--config-file").add();
        w("dbus-run-session").opts("--config-file", "--dbus-daemon").add();
        w("ssh-agent").letters("aEPt").add();
        w("gpg-agent").opts("--homedir", "--options").add();
        w("xvfb-run")
                .opts("--server-num", "--server-args", "--auth-file", "--error-file", "--wait")
                .letters("nsfepw")
                .add();
        w("sshpass").letters("pfdP").add();
    }

    /** The wrapper shape of this invocation ({@code perf stat …} before {@code perf}), or null. */
    static @Nullable Shape shape(Invocation inv) {
        String name = inv.name();
        if (name.isEmpty()) {
            return null;
        }
        if (inv.size() > 2 && PREFIXES.contains(name) && inv.arg(1).resolved()) {
            Shape three = inv.size() > 3 && inv.arg(2).resolved()
                    ? TABLE.get(
                            name + " " + inv.arg(1).text() + " " + inv.arg(2).text())
                    : null;
            if (three != null) {
                return new Shape(
                        3, three.valueOpts(), three.valueLetters(), three.leadingOperands(), three.assignments());
            }
            Shape sub = TABLE.get(name + " " + inv.arg(1).text());
            if (sub != null) {
                return sub;
            }
        }
        Shape s = TABLE.get(name);
        return s != null || !name.startsWith("ld") || !LOADER.matcher(name).matches() ? s : TABLE.get("ld.so");
    }

    /** The dynamic loader run as a program ({@code /lib64/ld-linux-x86-64.so.2 /bin/sh}) starts its first operand. */
    private static final java.util.regex.Pattern LOADER =
            java.util.regex.Pattern.compile("ld(-linux(-[a-z0-9_-]+)?|-musl-[a-z0-9_]+)?\\.so(\\.[0-9]+)*");

    /** The programs that head a wrapper in the table. */
    static java.util.Set<String> names() {
        java.util.Set<String> out = new java.util.HashSet<>(PREFIXES);
        for (String k : TABLE.keySet()) {
            if (k.indexOf(' ') < 0) {
                out.add(k);
            }
        }
        return out;
    }

    /** Whether {@code name} heads a wrapper in the table (alone or with a subcommand). */
    static boolean isWrapper(String name) {
        return TABLE.containsKey(name) || PREFIXES.contains(name);
    }

    private static final java.util.Set<String> PREFIXES = prefixes();

    private static java.util.Set<String> prefixes() {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (String k : TABLE.keySet()) {
            int sp = k.indexOf(' ');
            if (sp > 0) {
                out.add(k.substring(0, sp));
            }
        }
        return java.util.Set.copyOf(out);
    }

    /** Index of the first operand after the wrapper's own options (argv.size() when none). */
    static int skipOptions(List<Arg> argv, Shape s) {
        return skipOptions(argv, s.words(), s.valueOpts(), s.valueLetters(), s.assignments());
    }

    static int skipOptions(
            List<Arg> argv, int from, Map<String, Integer> valueOpts, String valueLetters, boolean assignments) {
        int i = from;
        while (i < argv.size()) {
            String t = argv.get(i).text();
            if (t.equals("--")) {
                return i + 1;
            }
            if (t.startsWith("--") && t.length() > 2) {
                i += 1 + valueOpts.getOrDefault(t, 0);
                continue;
            }
            if ((t.startsWith("-") && t.length() > 1 && !Character.isDigit(t.charAt(1))) || t.startsWith("-n")) {
                Integer n = valueOpts.get(t);
                if (n != null) {
                    i += 1 + n;
                    continue;
                }
                boolean takesValue = false;
                for (int k = 1; k < t.length(); k++) {
                    if (valueLetters.indexOf(t.charAt(k)) >= 0) {
                        takesValue = k == t.length() - 1;
                        break;
                    }
                }
                i += takesValue ? 2 : 1;
                continue;
            }
            if (t.startsWith("-") && t.length() > 1 && Character.isDigit(t.charAt(1))) {
                i++; // nice -10, kill-style numeric options
                continue;
            }
            if (assignments && t.indexOf('=') > 0 && BashNames.isName(t.substring(0, t.indexOf('=')))) {
                i++;
                continue;
            }
            return i;
        }
        return i;
    }
}
