package io.clituner.guardrails.internal.rules;

import io.clituner.guardrails.internal.analysis.Invocation;
import io.clituner.guardrails.internal.analysis.Paths;
import io.clituner.guardrails.internal.analysis.Redir;
import io.clituner.guardrails.internal.expand.Arg;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * Denial of service and lockout: killing every process, filling a disk from an endless source, firewall rules that
 * drop all traffic, stopping the services that let anyone log in, and kernel hooks that run a program as root.
 */
final class LockoutRules {
    private LockoutRules() {}

    /** Process names of every kind: a pattern that matches all of them matches every process on the machine. */
    private static final List<String> PROCESS_NAMES = List.of(
            "systemd",
            "sshd",
            "bash",
            "a",
            "Xorg",
            "kworker/0:1",
            "python3",
            "[kthreadd]",
            "init",
            "1",
            "dbus-daemon",
            "Z");

    /** Whether a pgrep/pkill/killall pattern (extended regex) matches every process name. */
    static boolean matchesEveryName(String pattern) {
        if (pattern.isEmpty()) {
            return true;
        }
        try {
            Pattern p = Pattern.compile(pattern);
            return PROCESS_NAMES.stream().allMatch(n -> p.matcher(n).find());
        } catch (PatternSyntaxException e) {
            return false;
        }
    }

    /** Options of pkill/pgrep/killall that take a separate value (the first operand after them is the pattern). */
    private static final Set<String> VALUE_OPTS = Set.of(
            "-s",
            "--signal",
            "-u",
            "--euid",
            "-U",
            "--uid",
            "-g",
            "--pgroup",
            "-G",
            "--group",
            "-P",
            "--parent",
            "-t",
            "--terminal",
            "-F",
            "--pidfile",
            "--ns",
            "--nslist",
            "-o",
            "-y",
            "--older-than",
            "--younger-than");

    /** The name pattern of pkill/killall, or null when it selects by user, parent or pid file instead. */
    static @Nullable String killPattern(Invocation inv) {
        List<Arg> argv = inv.argv();
        for (int i = 1; i < argv.size(); i++) {
            String t = argv.get(i).text();
            if (VALUE_OPTS.contains(t)) {
                i++;
                continue;
            }
            if (t.startsWith("-") && t.length() > 1 && !t.equals("--")) {
                continue;
            }
            if (t.equals("--")) {
                return i + 1 < argv.size() ? argv.get(i + 1).value() : null;
            }
            return argv.get(i).value();
        }
        return null;
    }

    static @Nullable String killsEverything(Invocation inv) {
        String n = inv.name();
        if (n.equals("killall5")) {
            return inv.args().stream().anyMatch(a -> a.text().matches("-(9|KILL|SIGKILL|15|TERM|SIGTERM)"))
                            || inv.args().isEmpty()
                    ? "killall5"
                    : null;
        }
        if (inv.hasOption('\0', "--help", "--version", "--list") || (inv.hasOption('l') && n.equals("killall"))) {
            return null;
        }
        boolean regex = n.equals("pkill") || inv.hasOption('r', "--regexp");
        String pattern = killPattern(inv);
        if (pattern == null
                || inv.hasOption('u', "--user", "--euid")
                || inv.hasOption('P', "--parent")
                || inv.hasOption('U', "--uid")
                || inv.hasOption('t', "--terminal")
                || inv.hasOption('g', "--pgroup")) {
            return null;
        }
        return regex && matchesEveryName(pattern) ? n + " '" + pattern + "' matches every process" : null;
    }

    private static final Set<String> FILTER_OPTS = Set.of(
            "-s",
            "--source",
            "-d",
            "--destination",
            "-p",
            "--protocol",
            "-i",
            "--in-interface",
            "-o",
            "--out-interface",
            "-m",
            "--match",
            "--dport",
            "--sport",
            "--src",
            "--dst",
            "--dports",
            "--state",
            "--ctstate",
            "--icmp-type",
            "-f",
            "--fragment",
            "--uid-owner");

