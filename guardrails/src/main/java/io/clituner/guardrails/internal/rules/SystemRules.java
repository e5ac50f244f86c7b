package io.clituner.guardrails.internal.rules;

import io.clituner.guardrails.internal.analysis.ContainerRun;
import io.clituner.guardrails.internal.analysis.Invocation;
import io.clituner.guardrails.internal.analysis.Paths;
import io.clituner.guardrails.internal.analysis.Producers;
import io.clituner.guardrails.internal.analysis.Programs;
import io.clituner.guardrails.internal.analysis.Redir;
import io.clituner.guardrails.internal.analysis.Upstream;
import io.clituner.guardrails.internal.expand.Arg;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Power and kernel, killing everything, cron removal, container escapes; the helpers that say which paths an
 * invocation writes or wipes. Account tampering, wiping and persistence are in {@link TamperRules}, security controls
 * turned off in {@link SecurityRules}; {@link #rules()} lists all three in book order (the order findings are
 * reported in).
 */
final class SystemRules {
    static final java.util.Set<String> WIPERS =
            Set.of("rm", "unlink", "shred", "srm", "wipe", "truncate", "mv", "ln", "cp");

    private SystemRules() {}

    /** An endless producer upstream (one constant: {@link Upstream} memoises per question object). */
    private static final java.util.function.Predicate<Invocation> ENDLESS = SystemRules::endless;

    private static boolean endless(Invocation up) {
        return up.name().equals("yes");
    }

    /** The programs {@link #writtenPaths} returns operands of; for any other program it returns redirection targets only. */
    static final Set<String> PATH_WRITERS = Set.of(
            "tee",
            "truncate",
            "touch",
            "shred",
            "rm",
            "unlink",
            "cp",
            "mv",
            "install",
            "ln",
            "rsync",
            "scp",
            "sed",
            "perl",
            "dd",
            "chmod",
            "chown",
            "chgrp",
            "chattr");
    /** Gate of the rules that judge {@link #writtenPaths} alone. */
    static final Rule.Gate WRITES = Rule.Gate.programsOrRedirect(union(PATH_WRITERS, OutputFiles.PROGRAMS));

    static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    /** Every path this invocation writes: redirections, tee/cp/mv/install/ln/dd/truncate/sed -i targets. */
    static List<Arg> writtenPaths(Invocation inv) {
        return PerInvocation.memo(
                PerInvocation.Slot.WRITTEN, inv, i -> java.util.Collections.unmodifiableList(computeWrittenPaths(i)));
    }

    private static List<Arg> computeWrittenPaths(Invocation inv) {
        List<Arg> out = new ArrayList<>();
        for (Redir r : inv.redirects()) {
            if (r.writes()) {
                out.add(r.target());
            }
        }
        String n = inv.name();
        List<Arg> ops = inv.operands();
        switch (n) {
            case "tee", "truncate", "touch", "shred", "rm", "unlink" -> out.addAll(ops);
            case "cp", "mv", "install", "ln", "rsync", "scp" -> {
                if (ops.size() >= 2) {
                    out.add(ops.get(ops.size() - 1));
                }
                if (n.equals("mv") && ops.size() >= 2) {
                    out.addAll(ops.subList(0, ops.size() - 1));
                }
            }
            case "sed", "perl" -> {
                if (inv.hasOption('i', "--in-place")) {
                    out.addAll(ops.size() > 1 ? ops.subList(1, ops.size()) : ops);
                }
            }
            case "dd" -> {
                for (Arg a : inv.args()) {
                    if (a.startsWith("of=")) {
                        out.add(a.withText(a.text().substring(3)));
                    }
                }
            }
            case "chmod", "chown", "chgrp", "chattr" ->
                out.addAll(ops.size() > 1 ? ops.subList(1, ops.size()) : List.of());
            default -> {}
        }
        for (Arg a : OutputFiles.written(inv)) {
            if (!out.contains(a)) {
                out.add(a); // sort -o, gcc -o, find -fprint, sed 'w FILE', curl -o…: the same write as a redirection
            }
        }
        return out;
    }

