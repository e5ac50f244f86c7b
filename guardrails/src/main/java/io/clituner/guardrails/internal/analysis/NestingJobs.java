package io.clituner.guardrails.internal.analysis;

import io.clituner.guardrails.internal.expand.Arg;
import io.clituner.guardrails.internal.expand.Sentinels;
import java.util.ArrayList;
import java.util.List;

/**
 * Commands run later or in bulk: make recipes ({@code make -f -}, {@code --eval}), crontab tables and GNU parallel
 * command templates.
 */
final class NestingJobs {
    private NestingJobs() {}

    /** {@code make --eval='x: ; CMD' x}: the recipes of makefile text given on the command line run in /bin/sh. */
    static List<Nested> make(Invocation inv) {
        List<Nested> out = new ArrayList<>();
        for (int i = 1; i < inv.size(); i++) {
            Arg a = inv.arg(i);
            String t = a.text();
            Arg text = t.startsWith("--eval=")
                    ? a.withText(t.substring(7))
                    : (t.equals("--eval") || t.equals("-E")) && i + 1 < inv.size() ? inv.arg(++i) : null;
            if (text != null) {
                String recipes = makeRecipes(text.text());
                if (!recipes.isBlank()) {
                    out.add(new Nested.Code(
                            recipes, text.origin(), List.of(), text.start(), text.end(), "make recipe"));
                }
            }
        }
        return out;
    }

    /**
     * The shell lines of makefile text: after "TARGETS: PREREQS ;" and on tab-indented lines, without the
     * {@code @-+} prefixes; make's own references ({@code $(X)}, {@code $@}) are unknown, {@code $$} is "$".
     */
    static String makeRecipes(String text) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n")) {
            String recipe = null;
            if (line.startsWith("\t")) {
                recipe = line.substring(1);
            } else {
                int colon = line.indexOf(':');
                int semi = colon < 0 ? -1 : line.indexOf(';', colon);
                if (semi > 0
                        && !line.startsWith(":=", colon)
                        && !line.substring(0, colon).contains("=")) {
                    recipe = line.substring(semi + 1);
                }
            }
            if (recipe == null) {
                continue;
            }
            recipe = recipe.stripLeading();
            while (!recipe.isEmpty() && "@-+".indexOf(recipe.charAt(0)) >= 0) {
                recipe = recipe.substring(1).stripLeading();
            }
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < recipe.length(); i++) {
                char c = recipe.charAt(i);
                if (c != '$' || i + 1 >= recipe.length()) {
                    sb.append(c);
                } else if (recipe.charAt(i + 1) == '$') {
                    sb.append('$');
                    i++;
                } else if (recipe.charAt(i + 1) == '(' || recipe.charAt(i + 1) == '{') {
                    char close = recipe.charAt(i + 1) == '(' ? ')' : '}';
                    int e = recipe.indexOf(close, i + 2);
                    sb.append(Sentinels.UNKNOWN);
                    i = e < 0 ? recipe.length() : e;
                } else {
                    sb.append(Sentinels.UNKNOWN);
                    i++;
                }
            }
            out.append(sb).append('\n');
        }
        return out.toString();
    }

    /** at and batch run the script named by -f, else what they read on stdin. */
    static List<Nested> at(Invocation inv, String name) {
        Arg file = inv.optionValue('f', null);
        return file != null ? List.of(new Nested.CodeFile(file, name)) : List.of(new Nested.StdinCode(name));
    }

    static List<Nested> crontab(Invocation inv) {
        List<Arg> ops = inv.operands();
        if (inv.hasOption('l') || inv.hasOption('r') || inv.hasOption('e')) {
            return List.of();
        }
        if (ops.isEmpty() || ops.get(ops.size() - 1).is("-")) {
            return List.of(new Nested.StdinCode("crontab"));
        }
        return List.of(new Nested.CodeFile(ops.get(ops.size() - 1), "crontab"));
    }

    static List<Nested> parallel(Invocation inv) {
        List<Arg> argv = inv.argv();
        int i = ExecWrappers.skipOptions(
                argv,
                1,
                NestingWrappers.arity1(
                        "--jobs",
                        "-j",
                        "--delimiter",
                        "-d",
                        "--arg-file",
                        "-a",
                        "--sshlogin",
                        "-S",
                        "--timeout",
                        "--joblog",
                        "--results",
                        "--colsep",
                        "-C",
                        "-I",
                        "--max-args",
                        "-n",
                        "-N",
                        "--basefile",
                        "--workdir",
                        "--tagstring",
                        "--env"),
                "jdaSCIn",
                false);
        int end = i;
        while (end < argv.size() && !argv.get(end).text().startsWith(":::")) {
            end++;
        }
        if (end == i && end < argv.size()) { // parallel ::: 'CMD A' 'CMD B': each argument is a command line
            List<Nested> out = new ArrayList<>();
            for (int k = end + 1;
                    k < argv.size() && out.size() < 8 && !argv.get(k).text().startsWith(":::");
                    k++) {
                out.add(NestingShells.code(argv.get(k), List.of(), "parallel"));
            }
            return out;
        }
        if (end == i) {
            return List.of(new Nested.StdinCode("parallel"));
        }
        // parallel CMD ::: A B … runs "CMD A", "CMD B" (or CMD with {} replaced): judge each run
        List<Nested> out = new ArrayList<>();
        for (int k = end + 1;
                k < argv.size() && out.size() < 8 && !argv.get(k).text().startsWith(":::");
                k++) {
            List<Arg> cmd = new ArrayList<>();
            boolean placed = false;
            for (Arg a : argv.subList(i, end)) {
                if (a.is("{}")) {
                    cmd.add(argv.get(k));
                    placed = true;
                } else {
                    cmd.add(a);
                }
            }
            if (!placed) {
                cmd.add(argv.get(k));
            }
            out.add(new Nested.Argv(inv.withArgv(cmd)));
        }
        if (out.isEmpty()) {
            out.add(new Nested.Argv(inv.withArgv(new ArrayList<>(argv.subList(i, end)))));
        }
        return out;
    }
}
