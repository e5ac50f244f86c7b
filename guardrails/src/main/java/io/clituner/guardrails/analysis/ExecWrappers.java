package io.clituner.guardrails.analysis;

import io.clituner.guardrails.expand.Arg;
import io.clituner.guardrails.expand.BashNames;
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
    record Shape(int words, Map<String, Integer> valueOpts, String valueLetters, int leadingOperands, boolean assignments) {}

    private static final Map<String, Shape> TABLE = new HashMap<>();

    private static final class Spec {
        private final String key;
        private final Map<String, Integer> opts = new HashMap<>();
        private String letters = "";
        private int leading;
        private boolean assignments;

        private Spec(String key) {
            this.key = key;
        }

        /** Option words that take one value each (long or short spelling). */
        Spec opts(String... words) {
            for (String w : words) {
                opts.put(w, 1);
            }
            return this;
        }

        /** Option words that take two values ({@code --bind SRC DEST}). */
        Spec opts2(String... words) {
            for (String w : words) {
                opts.put(w, 2);
            }
            return this;
        }

        Spec letters(String valueLetters) {
            this.letters = valueLetters;
            return this;
        }

        Spec leading(int operands) {
            this.leading = operands;
            return this;
        }

        Spec assignments() {
            this.assignments = true;
            return this;
        }

        void add() {
            TABLE.put(key, new Shape(key.indexOf(' ') > 0 ? 2 : 1, Map.copyOf(opts), letters, leading, assignments));
        }
    }

    private static Spec w(String key) {
        return new Spec(key);
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
        proxiesAndSandboxes();
        debuggersAndTracers();
        languageEnvironments();
    }

    /** Wrappers: privilege. */
    private static void privilege() {
        w("sudo").opts("--user", "--group", "--host", "--prompt", "--close-from", "--chdir", "--role", "--type",
                "--other-user", "--command-timeout").letters("ughpCDrtUT").assignments().add();
        w("doas").letters("uC").add();
        w("pkexec").opts("--user").add();
        w("run0").opts("--user", "--group", "--setenv", "--unit", "--property", "--description", "--slice",
                "--nice", "--chdir", "--machine").letters("ugD").add();
        w("setpriv").opts("--reuid", "--regid", "--ruid", "--rgid", "--euid", "--egid", "--groups", "--inh-caps",
                "--ambient-caps", "--bounding-set", "--securebits", "--pdeathsig", "--selinux-label",
                "--apparmor-profile", "--landlock-access", "--landlock-rule").add();
        w("gosu").leading(1).add();
        w("su-exec").leading(1).add();
        w("setuidgid").leading(1).add();
        w("envuidgid").leading(1).add();
        w("s6-setuidgid").leading(1).add();
        w("s6-envuidgid").letters("ugGnNiID").leading(1).add();
        w("s6-applyuidgid").letters("ugG").add();
        w("chpst").letters("uUeb/nlLmdosacvPp0").add();
        w("runcon").opts("--user", "--role", "--type", "--range").letters("urtl").add(); // CONTEXT: see Nesting
        w("aa-exec").opts("--profile", "--namespace").letters("pn").add();
        w("sandbox").opts("--type", "--level", "--homedir", "--tmpdir", "--include", "--cgroups")
                .letters("tlHTIWwC").add();
        w("capsh").add(); // only "capsh … -- ARGS" runs something: see Nesting
        w("choom").opts("--adjust", "--pid").letters("np").add();
    }

    /** Wrappers: environment, accounting, scheduling, limits. */
    private static void environmentAndLimits() {
        w("env").opts("--unset", "--chdir", "--split-string", "--argv0").letters("uCSa").assignments().add();
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
        w("systemd-run").opts("--unit", "--property", "--setenv", "--on-calendar", "--on-active", "--on-boot",
                "--on-startup", "--machine", "--host", "--slice", "--description", "--uid", "--gid", "--nice",
                "--working-directory", "--service-type", "--timer-property", "--path-property", "--socket-property")
                .letters("upEMH").add();
        w("systemd-inhibit").opts("--what", "--who", "--why", "--mode").add();
        w("systemd-cat").opts("--identifier", "--priority", "--stderr-priority", "--level-prefix")
                .letters("tp").add();
        w("caffeinate").letters("tw").add();
        w("setarch").opts("--uname-2.6").leading(1).add(); // ARCH first; linux32/linux64 have none
    }

    /** Wrappers: process control, locking, retries. */
    private static void processControl() {
        plain("nohup", "setsid", "unbuffer", "chronic", "catchsegv", "command", "builtin", "eatmydata", "tsocks",
                "torify", "run-one", "run-this-one", "keep-one-running", "run-one-constantly",
                "run-one-until-success", "run-one-until-failure", "distcc", "ccache", "pexec", "linux32",
                "linux64", "i386", "x86_64", "uname26", "optirun", "primusrun", "prime-run", "gamemoderun",
                "mangohud", "aoss", "padsp", "pw-jack", "graftcp", "host-spawn", "distrobox-host-exec",
                "flatpak-spawn", "pgrphack", "zrun", "rlwrap", "unshare", "heaptrack");
        w("exec").letters("a").add();
        w("ifne").add();
        w("lckdo").letters("W").leading(1).add();
        w("setlock").leading(1).add();
        w("flock").opts("--timeout", "--conflict-exit-code").letters("wE").leading(1).add();
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
        w("xvfb-run").opts("--server-num", "--server-args", "--auth-file", "--error-file", "--wait")
                .letters("nsfepw").add();
        w("sshpass").letters("pfdP").add();
    }

    /** Wrappers: proxies and sandboxes. */
    private static void proxiesAndSandboxes() {
        w("proxychains").letters("f").add();
        w("proxychains4").letters("f").add();
        w("torsocks").letters("aup").add();
        w("trickle").letters("udwtlns").add();
        w("firejail").add();
        w("proot").opts("--rootfs", "--bind", "--cwd", "--qemu").letters("rbwq").add();
        w("fakeroot").opts("--lib", "--faked", "-s", "-i").add();
        w("fakechroot").opts("--lib", "--elfloader", "--environment", "--config-dir", "--bindir")
                .letters("ldecb").add();
        w("faketime").leading(1).add();
        w("chroot").opts("--userspec", "--groups").leading(1).add();
        w("nsenter").opts("--target").letters("tS").add();
        w("bwrap").opts2("--bind", "--ro-bind", "--dev-bind", "--bind-try", "--ro-bind-try", "--dev-bind-try",
                "--symlink", "--setenv", "--chmod", "--file", "--bind-data", "--ro-bind-data", "--overlay-src")
                .opts("--perms", "--size", "--dir", "--tmpfs", "--proc", "--dev", "--mqueue", "--remount-ro",
                        "--chdir", "--unsetenv", "--uid", "--gid", "--hostname", "--args", "--userns", "--userns2",
                        "--pidns", "--info-fd", "--json-status-fd", "--sync-fd", "--block-fd", "--userns-block-fd",
                        "--seccomp", "--add-seccomp-fd", "--exec-label", "--file-label", "--cap-add", "--cap-drop",
                        "--lock-file", "--argv0", "--overlay", "--tmp-overlay", "--ro-overlay").add();
        w("nsjail").opts("--config", "--hostname", "--cwd", "--chroot", "--port", "--bindhost", "--max_conns_per_ip",
                "--log", "--log_fd", "--time_limit", "--user", "--group", "--bindmount_ro", "--bindmount",
                "--tmpfsmount", "--mount", "--symlink", "--env", "--mode", "--rlimit_as", "--rlimit_core",
                "--rlimit_cpu", "--rlimit_fsize", "--rlimit_nofile", "--rlimit_nproc", "--rlimit_stack",
                "--seccomp_policy", "--seccomp_string", "--cgroup_mem_max", "--cgroup_pids_max", "--cgroup_cpu_ms_per_sec",
                "--macvlan_iface", "--uid_mapping", "--gid_mapping", "--exec_file", "--persona_addr_compat_layout")
                .letters("CHDcpilLtugRBTmsEMPUG").add();
        w("schroot").opts("--chroot", "--user", "--directory", "--session-name", "--option")
                .letters("cudno").add();
        w("systemd-nspawn").opts("--directory", "--image", "--machine", "--user", "--chdir", "--setenv", "--bind",
                "--bind-ro", "--tmpfs", "--overlay", "--overlay-ro", "--network-interface", "--network-bridge",
                "--port", "--capability", "--drop-capability", "--property", "--register", "--link-journal",
                "--resolv-conf", "--timezone", "--private-users", "--uuid", "--slice", "--personality")
                .letters("DiMuEpbS").add();
        w("ld.so").opts("--library-path", "--preload", "--argv0", "--audit", "--inhibit-rpath", "--glibc-hwcaps-prepend",
                "--glibc-hwcaps-mask").add();
        w("ip netns exec").leading(1).add();
        w("ip vrf exec").leading(1).add();
        w("machinectl shell").opts("--setenv", "--uid", "--machine").letters("EM").leading(1).add();
        w("scl enable").leading(1).add();
        w("toolbox run").opts("--container", "--distro", "--release").letters("cdr").add();
        w("distrobox-enter").opts("--name", "--additional-flags").letters("na").add();
    }

    /** Wrappers: debuggers, tracers, profilers. */
    private static void debuggersAndTracers() {
        w("strace").letters("oepsuEIbPaXS").add();
        w("ltrace").letters("oenspuEaA").add();
        w("valgrind").add();
        w("perf stat").opts("--event", "--pid", "--tid", "--repeat", "--output", "--field-separator",
                "--interval-print", "--cgroup", "--cpu", "--delay", "--metrics", "--log-fd", "--pre", "--post")
                .letters("eptroxIGCDM").add();
        w("perf record").opts("--event", "--pid", "--tid", "--output", "--freq", "--count", "--cpu", "--mmap-pages",
                "--call-graph", "--cgroup", "--delay").letters("eptoFcCmGD").add();
        w("perf trace").opts("--event", "--pid", "--tid", "--output", "--cpu", "--duration", "--expr")
                .letters("eptoC").add();
        w("perf sched record").add();
        w("perf mem record").add();
        w("perf kmem record").add();
        w("rr record").opts("--output-trace-dir", "--env", "--bind-to-cpu", "--num-cpu-ticks",
                "--ignore-signal", "--syscall-buffer-size", "--print-trace-dir").letters("ciovp").add();
        w("xdotool exec").add();
        w("uftrace record").letters("dFNTDt").add();
        w("lldb").add(); // only "lldb -- CMD": see Nesting
    }

    /** Wrappers: language environments that run a command in a prepared environment. */
    private static void languageEnvironments() {
        w("poetry run").add();
        w("pipenv run").add();
        w("uv run").opts("--with", "--python", "--project", "--directory", "--package", "--extra", "--group")
                .letters("pw").add();
        w("conda run").opts("--name", "--prefix", "--cwd").letters("np").add();
        w("micromamba run").opts("--name", "--prefix").letters("np").add();
        w("bundle exec").add();
        w("cabal exec").add();
        w("pdm run").add();
        w("hatch run").add();
        w("npm exec").opts("--package", "--workspace").letters("pw").add();
    }

    /** The wrapper shape of this invocation ({@code perf stat …} before {@code perf}), or null. */
    static @Nullable Shape shape(Invocation inv) {
        String name = inv.name();
        if (name.isEmpty()) {
            return null;
        }
        if (inv.size() > 2 && PREFIXES.contains(name) && inv.arg(1).resolved()) {
            Shape three = inv.size() > 3 && inv.arg(2).resolved()
                    ? TABLE.get(name + " " + inv.arg(1).text() + " " + inv.arg(2).text()) : null;
            if (three != null) {
                return new Shape(3, three.valueOpts(), three.valueLetters(), three.leadingOperands(), three.assignments());
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

    static int skipOptions(List<Arg> argv, int from, Map<String, Integer> valueOpts, String valueLetters,
                           boolean assignments) {
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