    /**
     * The programs {@link #wipedPaths} returns operands of; for any other program it returns truncated redirection
     * targets only. Holds every program of {@link #WIPERS}, so it alone gates wipe.logs' programs (with journalctl).
     */
    static final Set<String> PATH_WIPERS =
            Set.of("truncate", "shred", "rm", "unlink", "srm", "wipe", "cp", "ln", "mv", "dd", "tee");

    /** Paths this invocation empties or destroys (truncating redirect, truncate, shred, rm, cp /dev/null, ln -sf /dev/null). */
    static List<Arg> wipedPaths(Invocation inv) {
        return PerInvocation.memo(
                PerInvocation.Slot.WIPED, inv, i -> java.util.Collections.unmodifiableList(computeWipedPaths(i)));
    }

    private static List<Arg> computeWipedPaths(Invocation inv) {
        List<Arg> out = new ArrayList<>();
        for (Redir r : inv.redirects()) {
            if (r.truncates()) {
                out.add(r.target());
            }
        }
        String n = inv.name();
        List<Arg> ops = inv.operands();
        switch (n) {
            case "truncate", "shred", "rm", "unlink", "srm", "wipe" -> out.addAll(ops);
            case "cp", "ln", "mv" -> {
                if (ops.size() >= 2 && (ops.get(0).is("/dev/null") || n.equals("mv"))) {
                    out.add(ops.get(ops.size() - 1));
                }
                if (n.equals("mv") && ops.size() >= 2) {
                    out.addAll(ops.subList(0, ops.size() - 1));
                }
            }
            case "dd" -> {
                for (Arg a : inv.args()) {
                    if (a.startsWith("of=")) {
                        out.add(a.withText(a.text().substring(3)));
                    }
                }
            }
            case "tee" -> {
                if (!inv.hasOption('a', "--append")) {
                    out.addAll(ops);
                }
            }
            default -> {}
        }
        return out;
    }

    static @Nullable String firstMatch(List<Arg> paths, List<String> patterns) {
        for (Arg a : paths) {
            if (Paths.matchesAny(a, patterns)) {
                return a.display();
            }
        }
        return null;
    }

    /** The text this invocation writes, when statically known (echo/printf/cat <<EOF, tee with known stdin). */
    static Producers.Output written(Invocation inv) {
        String n = inv.name();
        if (n.equals("tee") || (n.equals("cat") && inv.operands().isEmpty())) {
            return new Producers.Output(inv.stdin().content(), inv.stdin().origin());
        }
        if (n.equals("echo")
                || n.equals("printf")
                || io.clituner.guardrails.internal.analysis.Programs.NETWORK.contains(n)) {
            return Producers.output(inv);
        }
        return new Producers.Output(null, io.clituner.guardrails.internal.expand.Origin.LOCAL);
    }

    static List<Rule> rules() {
        return List.of(
                kernelSysrq(),
                kernelPanicSettings(),
                killEverything(),
                TamperRules.tamperAuthFiles(),
                TamperRules.tamperAuthPerms(),
                TamperRules.tamperAccounts(),
                SecurityRules.securityFirewallOff(),
                TamperRules.wipeHistory(),
                TamperRules.wipeLogs(),
                forkbombUnboundedParallel(),
                cronRemoveAll(),
                TamperRules.persistHostileStartup(),
                TamperRules.persistAuthorizedKey(),
                TamperRules.tamperAdminGroup(),
                TamperRules.persistStartupFile(),
                SecurityRules.securityKillDaemon(),
                SecurityRules.securityWeakenKernel(),
                TamperRules.tamperTimestomp(),
                kernelUntrustedModule(),
                containerHostEscape(),
                TamperRules.tamperImmutableSystem());
    }

    private static Rule kernelSysrq() {
        return Rule.builder("kernel.sysrq")
                .says("writing to /proc/sysrq-trigger (instant crash, reboot or power-off)")
                .onAny(WRITES)
                .when(inv -> writtenPaths(inv).stream()
                                .anyMatch(a -> a.is("/proc/sysrq-trigger")
                                        || (a.couldBe("/proc/sysrq-trigger") && a.startsWith("/proc/")))
                        ? "/proc/sysrq-trigger"
                        : null)
                .examples("echo c > /proc/sysrq-trigger", "echo b | sudo tee /proc/sysrq-trigger")
                .counter("cat /proc/sysrq-trigger")
                .build();
    }