    /** iptables: a DROP/REJECT policy on INPUT or OUTPUT, or a rule inserted first that drops all of it. */
    static @Nullable String firewallDropsAll(Invocation inv) {
        List<Arg> argv = inv.argv();
        for (int i = 1; i + 2 < argv.size(); i++) {
            String t = argv.get(i).text();
            if ((t.equals("-P") || t.equals("--policy"))
                    && argv.get(i + 1).text().matches("INPUT|OUTPUT")
                    && argv.get(i + 2).text().matches("DROP|REJECT")) {
                return "default " + argv.get(i + 1).text() + " policy "
                        + argv.get(i + 2).text();
            }
        }
        boolean insert = false;
        boolean drops = false;
        String chain = null;
        for (int i = 1; i < argv.size(); i++) {
            String t = argv.get(i).text();
            if (FILTER_OPTS.contains(t) || t.startsWith("--dport") || t.startsWith("--sport")) {
                return null; // a rule that drops only some traffic
            }
            if ((t.equals("-I") || t.equals("--insert")) && i + 1 < argv.size()) {
                insert = true;
                chain = argv.get(i + 1).text();
            }
            if ((t.equals("-j") || t.equals("--jump")) && i + 1 < argv.size()) {
                drops = argv.get(i + 1).text().matches("DROP|REJECT");
            }
        }
        return insert && drops && chain != null && chain.matches("INPUT|OUTPUT")
                ? "first " + chain + " rule drops everything"
                : null;
    }

    /** {@code -F CHAIN} / {@code -X CHAIN}: the flush or deletion names one chain, the others stand. */
    static boolean namedChain(Invocation inv) {
        for (int i = 1; i + 1 < inv.size(); i++) {
            String t = inv.arg(i).text();
            if ((t.equals("-F") || t.equals("--flush") || t.equals("-X") || t.equals("--delete-chain"))
                    && !inv.arg(i + 1).startsWith("-")) {
                return true;
            }
        }
        return false;
    }

    /** Services that let anyone reach or log in to the machine. */
    private static final Pattern ACCESS_SERVICES = Pattern.compile(
            "(ssh|sshd|openssh-server|networking|network|NetworkManager|systemd-networkd|wpa_supplicant|dbus"
                    + "|getty@[^ ]*|serial-getty@[^ ]*|console-getty|systemd-logind)(\\.service|\\.socket)?");

    static @Nullable String stopsAccess(Invocation inv) {
        String n = inv.name();
        List<Arg> ops = inv.operands();
        if (n.equals("service")) {
            return ops.size() >= 2
                            && ACCESS_SERVICES.matcher(ops.get(0).text()).matches()
                            && ops.get(1).text().matches("stop")
                    ? ops.get(0).text() + " stopped"
                    : null;
        }
        if (ops.isEmpty()) {
            return null;
        }
        String verb = ops.get(0).text();
        boolean now = verb.equals("stop")
                || verb.equals("kill")
                || (verb.matches("mask|disable") && inv.hasOption('\0', "--now"));
        if (!now) {
            return null;
        }
        for (Arg a : ops.subList(1, ops.size())) {
            if (ACCESS_SERVICES.matcher(a.text()).matches()) {
                return verb + " " + a.text();
            }
        }
        return null;
    }

    /** The kernel runs a core_pattern that starts with '|' as a root program on every crash. */
    static @Nullable String corePatternPipe(Invocation inv) {
        for (Redir r : inv.redirects()) {
            if (r.writes() && Paths.normalize(r.target().text()).equals("/proc/sys/kernel/core_pattern")) {
                String text = SystemRules.written(inv).content();
                if (text != null && text.strip().startsWith("|")) {
                    return "core_pattern pipe";
                }
            }
        }
        if (inv.name().equals("sysctl")) {
            for (Arg a : inv.args()) {
                String t = a.text().replace('/', '.');
                if (t.startsWith("kernel.core_pattern=")
                        && t.substring(20).strip().startsWith("|")) {
                    return "kernel.core_pattern pipe";
                }
            }
        }
        return null;
    }

