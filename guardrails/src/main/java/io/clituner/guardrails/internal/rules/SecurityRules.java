package io.clituner.guardrails.internal.rules;

import io.clituner.guardrails.internal.analysis.Invocation;
import io.clituner.guardrails.internal.expand.Arg;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Security controls turned off: firewall flushes, SELinux/AppArmor/auditing switched off, security and logging
 * daemons stopped or killed, kernel hardening undone. {@link SystemRules#rules()} places these rules in the book.
 */
final class SecurityRules {
    private static final Pattern SIGNAL_OPTION = Pattern.compile("^--?(signal[= ]?|s)?");
    private static final Pattern SIG_PREFIX = Pattern.compile("^SIG");
    private static final Pattern HARMLESS_SIGNAL = Pattern.compile("HUP|USR1|USR2|CONT|WINCH|0|1|10|12|18");
    private static final Pattern KERNEL_HARDENING_OFF =
            Pattern.compile("kernel\\.(randomize_va_space|yama\\.ptrace_scope|kptr_restrict|dmesg_restrict)=0");
    private static final Pattern SELINUX_OFF = Pattern.compile("(?s).*SELINUX=(disabled|permissive).*");
    private static final java.util.Set<String> STOP_VERBS = Set.of("stop", "disable", "mask", "kill");
    /** Daemons that enforce or record security: stopping or killing one blinds the defenders. */
    private static final String SECURITY_SERVICES =
            "(firewalld|ufw|iptables|ip6tables|nftables|apparmor|auditd|selinux|fail2ban"
                    + "|rsyslog|rsyslogd|syslog|syslog-ng|systemd-journald|journald|auditbeat|filebeat|osqueryd|wazuh-agent"
                    + "|ossec|falcon-sensor|falco|clamav-daemon|clamd|aide|sysmon|crowdstrike|sshguard|snort|suricata|tripwire)";

    private static final Pattern SECURITY_SERVICE = Pattern.compile(SECURITY_SERVICES);
    private static final Pattern SECURITY_UNIT = Pattern.compile(SECURITY_SERVICES + "(\\.service)?");

    private SecurityRules() {}

    static Rule securityFirewallOff() {
        return Rule.builder("security.firewall-off")
                .says("flushing the firewall or turning off SELinux, AppArmor or auditing")
                .on(
                        "iptables",
                        "ip6tables",
                        "iptables-legacy",
                        "iptables-nft",
                        "nft",
                        "ufw",
                        "setenforce",
                        "systemctl",
                        "service",
                        "auditctl",
                        "aa-teardown",
                        "firewall-cmd",
                        "pfctl",
                        "netsh")
                .when(SecurityRules::firewallOff)
                .examples(
                        "iptables -F",
                        "sudo ufw disable",
                        "setenforce 0",
                        "nft flush ruleset",
                        "systemctl stop firewalld",
                        "iptables -P INPUT ACCEPT -F",
                        "auditctl -e 0",
                        "ufw default allow incoming",
                        "systemctl stop rsyslog",
                        "service syslog-ng stop")
                .counter(
                        "iptables -L",
                        "ufw status",
                        "systemctl stop nginx",
                        "ufw default allow outgoing",
                        "systemctl status auditd",
                        "sudo aa-teardown")
                .build();
    }

    /** What turns a firewall, a mandatory access control or auditing off, per program; null when nothing does. */
    static @Nullable String firewallOff(Invocation inv) {
        String n = inv.name();
        return switch (n) {
            case "iptables", "ip6tables", "iptables-legacy", "iptables-nft" -> iptablesFlush(inv, n);
            case "nft" -> inv.hasArg("flush") && inv.hasArg("ruleset") ? "nft flush ruleset" : null;
            case "ufw" -> ufwOff(inv);
            case "setenforce" ->
                inv.hasArg("0") || inv.hasArg("Permissive") || inv.hasArg("permissive") ? "setenforce 0" : null;
            case "auditctl" ->
                inv.args().stream().anyMatch(a -> a.is("0")) && inv.hasOption('e') ? "auditctl -e 0" : null;
            case "pfctl" -> inv.hasOption('d') || inv.hasArg("-F") ? "pfctl" : null;
            case "firewall-cmd" -> null; // never matched: kept out of the default branch
            default -> securityServiceStopped(inv, n);
        };
    }

    /** iptables -F / -X / -P INPUT ACCEPT: the whole rule set goes (one named chain does not count). */
    private static @Nullable String iptablesFlush(Invocation inv, String n) {
        if (LockoutRules.namedChain(inv)) {
            return null; // iptables -F DOCKER-USER: one chain, the rest stand
        }
        return inv.hasOption('F', "--flush")
                        || (inv.hasOption('X', "--delete-chain") && !inv.hasOption('N'))
                        || (inv.hasOption('P', "--policy") && inv.hasArg("ACCEPT") && inv.hasArg("INPUT"))
                ? n + " flush"
                : null;
    }

    private static @Nullable String ufwOff(Invocation inv) {
        if (inv.hasArg("default") && inv.hasArg("allow") && !inv.hasArg("outgoing")) {
            return "ufw default allow (incoming)";
        }
        return (inv.hasArg("disable") || inv.hasArg("reset")) && !inv.hasArg("--dry-run") ? "ufw disable" : null;
    }

    /** systemctl/service stopping a firewall, SELinux, AppArmor, audit or logging unit. */
    private static @Nullable String securityServiceStopped(Invocation inv, String n) {
        boolean stop = inv.args().stream().anyMatch(a -> STOP_VERBS.contains(a.text()));
        boolean fw = inv.args().stream()
                .anyMatch(a -> SECURITY_UNIT.matcher(a.text()).matches());
        return stop && fw ? n + " stop security service" : null;
    }

    static Rule securityKillDaemon() {
        return Rule.builder("security.kill-daemon")
                .says("killing a security or logging daemon (auditd, syslog, journald, EDR agents)")
                .on("kill", "pkill", "killall")
                .when(inv -> {
                    if (inv.name().equals("kill")) {
                        return null; // kill takes pids, not names
                    }
                    for (Arg a : inv.args()) {
                        String sig = SIG_PREFIX
                                .matcher(SIGNAL_OPTION.matcher(a.text()).replaceFirst(""))
                                .replaceFirst("");
                        if (a.startsWith("-") && HARMLESS_SIGNAL.matcher(sig).matches()) {
                            return null; // reload, rotate or status signals keep the daemon running
                        }
                    }
                    for (Arg a : inv.operands()) {
                        if (SECURITY_SERVICE.matcher(a.text()).matches()) {
                            return inv.name() + " " + a.text();
                        }
                    }
                    return null;
                })
                .examples("pkill -9 auditd", "killall rsyslogd", "sudo pkill -f falcon-sensor")
                .counter("pkill -9 firefox", "killall -HUP nginx", "pkill -HUP rsyslogd", "killall -USR1 auditd")
                .build();
    }

    static Rule securityWeakenKernel() {
        return Rule.builder("security.weaken-kernel")
                .says("turning off kernel or MAC protections: ASLR, ptrace scope, SELinux in its config file")
                .onAny(SystemRules.WRITES.plus("sysctl"))
                .when(inv -> {
                    String n = inv.name();
                    if (n.equals("sysctl")) {
                        for (Arg a : inv.args()) {
                            if (KERNEL_HARDENING_OFF
                                    .matcher(a.text().replace(" ", ""))
                                    .matches()) {
                                return a.text();
                            }
                        }
                        return null;
                    }
                    String content = SystemRules.written(inv).content();
                    for (Arg a : SystemRules.writtenPaths(inv)) {
                        if ((a.is("/proc/sys/kernel/randomize_va_space") || a.is("/proc/sys/kernel/yama/ptrace_scope"))
                                && content != null
                                && content.strip().equals("0")) {
                            return a.display();
                        }
                        if (a.is("/etc/selinux/config")) {
                            String script = n.equals("sed") || n.equals("perl")
                                    ? String.join(
                                            " ",
                                            inv.args().stream().map(Arg::text).toList())
                                    : content;
                            if (script != null && SELINUX_OFF.matcher(script).matches()) {
                                return a.display();
                            }
                        }
                    }
                    return null;
                })
                .examples(
                        "sysctl -w kernel.randomize_va_space=0",
                        "echo 0 > /proc/sys/kernel/randomize_va_space",
                        "sed -i 's/SELINUX=enforcing/SELINUX=disabled/' /etc/selinux/config",
                        "echo 0 | sudo tee /proc/sys/kernel/yama/ptrace_scope")
                .counter(
                        "sysctl -w vm.swappiness=10",
                        "cat /proc/sys/kernel/randomize_va_space",
                        "echo 2 > /proc/sys/kernel/randomize_va_space",
                        "grep SELINUX= /etc/selinux/config")
                .build();
    }
}