    private static Rule kernelPanicSettings() {
        return Rule.builder("kernel.panic-settings")
                .says("forcing kernel panics or crashing init")
                .onAny(WRITES)
                .when(inv -> {
                    for (Arg a : writtenPaths(inv)) {
                        if (a.startsWith("/proc/sys/kernel/panic")
                                || a.is("/proc/sys/vm/panic_on_oom")
                                || a.startsWith("/sys/power/")) {
                            return a.display();
                        }
                    }
                    return null;
                })
                .examples("echo 1 > /proc/sys/kernel/panic_on_oops", "echo off > /sys/power/state")
                .counter("cat /proc/sys/kernel/panic")
                .build();
    }

    private static Rule killEverything() {
        return Rule.builder("kill.everything")
                .says("killing every process (kill -1) or init (PID 1)")
                .on("kill", "pkill", "killall", "killall5", "skill")
                .when(inv -> {
                    String n = inv.name();
                    if (n.equals("killall5")) {
                        return "killall5";
                    }
                    if (n.equals("kill")) {
                        List<Arg> args = inv.args();
                        int i = 0;
                        String signal = "TERM";
                        if (i < args.size()
                                && (args.get(i).is("-s") || args.get(i).is("-n"))
                                && i + 1 < args.size()) {
                            signal = args.get(i + 1).text();
                            i += 2;
                        } else if (i < args.size()
                                && args.get(i).startsWith("-")
                                && !args.get(i).is("--")
                                && args.size() > 1) {
                            signal = args.get(i).text().substring(1);
                            i++;
                        }
                        if (i < args.size() && args.get(i).is("--")) {
                            i++;
                        }
                        if (signal.equals("0") || signal.equals("l") || signal.equals("L")) {
                            return null;
                        }
                        for (; i < args.size(); i++) {
                            if (args.get(i).is("-1") || args.get(i).is("1")) {
                                return "kill " + args.get(i).text();
                            }
                        }
                        return null;
                    }
                    for (Arg a : inv.operands()) {
                        if (a.is("init")
                                || a.is("systemd")
                                || (a.is("sshd") && n.equals("killall") && inv.hasOption('9'))) {
                            return n + " " + a.text();
                        }
                    }
                    boolean kill9 = inv.args().stream()
                            .anyMatch(a -> a.is("-9")
                                    || a.is("-KILL")
                                    || a.is("-SIGKILL")
                                    || a.is("--signal=KILL")
                                    || a.is("KILL"));
                    return inv.hasOption('u') && inv.args().stream().anyMatch(a -> a.is("root")) && kill9
                            ? n + " -u root"
                            : null;
                })
                .examples("kill -9 -1", "kill -- -1", "kill -KILL -1", "kill -9 1", "killall5 -9", "pkill -9 init")
                .counter("kill -9 1234", "kill %1", "pkill firefox")
                .build();
    }

    private static Rule forkbombUnboundedParallel() {
        return Rule.builder("forkbomb.unbounded-parallel")
                .says("endless input feeding unlimited parallel processes (xargs -P0 after yes)")
                .on("xargs", "parallel")
                .when(inv -> {
                    boolean unbounded = inv.args().stream()
                                    .anyMatch(a ->
                                            a.is("-P0") || a.is("--max-procs=0") || a.is("-j0") || a.is("--jobs=0"))
                            || java.util.stream.IntStream.range(1, inv.size() - 1)
                                    .anyMatch(i ->
                                            (inv.arg(i).is("-P") || inv.arg(i).is("-j"))
                                                    && inv.arg(i + 1).is("0"));
                    boolean endless = Upstream.first(inv.stdin().upstream(), ENDLESS) != null;
                    return unbounded && endless ? "yes | xargs -P0" : null;
                })
                .examples("yes | xargs -P0 -n1 bash -c 'bash'", "yes | xargs -P 0 -I{} sh -c 'sleep 9'")
                .counter("ls | xargs -P0 -n1 gzip", "yes | head -3 | xargs echo")
                .build();
    }