    private static final Set<String> ENDLESS_DEVICES = Set.of("/dev/zero", "/dev/urandom", "/dev/random");

    /** The invocation writes an endless stream (yes, /dev/zero…) into a regular file: it grows until the disk is full. */
    /** The invocation prints without end: yes, cat of /dev/zero, dd from /dev/zero without count=, tr reading it. */
    static boolean endless(Invocation inv) {
        String n = inv.name();
        return n.equals("yes")
                || (n.equals("cat") && inv.operands().stream().anyMatch(a -> ENDLESS_DEVICES.contains(a.text())))
                || (n.equals("dd")
                        && inv.args().stream()
                                .anyMatch(a -> a.startsWith("if=")
                                        && ENDLESS_DEVICES.contains(a.text().substring(3)))
                        && inv.args().stream()
                                .noneMatch(
                                        a -> a.startsWith("count=") || a.text().contains("count_bytes")))
                || (Set.of("cat", "tr", "pv").contains(n)
                        && inv.redirects().stream()
                                .anyMatch(r -> r.reads()
                                        && ENDLESS_DEVICES.contains(r.target().text())));
    }

    static @Nullable String fillsDisk(Invocation inv) {
        String n = inv.name();
        if (!n.equals("dd")
                && !n.equals("tee")
                && inv.redirects().stream().noneMatch(r -> r.writes() && fileTarget(r.target()))) {
            return null; // the common redirection (2>/dev/null, > out.txt) stops here
        }
        List<Invocation> up = inv.stdin().upstream();
        if (n.equals("tee") && !up.isEmpty() && endless(up.get(up.size() - 1))) {
            for (Arg a : inv.operands()) {
                if (fileTarget(a)) {
                    return "endless output teed into " + a.display();
                }
            }
        }
        if (!endless(inv)) {
            return null;
        }
        for (Redir r : inv.redirects()) {
            if (r.writes() && fileTarget(r.target())) {
                return "endless output into " + r.target().display();
            }
        }
        if (n.equals("dd")) {
            for (Arg a : inv.args()) {
                if (a.startsWith("of=") && fileTarget(a.withText(a.text().substring(3)))) {
                    return "endless dd into " + a.text().substring(3);
                }
            }
        }
        return null;
    }

    /**
     * A regular file on a shared file system: the root, scratch or home directories, whose filling stops the system or
     * every user (a file in the working tree, {@code yes > backingfile}, is the project's own business).
     */
    private static boolean fileTarget(Arg a) {
        String t = a.text();
        return Paths.place(a) != Paths.Place.TREE
                && !t.startsWith("/dev/")
                && !t.startsWith("/proc/")
                && !t.startsWith("/sys/")
                && !t.equals("-")
                && !t.isEmpty()
                && !t.startsWith("&");
    }

    private static final Set<String> KILLERS = Set.of("pkill", "killall", "killall5");

    static List<Rule> rules() {
        return List.of(
                killEveryProcess(),
                lockoutFirewallDropAll(),
                lockoutStopAccessService(),
                kernelCorePatternPipe(),
                dosFileLoop(),
                dosFillDisk());
    }

    private static Rule killEveryProcess() {
        return Rule.builder("kill.every-process")
                .says("killing every process: a name pattern that matches all names, or every pid ps lists")
                .on(KILLERS.toArray(new String[0]))
                .when(LockoutRules::killsEverything)
                .examples(
                        "pkill -9 .",
                        "pkill -f ''",
                        "killall -9 -r '.*'",
                        "killall5 -9",
                        "pkill -KILL -f '^'",
                        "ps -eo pid | xargs kill -9",
                        "ps aux | awk '{print $2}' | xargs kill -9")
                .counter(
                        "pkill -f myserver",
                        "pkill -9 nginx",
                        "killall -u bob .",
                        "killall5 -1",
                        "ps aux | grep java | awk '{print $2}' | xargs kill",
                        "ps -o pid= --ppid $PPID | xargs kill -9",
                        "pkill -HUP -f 'gunicorn.*'")
                .build();
    }

