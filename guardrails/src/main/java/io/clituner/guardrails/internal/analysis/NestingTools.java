package io.clituner.guardrails.internal.analysis;

import io.clituner.guardrails.internal.expand.Arg;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Interactive tools that run commands given on their command line: vim -c '!CMD', sed's e command, expect's spawn,
 * gdb -ex shell, tmux new-session/send-keys, terminal emulators' -e.
 */
final class NestingTools {
    private NestingTools() {}

    static final java.util.regex.Pattern SED_SPLIT = java.util.regex.Pattern.compile("[;\n]");

    static final java.util.regex.Pattern SED_ADDRESS =
            java.util.regex.Pattern.compile("^[0-9$,/^.*\\[\\]a-zA-Z\\\\]*?(?=e\\s)");

    static List<Nested> vim(Invocation inv) {
        List<Nested> out = new ArrayList<>();
        for (int i = 1; i < inv.size(); i++) {
            String t = inv.arg(i).text();
            String cmd = null;
            if (t.equals("-c") && i + 1 < inv.size()) {
                cmd = inv.arg(++i).text();
            } else if (t.startsWith("+") && t.length() > 1) {
                cmd = t.substring(1);
            }
            if (cmd != null) {
                String c = cmd.startsWith(":") ? cmd.substring(1) : cmd;
                if (c.startsWith("!")) {
                    out.add(new Nested.Code(
                            c.substring(1),
                            inv.arg(i).origin(),
                            List.of(),
                            inv.arg(i).start(),
                            inv.arg(i).end(),
                            "vim :!"));
                }
            }
        }
        return out;
    }

    /** GNU sed's {@code e} command and {@code s///e} flag run shell commands. */
    static List<Nested> sed(Invocation inv) {
        List<Nested> out = new ArrayList<>();
        List<Arg> scripts = new ArrayList<>();
        Arg e = inv.optionValue('e', "--expression");
        if (e != null) {
            scripts.add(e);
        } else if (!inv.operands().isEmpty()) {
            scripts.add(inv.operands().get(0));
        }
        for (Arg s : scripts) {
            String t = s.text().trim();
            if (t.indexOf('e') < 0) {
                continue;
            }
            for (String part : SED_SPLIT.split(t)) {
                String p = SED_ADDRESS.matcher(part.trim()).replaceFirst("");
                if (p.startsWith("e ") && p.length() > 2) {
                    out.add(new Nested.Code(p.substring(2), s.origin(), List.of(), s.start(), s.end(), "sed e"));
                }
                if (p.startsWith("s") && p.length() > 3) {
                    char d = p.charAt(1);
                    String[] bits = p.substring(2).split(java.util.regex.Pattern.quote(String.valueOf(d)), -1);
                    if (bits.length == 3 && bits[2].contains("e")) {
                        out.add(new Nested.Code(bits[1], s.origin(), List.of(), s.start(), s.end(), "sed s///e"));
                    }
                }
            }
        }
        return out;
    }

    /** expect -c 'spawn CMD; …' and tcl's {@code exec CMD}: each statement that starts a program is a command vector. */
    static List<Nested> expect(Invocation inv) {
        Arg c = inv.optionValue('c', null);
        if (c == null) {
            return List.of();
        }
        List<Nested> out = new ArrayList<>();
        for (String stmt : c.text().split("[;\n]")) {
            String st = stmt.strip();
            for (String verb : new String[] {"spawn ", "exec ", "system "}) {
                if (st.startsWith(verb)) {
                    out.add(new Nested.Code(
                            st.substring(verb.length()).replaceAll("^(-noecho|-nottyinit|-nottycopy|--) +", ""),
                            c.origin(),
                            List.of(),
                            c.start(),
                            c.end(),
                            "expect " + verb.strip()));
                }
            }
        }
        return out;
    }

    /** gdb -ex 'shell CMD' / -ex '!CMD' runs CMD through the shell before (or without) debugging anything. */
    static List<Nested> gdb(Invocation inv) {
        List<Nested> out = new ArrayList<>();
        for (int i = 1; i + 1 < inv.size(); i++) {
            if (inv.arg(i).is("--args")) { // gdb --args PROG ARGS…: "run" starts PROG with ARGS
                out.add(new Nested.Argv(inv.withArgv(new ArrayList<>(inv.argv().subList(i + 1, inv.size())))));
                break;
            }
        }
        for (int i = 1; i + 1 < inv.size(); i++) {
            String t = inv.arg(i).text();
            if (t.equals("-ex") || t.equals("--ex") || t.equals("-iex") || t.equals("--eval-command")) {
                Arg c = inv.arg(i + 1);
                String cmd = c.text().strip();
                String code =
                        cmd.startsWith("!") ? cmd.substring(1) : cmd.startsWith("shell ") ? cmd.substring(6) : null;
                if (code != null) {
                    out.add(new Nested.Code(code, c.origin(), List.of(), c.start(), c.end(), "gdb shell"));
                }
            }
        }
        return out;
    }

    static List<Nested> tmux(Invocation inv) {
        if (inv.size() < 2) {
            return List.of();
        }
        String sub = inv.arg(1).text();
        if (Set.of(
                        "new-session",
                        "new",
                        "new-window",
                        "neww",
                        "split-window",
                        "splitw",
                        "respawn-pane",
                        "respawn-window",
                        "run-shell",
                        "run",
                        "send-keys",
                        "send")
                .contains(sub)) {
            List<Arg> ops = new ArrayList<>();
            for (int i = 2; i < inv.size(); i++) {
                String t = inv.arg(i).text();
                if (t.startsWith("-")) {
                    if (t.length() == 2 && "censtFxylLEwT".indexOf(t.charAt(1)) >= 0 && !t.equals("-d")) {
                        i++;
                    }
                    continue;
                }
                ops.add(inv.arg(i));
            }
            if (!ops.isEmpty()) {
                StringBuilder sb = new StringBuilder();
                for (Arg a : ops) {
                    if (a.is("Enter") || a.is("C-m")) {
                        continue;
                    }
                    sb.append(sb.length() > 0 ? " " : "").append(a.text());
                }
                Arg first = ops.get(0);
                return List.of(new Nested.Code(
                        sb.toString(),
                        first.origin(),
                        List.of(),
                        first.start(),
                        ops.get(ops.size() - 1).end(),
                        "tmux " + sub));
            }
        }
        return List.of();
    }

    static List<Nested> terminal(Invocation inv) {
        for (int i = 1; i < inv.size(); i++) {
            String t = inv.arg(i).text();
            if (t.equals("--") || t.equals("-x")) {
                return i + 1 < inv.size()
                        ? List.of(new Nested.Argv(
                                inv.withArgv(new ArrayList<>(inv.argv().subList(i + 1, inv.size())))))
                        : List.of();
            }
            if ((t.equals("-e") || t.equals("--command")) && i + 1 < inv.size()) {
                return List.of(NestingShells.join(inv, i + 1, inv.name() + " -e"));
            }
        }
        return List.of();
    }
}