    private static Rule cronRemoveAll() {
        return Rule.builder("cron.remove-all")
                .says("deleting the whole crontab")
                .on("crontab")
                .when(inv -> {
                    if (inv.hasOption('r')) {
                        return "crontab -r";
                    }
                    List<Arg> ops = inv.operands();
                    boolean fromStdin = ops.isEmpty() || ops.get(ops.size() - 1).is("-");
                    String c = inv.stdin().content();
                    if ((fromStdin && inv.stdin().piped() && c != null && c.isBlank())
                            || (!ops.isEmpty() && ops.get(ops.size() - 1).is("/dev/null"))) {
                        return "crontab replaced by an empty one";
                    }
                    return null;
                })
                .examples("crontab -r", "crontab -r -u alice", "echo | crontab -", "crontab /dev/null")
                .counter("crontab -l")
                .build();
    }

    private static Rule kernelUntrustedModule() {
        return Rule.builder("kernel.untrusted-module")
                .says(
                        "loading a kernel module or kernel image from a scratch directory anyone can write (rootkit vector)")
                .on("insmod", "modprobe", "kexec")
                .when(inv -> {
                    for (Arg a : inv.operands()) {
                        if (a.text().indexOf('/') >= 0
                                && (Paths.place(a) == Paths.Place.TEMP
                                        || a.origin().hostile())) {
                            return a.display();
                        }
                    }
                    Arg image = inv.optionValue('l', "--load");
                    return image != null && Paths.place(image) == Paths.Place.TEMP ? image.display() : null;
                })
                .examples(
                        "insmod /tmp/rootkit.ko",
                        "sudo insmod /dev/shm/x.ko",
                        "modprobe /var/tmp/m.ko",
                        "kexec -l /tmp/vmlinuz --reuse-cmdline")
                .counter("insmod ./build/mydriver.ko", "modprobe nvidia", "kexec -l /boot/vmlinuz", "rmmod nvidia")
                .build();
    }

    private static Rule containerHostEscape() {
        return Rule.builder("container.host-escape")
                .says("a container given the host: privileged with the host's root or PIDs, or a shell, chroot or "
                        + "nsenter into a writable mount of the host's /")
                .on("docker", "podman", "nerdctl")
                .when(inv -> {
                    ContainerRun run = ContainerRun.of(inv);
                    if (run == null) {
                        return null;
                    }
                    String root = run.writableHostRoot();
                    if (run.privileged() && (root != null || run.hostPid())) {
                        return "privileged container with the host's " + (root != null ? "/ at " + root : "PIDs");
                    }
                    List<Arg> cmd = run.command();
                    String first = cmd.isEmpty()
                            ? ""
                            : io.clituner.guardrails.internal.expand.BashNames.basename(
                                    cmd.get(0).text());
                    if (root != null && (first.equals("chroot") || Programs.isShell(first))) {
                        return first + " with the host's / mounted writable at " + root;
                    }
                    boolean initNs = cmd.stream().anyMatch(a -> a.is("1") || a.is("--target=1") || a.is("-t1"));
                    return run.hostPid() && first.equals("nsenter") && initNs ? "nsenter into PID 1 of the host" : null;
                })
                .examples(
                        "docker run -v /:/host --privileged -it alpine chroot /host sh",
                        "docker run -it --pid=host --privileged ubuntu nsenter -t 1 -m -u -n -i sh",
                        "podman run --privileged -v /:/host alpine chroot /host",
                        "docker run -it -v /:/mnt alpine sh",
                        "docker run --mount type=bind,source=/,target=/h --cap-add=SYS_ADMIN alpine")
                .counter(
                        "docker run -v $PWD:/app -w /app node:20 npm test",
                        "docker run -v /:/host:ro alpine ls /host",
                        "docker run --privileged --rm tonistiigi/binfmt --install all",
                        "docker run -it --rm ubuntu bash",
                        "docker run --pid=host -v /:/host:ro,rslave prom/node-exporter")
                .build();
    }
}
