package io.clituner.guardrails.internal.analysis;

import io.clituner.guardrails.internal.expand.Arg;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Options of networking and archiving tools that run commands: git -c aliases and core.sshCommand, ssh remote
 * commands and ProxyCommand, tar --checkpoint-action/--to-command, socat EXEC/SYSTEM addresses, nc -e/-c.
 */
final class NestingRemote {
    private NestingRemote() {}

    /** Config keys whose value git runs through the shell. */
    static final Set<String> GIT_CODE_KEYS = Set.of(
            "core.sshcommand",
            "core.pager",
            "core.editor",
            "core.fsmonitor",
            "sequence.editor",
            "diff.external",
            "gpg.program",
            "core.askpass",
            "credential.helper",
            "pager.log",
            "pager.diff",
            "pager.show",
            "pager.branch",
            "core.hookspath",
            "merge.tool",
            "uploadpack.packobjectshook");

    static List<Nested> git(Invocation inv) {
        List<Nested> out = new ArrayList<>();
        List<Arg> argv = inv.argv();
        for (int i = 1; i < argv.size(); i++) {
            String t = argv.get(i).text();
            String kv = null;
            boolean stored = false; // git config writes the setting: its code runs later, in every future git command
            Arg src = argv.get(i);
            if (t.equals("-c") && i + 1 < argv.size()) {
                src = argv.get(i + 1);
                kv = src.text();
            } else if (t.startsWith("-c") && t.length() > 2) {
                kv = t.substring(2);
            } else if (t.equals("config") && i + 2 < argv.size()) {
                int k = i + 1;
                while (k < argv.size() && argv.get(k).text().startsWith("--")) {
                    k++;
                }
                if (k + 1 < argv.size()) {
                    src = argv.get(k + 1);
                    kv = argv.get(k).text() + "=" + src.text();
                    stored = true;
                }
            }
            if (kv == null || kv.indexOf('=') < 0) {
                continue;
            }
            String key = kv.substring(0, kv.indexOf('=')).toLowerCase(Locale.ROOT);
            String value = kv.substring(kv.indexOf('=') + 1);
            if (key.startsWith("alias.") && value.startsWith("!")) {
                out.add(new Nested.Code(
                        value.substring(1), src.origin(), List.of(), src.start(), src.end(), "git alias"));
            } else if (GIT_CODE_KEYS.contains(key)
                    || key.startsWith("filter.")
                    || key.endsWith(".cmd")
                    || key.endsWith(".command")
                    || key.endsWith(".textconv")) {
                out.add(new Nested.Code(
                        value.startsWith("!") ? value.substring(1) : value,
                        src.origin(),
                        List.of(),
                        src.start(),
                        src.end(),
                        (stored ? "code written to git config " : "git ") + key));
            }
        }
        return out;
    }

    static final Set<String> SSH_CODE_OPTIONS =
            Set.of("proxycommand", "localcommand", "knownhostscommand", "remotecommand");

    static List<Nested> ssh(Invocation inv, String name) {
        List<Nested> out = new ArrayList<>();
        List<Arg> argv = inv.argv();
        int i = 1;
        String valueLetters = "BbcDEeFIiJLlmOoPpQRSWw";
        while (i < argv.size()) {
            Arg a = argv.get(i);
            String t = a.text();
            if (t.equals("--")) {
                i++;
                break;
            }
            if (t.startsWith("-") && t.length() > 1) {
                String opt = null;
                if (t.startsWith("-o")) {
                    if (t.length() > 2) {
                        opt = t.substring(2);
                    } else if (i + 1 < argv.size()) {
                        a = argv.get(++i);
                        opt = a.text();
                    }
                }
                if (opt != null) {
                    int sep = indexOfSep(opt);
                    if (sep > 0
                            && SSH_CODE_OPTIONS.contains(opt.substring(0, sep).toLowerCase(Locale.ROOT))) {
                        out.add(new Nested.Code(
                                opt.substring(sep + 1).trim().replaceFirst("^=", ""),
                                a.origin(),
                                List.of(),
                                a.start(),
                                a.end(),
                                name + " -o"));
                    }
                    i++;
                    continue;
                }
                char last = t.charAt(t.length() - 1);
                boolean takes = valueLetters.indexOf(last) >= 0 && t.length() == 2;
                i += takes ? 2 : 1;
                continue;
            }
            break;
        }
        if (name.equals("ssh") && i + 1 < argv.size()) {
            out.add(NestingShells.join(inv, i + 1, "ssh remote command"));
        }
        return out;
    }

    static int indexOfSep(String opt) {
        for (int k = 0; k < opt.length(); k++) {
            char c = opt.charAt(k);
            if (c == '=' || c == ' ' || c == '\t') {
                return k;
            }
        }
        return -1;
    }

    static List<Nested> tar(Invocation inv) {
        List<Nested> out = new ArrayList<>();
        for (int i = 1; i < inv.size(); i++) {
            Arg a = inv.arg(i);
            String t = a.text();
            String v = null;
            for (String p : new String[] {
                "--checkpoint-action=exec=",
                "--to-command=",
                "--use-compress-program=",
                "--rsh-command=",
                "--info-script=",
                "--new-volume-script="
            }) {
                if (t.startsWith(p)) {
                    v = t.substring(p.length());
                }
            }
            if ((t.equals("--to-command")
                            || t.equals("--use-compress-program")
                            || t.equals("-I")
                            || t.equals("--info-script")
                            || t.equals("-F")
                            || t.equals("--rsh-command"))
                    && i + 1 < inv.size()) {
                v = inv.arg(i + 1).text();
            }
            if (v != null) {
                out.add(new Nested.Code(v, a.origin(), List.of(), a.start(), a.end(), "tar option"));
            }
        }
        return out;
    }

    static List<Nested> socat(Invocation inv) {
        List<Nested> out = new ArrayList<>();
        for (Arg a : inv.operands()) {
            String t = a.text();
            String lower = t.toLowerCase(Locale.ROOT);
            for (String p : new String[] {"exec:", "system:"}) {
                int k = lower.indexOf(p);
                if (k >= 0 && (k == 0 || lower.charAt(k - 1) == '!')) {
                    String rest = t.substring(k + p.length());
                    int comma = rest.indexOf(',');
                    String cmd = comma >= 0 ? rest.substring(0, comma) : rest;
                    cmd = cmd.replace("'", "").replace("\"", "");
                    out.add(new Nested.Code(cmd, a.origin(), List.of(), a.start(), a.end(), "socat " + p));
                }
            }
        }
        return out;
    }

    static List<Nested> netcat(Invocation inv) {
        List<Nested> out = new ArrayList<>();
        Arg c = inv.optionValue('c', "--sh-exec");
        if (c != null) {
            out.add(NestingShells.code(c, List.of(), "nc -c"));
        }
        Arg e = inv.optionValue('e', "--exec");
        if (e != null) {
            out.add(NestingShells.code(e, List.of(), "nc -e"));
        }
        return out;
    }
}
