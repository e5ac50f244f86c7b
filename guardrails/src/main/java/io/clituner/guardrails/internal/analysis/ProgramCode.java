package io.clituner.guardrails.internal.analysis;

import io.clituner.guardrails.internal.expand.Arg;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Code that programs run from their environment, their options and their arguments rather than from a {@code -c}:
 * a pager, editor or SSH command named by a variable ({@code LESSOPEN='|CMD %s'}, {@code GIT_SSH_COMMAND}), hook
 * options ({@code apt-get -o APT::Update::Pre-Invoke::=CMD}, {@code dpkg --pre-invoke=CMD}, {@code man -P CMD}),
 * client shell escapes ({@code sqlite3 DB '.shell CMD'}, {@code psql -c '\! CMD'}, {@code mysql -e 'system CMD'}),
 * runners of shell strings ({@code npx -c CMD}, {@code ansible -m shell -a CMD}, {@code emacs --eval
 * '(shell-command "CMD")'}) and {@code parallel ::: CMD…} without a command. Each value is code: the walker analyses
 * it as bash. Tables, so that a new program is one row.
 */
public final class ProgramCode {
    private ProgramCode() {}

    /**
     * Variables whose value some program runs through the shell (pagers, editors, diff and SSH commands, browsers,
     * less's input preprocessor). PROMPT_COMMAND has its own rule in the walker.
     */
    private static final Set<String> CODE_VARIABLES = Set.of(
            "LESSOPEN",
            "LESSCLOSE",
            "PAGER",
            "MANPAGER",
            "GIT_PAGER",
            "SYSTEMD_PAGER",
            "PSQL_PAGER",
            "MYSQL_PAGER",
            "BAT_PAGER",
            "DELTA_PAGER",
            "EDITOR",
            "VISUAL",
            "GIT_EDITOR",
            "GIT_SEQUENCE_EDITOR",
            "SUDO_EDITOR",
            "KUBE_EDITOR",
            "FCEDIT",
            "SVN_EDITOR",
            "HGEDITOR",
            "GIT_SSH_COMMAND",
            "GIT_EXTERNAL_DIFF",
            "GIT_PROXY_COMMAND",
            "RSYNC_RSH",
            "CVS_RSH",
            "BROWSER",
            "GIT_ASKPASS",
            "SSH_ASKPASS",
            "SUDO_ASKPASS",
            "BASH_ENV");