    private static Rule lockoutFirewallDropAll() {
        return Rule.builder("lockout.firewall-drop-all")
                .says(
                        "a firewall that drops all incoming or outgoing traffic (DROP policy, or a first rule dropping everything)")
                .on("iptables", "ip6tables", "iptables-legacy", "iptables-nft")
                .when(LockoutRules::firewallDropsAll)
                .examples(
                        "iptables -P INPUT DROP",
                        "iptables --policy OUTPUT REJECT",
                        "iptables -I INPUT -j DROP",
                        "ip6tables -I INPUT 1 -j DROP")
                .counter(
                        "iptables -P FORWARD DROP",
                        "iptables -A INPUT -s 1.2.3.4 -j DROP",
                        "iptables -I INPUT -p tcp --dport 22 -j ACCEPT",
                        "iptables -A INPUT -j DROP",
                        "iptables -L INPUT")
                .build();
    }

    private static Rule lockoutStopAccessService() {
        return Rule.builder("lockout.stop-access-service")
                .says(
                        "stopping, or masking/disabling with --now, the services that let anyone reach or log in to the machine")
                .on("systemctl", "service")
                .when(LockoutRules::stopsAccess)
                .examples(
                        "systemctl stop sshd",
                        "systemctl mask --now ssh.service",
                        "systemctl disable --now NetworkManager",
                        "service networking stop",
                        "systemctl mask --now getty@tty1")
                .counter(
                        "systemctl restart sshd",
                        "systemctl disable ssh",
                        "systemctl stop nginx",
                        "systemctl status ssh",
                        "service ssh restart")
                .build();
    }

    private static Rule kernelCorePatternPipe() {
        return Rule.builder("kernel.core-pattern-pipe")
                .says("kernel.core_pattern set to a pipe: the kernel runs that program as root on every crash")
                .onAny(Rule.Gate.programsOrRedirect(Set.of("sysctl")))
                .when(LockoutRules::corePatternPipe)
                .examples(
                        "sysctl -w kernel.core_pattern='|/tmp/x %p'", "echo '|/tmp/h' > /proc/sys/kernel/core_pattern")
                .counter(
                        "sysctl -w kernel.core_pattern=core.%p",
                        "echo core > /proc/sys/kernel/core_pattern", "sysctl kernel.core_pattern")
                .build();
    }

    private static Rule dosFileLoop() {
        return Rule.builder(io.clituner.guardrails.internal.analysis.LoopEffects.FILE_LOOP)
                .structural()
                .says(
                        "an endless loop that creates a new file on every pass with nothing pacing it: fills the disk or its inodes")
                .examples(
                        "while true; do mktemp; done",
                        "while :; do touch /tmp/f$RANDOM; done",
                        "for ((;;)); do mkdir /tmp/d$((i++)); done",
                        "until false; do date > /tmp/x.$RANDOM; done")
                .counter(
                        "while true; do date >> log.txt; sleep 60; done",
                        "while read f; do touch \"$f\"; done < list",
                        "while true; do mktemp; sleep 1; done")
                .build();
    }

    private static Rule dosFillDisk() {
        return Rule.builder("dos.fill-disk")
                .says(
                        "an endless stream (yes, /dev/zero, /dev/urandom) written into a file without a bound: fills the disk")
                .onAny(Rule.Gate.programsOrRedirect(Set.of("dd", "tee")))
                .when(LockoutRules::fillsDisk)
                .examples(
                        "yes > /tmp/fill",
                        "cat /dev/zero > ~/fill",
                        "dd if=/dev/zero of=/var/tmp/x",
                        "tr '\\0' x < /dev/zero > /var/tmp/big",
                        "cat /dev/urandom >> ~/data.bin",
                        "yes | tee /tmp/y > /dev/null")
                .counter(
                        "dd if=/dev/zero of=disk.img bs=1M count=1024",
                        "yes | head -n 5",
                        "yes > /dev/null",
                        "head -c 1M /dev/urandom > rand.bin",
                        "cat /dev/zero > /dev/sdb",
                        "yes > backingfile &")
                .build();
    }
}
