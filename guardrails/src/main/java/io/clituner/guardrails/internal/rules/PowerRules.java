package io.clituner.guardrails.internal.rules;

import io.clituner.guardrails.internal.analysis.Invocation;
import io.clituner.guardrails.internal.expand.Arg;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Power state. Powering off, halting or switching to a rescue or emergency mode leaves the machine unreachable until
 * someone is at its console (DANGEROUS); a reboot brings it back, so {@code sudo reboot} is consequential but
 * legitimate (REVIEW).
 */
final class PowerRules {
    private PowerRules() {}

    private static final Set<String> TARGETS = Set.of("poweroff", "reboot", "halt", "kexec", "emergency", "rescue");

    /** What a shutdown-family command does to the machine (power-off, halt, reboot, rescue…), or null. */
    static @Nullable String shutdownDetail(Invocation inv) {
        String n = inv.name();
        if (inv.hasOption('\0', "--help", "--version")) {
            return null;
        }
        return switch (n) {
            case "shutdown" -> inv.hasOption('c') || inv.hasOption('k') ? null : "shutdown";
            case "reboot", "poweroff", "halt", "openrc-shutdown" -> inv.hasOption('\0', "--wtmp-only") ? null : n;
            case "init", "telinit", "runit-init" ->
                inv.size() > 1
                                && Set.of("0", "6", "halt", "reboot", "poweroff")
                                        .contains(inv.arg(1).text())
                        ? n + " " + inv.arg(1).text()
                        : null;
            case "kexec" -> null;
            default -> targetDetail(inv, n);
        };
    }

    /** systemctl, loginctl and the like: a power target among the operands, unless the command cancels one. */
    private static @Nullable String targetDetail(Invocation inv, String n) {
        if (inv.args().stream().anyMatch(a -> a.is("cancel") || a.is("--when=cancel"))) {
            return null;
        }
        for (Arg a : inv.operands()) {
            if (TARGETS.contains(a.text())) {
                return n + " " + a.text();
            }
            if (a.text().matches("(rescue|emergency|poweroff|reboot|halt|runlevel[016])(\\.target)?")
                    && inv.operands().get(0).is("isolate")) {
                return "isolate " + a.text();
            }
        }
        return null;
    }

    /** The command restarts the machine rather than leaving it off or in a rescue mode. */
    static boolean reboots(Invocation inv) {
        String n = inv.name();
        if (inv.hasOption('p', "--poweroff") || (inv.hasOption('H', "--halt") && !n.equals("halt"))) {
            return false;
        }
        return switch (n) {
            case "reboot" -> true;
            case "shutdown" -> inv.hasOption('r', "--reboot");
            case "halt", "poweroff" -> inv.hasOption('\0', "--reboot");
            case "init", "telinit" ->
                inv.size() > 1 && (inv.arg(1).is("6") || inv.arg(1).is("reboot"));
            default ->
                inv.operands().stream().anyMatch(a -> a.text().matches("(reboot|kexec|soft-reboot)(\\.target)?"));
        };
    }

    private static final String[] PROGRAMS = {
        "shutdown",
        "reboot",
        "poweroff",
        "halt",
        "init",
        "telinit",
        "systemctl",
        "loginctl",
        "kexec",
        "openrc-shutdown",
        "runit-init"
    };

    static List<Rule> rules() {
        return List.of(
                Rule.builder("power.shutdown")
                        .says(
                                "powering off or halting the machine, or switching it to a rescue mode: it stays unreachable")
                        .on(PROGRAMS)
                        .when(inv -> reboots(inv) ? null : shutdownDetail(inv))
                        .examples(
                                "shutdown -h now",
                                "poweroff",
                                "init 0",
                                "systemctl poweroff",
                                "systemctl isolate rescue.target",
                                "halt -f",
                                "reboot --poweroff",
                                "sudo shutdown -P +5")
                        .counter(
                                "shutdown -c",
                                "systemctl status nginx",
                                "init --version",
                                "sudo reboot",
                                "shutdown -r now")
                        .build(),
                Rule.builder("review.reboot")
                        .review()
                        .says("rebooting the machine: consequential, but it comes back")
                        .on(PROGRAMS)
                        .when(inv -> reboots(inv) ? shutdownDetail(inv) : null)
                        .examples("sudo reboot", "shutdown -r now", "systemctl reboot", "telinit 6")
                        .counter("shutdown -h now", "systemctl status nginx")
                        .build());
    }
}