    /** The shell code a variable assignment arms, or null when the variable is not one programs run. */
    public static @Nullable String variableCode(String name, String value) {
        if (!CODE_VARIABLES.contains(name) || value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (name.equals("BASH_ENV")) { // a file every non-interactive bash sources first
            return ". " + quote(v);
        }
        if (name.equals("LESSOPEN") || name.equals("LESSCLOSE")) { // "|CMD %s" and "||CMD %s" pipe; "CMD %s" too
            while (v.startsWith("|") || v.startsWith("-")) {
                v = v.substring(1).strip();
            }
        }
        return v;
    }

    /** apt's configuration keys whose value is a shell command (hooks run around updates and dpkg runs). */
    private static final Pattern APT_HOOK = Pattern.compile(
            "(?i)(?:apt::update::(?:pre|post)-invoke(?:-success)?|dpkg::(?:pre|post)-invoke|dpkg::pre-install-pkgs"
                    + "|apt::install::(?:pre|post)-invoke|dpkg::post-invoke-success)(?:::)?\\s*=\\s*(.*)",
            Pattern.DOTALL);

    /** Option spellings whose value is a shell command, per program: option → (where "=" also allowed). */
    private static final Map<String, Set<String>> CODE_OPTIONS = Map.of(
            "man", Set.of("-P", "--pager"),
            "mysql", Set.of("--pager"),
            "mariadb", Set.of("--pager"),
            "dpkg", Set.of("--pre-invoke", "--post-invoke"),
            "npx", Set.of("-c", "--call"),
            "pnpx", Set.of("-c", "--call"));

    /** Client programs whose statements may escape to the shell, and the statement prefixes that do. */
    private static final Map<String, List<String>> SHELL_ESCAPES = Map.of(
            "sqlite3", List.of(".shell ", ".system "),
            "psql", List.of("\\! "),
            "mysql", List.of("\\! ", "system "),
            "mariadb", List.of("\\! ", "system "));

    /** Every program {@link #of} looks at. */
    private static final Set<String> NAMES = Set.of(
            "apt",
            "apt-get",
            "aptitude",
            "apt-cache",
            "ansible",
            "emacs",
            "emacsclient",
            "npm",
            "pnpm",
            "man",
            "mysql",
            "mariadb",
            "dpkg",
            "npx",
            "pnpx",
            "sqlite3",
            "psql");

    /** ansible/ansible-playbook modules whose argument string is a shell command. */
    private static final Set<String> ANSIBLE_SHELL_MODULES = Set.of(
            "shell",
            "command",
            "raw",
            "ansible.builtin.shell",
            "ansible.builtin.command",
            "ansible.builtin.raw",
            "script");

    private static final Pattern EMACS_SHELL = Pattern.compile(
            "\\((?:shell-command|async-shell-command|shell-command-to-string|call-process-shell-command)\\s+\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** The shell code an invocation runs through its options and arguments (not its -c, wrappers or stdin). */
    public static List<Nested> of(Invocation inv) {
        String name = inv.name();
        if (!NAMES.contains(name)) {
            return List.of();
        }
        List<Nested> out = new ArrayList<>();
        switch (name) {
            case "apt", "apt-get", "aptitude", "apt-cache" -> aptHooks(inv, out);
            case "ansible" -> ansible(inv, out);
            case "emacs", "emacsclient" -> emacs(inv, out);
            case "npm", "pnpm" -> {
                if (inv.size() > 2 && inv.arg(1).is("exec")) {
                    optionValues(inv, Set.of("-c", "--call"), name + " exec -c", out);
                }
            }
            default -> {}
        }
        Set<String> opts = CODE_OPTIONS.get(name);
        if (opts != null) {
            optionValues(inv, opts, name + " option", out);
        }
        List<String> escapes = SHELL_ESCAPES.get(name);
        if (escapes != null) {
            shellEscapes(inv, escapes, out);
        }
        return out;
    }

    /** {@code -o KEY::=CMD}, {@code -oKEY=CMD}, {@code --option KEY=CMD} with an apt hook key. */
    private static void aptHooks(Invocation inv, List<Nested> out) {
        for (int k = 1; k < inv.size(); k++) {
            Arg a = inv.arg(k);
            String t = a.text();
            Arg v = null;
            if ((t.equals("-o") || t.equals("--option")) && k + 1 < inv.size()) {
                v = inv.arg(++k);
            } else if (t.startsWith("-o") && t.length() > 2) {
                v = a.withText(t.substring(2));
            } else if (t.startsWith("--option=")) {
                v = a.withText(t.substring(9));
            }
            if (v != null) {
                Matcher m = APT_HOOK.matcher(v.text().strip());
                if (m.matches() && !m.group(1).isBlank()) {
                    out.add(code(v, unquote(m.group(1)), "apt hook"));
                }
            }
        }
    }

    /** {@code ansible HOSTS -m shell -a 'CMD'} (and {@code -a} alone: the default module is command). */
    private static void ansible(Invocation inv, List<Nested> out) {
        String module = "command";
        Arg args = null;
        for (int k = 1; k + 1 < inv.size(); k++) {
            String t = inv.arg(k).text();
            if (t.equals("-m") || t.equals("--module-name")) {
                module = inv.arg(k + 1).text();
            } else if (t.equals("-a") || t.equals("--args")) {
                args = inv.arg(k + 1);
            }
        }
        if (args != null && ANSIBLE_SHELL_MODULES.contains(module)) {
            out.add(code(args, args.text(), "ansible -m " + module));
        }
    }

    private static void emacs(Invocation inv, List<Nested> out) {
        for (int k = 1; k < inv.size(); k++) {
            String t = inv.arg(k).text();
            Arg expr = t.equals("--eval") && k + 1 < inv.size()
                    ? inv.arg(k + 1)
                    : t.startsWith("--eval=") ? inv.arg(k).withText(t.substring(7)) : null;
            if (expr != null) {
                Matcher m = EMACS_SHELL.matcher(expr.text());
                while (m.find()) {
                    out.add(code(expr, m.group(1).replace("\\\"", "\"").replace("\\\\", "\\"), "emacs shell-command"));
                }
            }
        }
    }

    private static void optionValues(Invocation inv, Set<String> opts, String via, List<Nested> out) {
        for (int k = 1; k < inv.size(); k++) {
            Arg a = inv.arg(k);
            String t = a.text();
            int eq = t.indexOf('=');
            if (opts.contains(t) && k + 1 < inv.size()) {
                Arg v = inv.arg(++k);
                out.add(code(v, v.text(), via));
            } else if (t.startsWith("--") && eq > 0 && opts.contains(t.substring(0, eq))) {
                out.add(code(a, t.substring(eq + 1), via));
            } else if (t.length() > 2 && !t.startsWith("--") && opts.contains(t.substring(0, 2))) {
                out.add(code(a, t.substring(2), via)); // -PCMD
            }
        }
    }

    /** Statements in the arguments that escape to the shell ({@code .shell CMD}, {@code \! CMD}). */
    private static void shellEscapes(Invocation inv, List<String> escapes, List<Nested> out) {
        for (int k = 1; k < inv.size(); k++) {
            Arg a = inv.arg(k);
            for (String stmt : a.text().split("[;\n]")) {
                String s = stmt.strip();
                for (String e : escapes) {
                    if (s.toLowerCase(Locale.ROOT).startsWith(e) && s.length() > e.length()) {
                        out.add(code(a, s.substring(e.length()), inv.name() + " shell escape"));
                    }
                }
            }
        }
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static String unquote(String s) {
        String t = s.strip();
        if (t.length() >= 2 && (t.charAt(0) == '"' || t.charAt(0) == '\'') && t.charAt(t.length() - 1) == t.charAt(0)) {
            return t.substring(1, t.length() - 1);
        }
        return t;
    }

    private static Nested.Code code(Arg a, String text, String via) {
        return new Nested.Code(text, a.origin(), List.of(), a.start(), a.end(), via);
    }
}
