package io.clituner.guardrails.internal.analysis;

import io.clituner.guardrails.internal.expand.Arg;

/**
 * When a program name is unknown ({@code $x -rf /}), the walker tries likely programs; this keeps
 * the guess honest by requiring the arguments to have that program's typical shape, so
 * {@code $EDITOR /etc/hosts} is not judged as {@code rm /etc/hosts}.
 */
final class Speculation {
    private Speculation() {}

    static boolean plausible(String candidate, Invocation inv) {
        return switch (candidate) {
            case "rm" -> any(inv, "-[rRfvid]*[rRf][rRfvid]*|--recursive|--force|--no-preserve-root");
            case "chmod", "chown", "chgrp" -> any(inv, "-R|--recursive|-[a-zA-Z]*R[a-zA-Z]*");
            case "dd" -> any(inv, "of=.*");
            case "mkfs", "shred", "wipefs" -> any(inv, "/dev/.*");
            case "sh", "bash" ->
                any(inv, "-[a-z]*c[a-z]*|-i|-s")
                        || inv.stdin().piped()
                        || inv.redirects().stream().anyMatch(r -> r.target().startsWith("/dev/tcp/"));
            case "nc" -> any(inv, "-e|-c|--exec|--sh-exec");
            case "python", "perl" -> any(inv, "-c|-e|-E");
            case "kill" -> any(inv, "-1") && any(inv, "-9|-KILL|-SIGKILL|--");
            case "find" -> any(inv, "-delete|-exec|-execdir|-ok");
            case "crontab" -> inv.size() == 2 && any(inv, "-r");
            case "history" -> inv.size() == 2 && any(inv, "-c");
            default -> false;
        };
    }

    private static boolean any(Invocation inv, String regex) {
        for (Arg a : inv.args()) {
            if (a.resolved() && a.text().matches(regex)) {
                return true;
            }
        }
        return false;
    }
}
