package io.clituner.guardrails.internal.rules;

import io.clituner.guardrails.internal.analysis.Invocation;
import io.clituner.guardrails.internal.analysis.Paths;
import io.clituner.guardrails.internal.expand.Arg;
import io.clituner.guardrails.internal.expand.Origin;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Persistence that needs no network code in the written text: an alias or function planted in a start-up file that
 * shadows a program people type their passwords into, and a system alternative pointed at a scratch or unknown file.
 */
final class PersistenceRules {
    private PersistenceRules() {}

    /** Programs that read a password or key from the user: shadowing one captures it. */
    private static final Set<String> CREDENTIAL_PROGRAMS = Set.of(
            "sudo", "su", "doas", "ssh", "scp", "sftp", "passwd", "login", "gpg", "ssh-add", "kinit", "pkexec", "mysql",
            "psql", "git");

    /** {@code alias NAME=VALUE} or {@code NAME() {} / function NAME {}} in shell text. */
    private static final Pattern ALIAS =
            Pattern.compile("(?:^|[;&|\\n]|\\s)alias\\s+([A-Za-z0-9_.-]+)=(['\"]?)(.*?)\\2(?:$|[;\\n])");

    private static final Pattern FUNCTION = Pattern.compile(
            "(?:^|[;&|\\n]|\\s)(?:function\\s+([A-Za-z0-9_.-]+)|([A-Za-z0-9_.-]+)\\s*\\(\\s*\\))\\s*\\{(.*)");

    /** The credential program an alias or function in this text shadows with something that is not that program. */
    static @Nullable String shadowed(String text) {
        Matcher m = ALIAS.matcher(text);
        while (m.find()) {
            String name = m.group(1);
            String body = m.group(3).strip();
            if (CREDENTIAL_PROGRAMS.contains(name) && !runsItself(name, body)) {
                return "alias " + name;
            }
        }
        Matcher f = FUNCTION.matcher(text);
        while (f.find()) {
            String name = f.group(1) != null ? f.group(1) : f.group(2);
            if (CREDENTIAL_PROGRAMS.contains(name)
                    && !runsItself(name, f.group(3).strip())) {
                return "function " + name;
            }
        }
        return null;
    }

    /** The body only adds options to the program itself ({@code sudo -E}, {@code command ssh -A "$@"}). */
    private static boolean runsItself(String name, String body) {
        String b = body.replaceFirst("^(command|builtin|\\\\)\\s*", "");
        return (b.equals(name)
                        || b.startsWith(name + " ")
                        || b.startsWith("/usr/bin/" + name)
                        || b.startsWith("/bin/" + name))
                && !b.matches(".*(\\||>|;|&&|\\$\\(|`).*");
    }

    static @Nullable String aliasInStartupFile(Invocation inv) {
        if (inv.treeWalk() || inv.name().equals("rm")) {
            return null;
        }
        String text = SystemRules.written(inv).content();
        String hit = text == null || (!text.contains("alias") && !text.contains("(") && !text.contains("function"))
                ? null
                : shadowed(text);
        String target = hit == null ? null : SystemRules.firstMatch(SystemRules.writtenPaths(inv), Paths.STARTUP);
        return target == null ? null : hit + " planted in " + target;
    }

    /** update-alternatives --install LINK NAME PATH PRIORITY (or --set NAME PATH) with PATH in a scratch dir or unknown. */
    static @Nullable String scratchAlternative(Invocation inv) {
        List<Arg> argv = inv.argv();
        for (int i = 1; i < argv.size(); i++) {
            Arg path = null;
            if (argv.get(i).is("--install") && i + 3 < argv.size()) {
                path = argv.get(i + 3);
            } else if (argv.get(i).is("--set") && i + 2 < argv.size()) {
                path = argv.get(i + 2);
            }
            if (path != null
                    && (Paths.place(path) == Paths.Place.TEMP
                            || path.origin().compareTo(Origin.DECODED) >= 0
                            || (path.hasUnknown()
                                    && !path.text().startsWith("/usr/")
                                    && !path.text().startsWith("/opt/")))) {
                return path.display();
            }
        }
        return null;
    }

    static List<Rule> rules() {
        return List.of(
                Rule.builder("persist.shadow-credential-program")
                        .says(
                                "an alias or function planted in a start-up file that replaces a program people type passwords "
                                        + "into (sudo, su, ssh, passwd, gpg…) with something else")
                        .onAny(SystemRules.WRITES)
                        .when(PersistenceRules::aliasInStartupFile)
                        .examples(
                                "echo \"alias sudo='/tmp/s'\" >> ~/.bashrc",
                                "echo 'alias ssh=\"strace -o /tmp/l ssh\"' >> ~/.zshrc",
                                "printf 'sudo() { read -s p; echo $p > /tmp/.p; }\\n' >> ~/.bashrc",
                                "echo \"alias su='python3 /var/tmp/x.py'\" >> ~/.bash_profile")
                        .counter(
                                "echo \"alias ll='ls -la'\" >> ~/.bashrc",
                                "echo \"alias sudo='sudo '\" >> ~/.bashrc",
                                "echo 'alias ssh=\"ssh -A\"' >> ~/.zshrc",
                                "echo \"alias gs='git status'\" >> ~/.bashrc")
                        .build(),
                Rule.builder("persist.alternative-scratch")
                        .says(
                                "a system alternative (update-alternatives) pointed at a file in a scratch directory or unknown")
                        .on("update-alternatives", "alternatives")
                        .when(PersistenceRules::scratchAlternative)
                        .examples(
                                "update-alternatives --install /usr/bin/python python /tmp/p 100",
                                "sudo update-alternatives --set editor /dev/shm/e")
                        .counter(
                                "update-alternatives --install /usr/bin/python python /usr/bin/python3.11 1",
                                "update-alternatives --config java",
                                "update-alternatives --set editor /usr/bin/vim.basic")
                        .build());
    }
}
