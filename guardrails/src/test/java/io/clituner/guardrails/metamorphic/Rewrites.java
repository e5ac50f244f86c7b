package io.clituner.guardrails.metamorphic;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Semantics-preserving rewrites of a seed, composed at random: every variant runs the same commands with the same
 * arguments as its seed when bash executes it. Three layers, each optional: how the words are spelled (quote
 * splitting, backslashes, ANSI-C quoting), how the program is named and started (another path to the same file,
 * a variable, an array, command substitution, brace expansion, {@code ${IFS}}, a function, exec wrappers), and how
 * the whole command reaches a shell (sh/bash -c, eval, base64 into bash, here-strings, here-docs, source of stdin,
 * /proc/self/fd/0, process substitution, subshells, groups, functions), nested up to three times.
 */
final class Rewrites {
    private Rewrites() {}

    /** One rewritten command and the steps that made it (printed when a verdict is wrong). */
    record Variant(String code, boolean bashOnly, List<String> steps) {}

    /** Other names of the same executable on a merged-/usr Debian system (/bin → usr/bin, /sbin → usr/sbin). */
    private static final Map<String, List<String>> PATHS = Map.ofEntries(
            Map.entry("rm", List.of("/bin/rm", "/usr/bin/rm", "/bin/../bin/rm", "/usr/bin//rm", "/usr/./bin/rm")),
            Map.entry("dd", List.of("/bin/dd", "/usr/bin/dd", "/usr/bin/../bin/dd")),
            Map.entry("chmod", List.of("/bin/chmod", "/usr/bin/chmod", "//usr/bin/chmod")),
            Map.entry("chown", List.of("/bin/chown", "/usr/bin/./chown")),
            Map.entry("shred", List.of("/usr/bin/shred", "/bin/shred")),
            Map.entry("mkfs.ext4", List.of("/sbin/mkfs.ext4", "/usr/sbin/mkfs.ext4", "/sbin/../sbin/mkfs.ext4")),
            Map.entry("wipefs", List.of("/sbin/wipefs", "/usr/sbin/wipefs")),
            Map.entry("bash", List.of("/bin/bash", "/usr/bin/bash", "/bin//bash")),
            Map.entry("curl", List.of("/usr/bin/curl", "/bin/curl")),
            Map.entry("wget", List.of("/usr/bin/wget", "/bin/../bin/wget")),
            Map.entry("nc", List.of("/bin/nc", "/usr/bin/nc")),
            Map.entry("cat", List.of("/bin/cat", "/usr/bin/cat")),
            Map.entry("python3", List.of("/usr/bin/python3", "/bin/python3")),
            Map.entry("perl", List.of("/usr/bin/perl", "/bin/perl")),
            Map.entry("ls", List.of("/bin/ls", "/usr/bin/ls", "/bin/../bin/ls")),
            Map.entry("grep", List.of("/bin/grep", "/usr/bin/grep")),
            Map.entry("git", List.of("/usr/bin/git", "/bin/git")),
            Map.entry("echo", List.of("/bin/echo", "/usr/bin/echo")),
            Map.entry("find", List.of("/usr/bin/find", "/bin/find")));

    /** Exec wrappers that run their command unchanged (as far as its effects go). */
    private static final List<String> WRAPPERS = List.of(
            "env",
            "command",
            "nice",
            "nice -n 5",
            "timeout 60",
            "timeout -s KILL 60",
            "setsid",
            "stdbuf -oL",
            "ionice -c3",
            "nohup",
            "env --",
            "command --");

    /** The names of the program-level forms, for the per-form coverage test. */
    static final List<String> PROGRAM_FORMS =
            List.of("path", "var", "split-var", "cmdsub", "array", "brace", "ifs", "argv-function");

    /** The names of the code-level wrappings. */
    static final List<String> CODE_FORMS = List.of(
            "bash -c",
            "sh -c",
            "eval",
            "eval --",
            "base64|bash",
            "base64<<<|bash",
            "bash<<<",
            "bash -s heredoc",
            "source stdin",
            ". stdin",
            "bash fd0",
            "source <(base64)",
            "subshell",
            "group",
            "true&&",
            "function",
            "bash -c name");

    /** Code forms whose text needs bash (here-strings, process substitution, source, eval's "--"). */
    private static final java.util.Set<String> BASH_ONLY_FORMS = java.util.Set.of(
            "eval --", "base64<<<|bash", "bash<<<", "source stdin", ". stdin", "bash fd0", "source <(base64)");

    static Variant variant(Seed seed, SplittableRandom rnd) {
        List<String> steps = new ArrayList<>();
        boolean bashOnly = seed.bashOnly();
        String code;
        if (seed.structural()) {
            code = seed.suffix();
        } else {
            boolean spell = rnd.nextBoolean();
            String form = rnd.nextInt(3) == 0 ? "plain" : PROGRAM_FORMS.get(rnd.nextInt(PROGRAM_FORMS.size()));
            int wrappers = seed.external() ? rnd.nextInt(3) : 0;
            Simple s = simple(seed, form, spell, wrappers, rnd);
            if (s == null) {
                s = simple(seed, "plain", spell, wrappers, rnd);
            }
            code = s.code();
            bashOnly |= s.bashOnly();
            steps.addAll(s.steps());
        }
        int layers = rnd.nextInt(4);
        for (int k = 0; k < layers; k++) {
            String form = CODE_FORMS.get(rnd.nextInt(CODE_FORMS.size()));
            if (form.equals("sh -c") && bashOnly) {
                form = "bash -c";
            }
            code = wrapCode(code, form);
            bashOnly |= BASH_ONLY_FORMS.contains(form);
            steps.add(form);
        }
        return new Variant(code, bashOnly, steps);
    }

    /** A simple seed written with exactly the given program form and no code wrapping (null when it does not apply). */
    static Variant programForm(Seed seed, String form, SplittableRandom rnd) {
        Simple s = simple(seed, form, false, 0, rnd);
        return s == null ? null : new Variant(s.code(), seed.bashOnly() || s.bashOnly(), s.steps());
    }

    /** The seed wrapped once in the given code form. */
    static Variant codeForm(Seed seed, String form) {
        return new Variant(wrapCode(seed.text(), form), true, List.of(form));
    }

    private record Simple(String code, boolean bashOnly, List<String> steps) {}

    private static Simple simple(Seed seed, String form, boolean spell, int wrappers, SplittableRandom rnd) {
        List<String> steps = new ArrayList<>();
        List<Seed.Word> words = new ArrayList<>(seed.words());
        boolean bashOnly = false;
        List<String> spelled = new ArrayList<>();
        for (Seed.Word w : words) {
            spelled.add(w.raw() ? w.value() : spell ? Quoting.split(w.value(), rnd, true) : Quoting.minimal(w.value()));
        }
        if (spell) {
            steps.add("spelling");
            bashOnly |= String.join(" ", spelled).contains("$'");
        }
        Form f = form(words, spelled, form, rnd);
        if (f == null) {
            return null;
        }
        bashOnly |= f.bashOnly();
        String prefix = f.prefix();
        String head = f.head();
        String rest = f.rest();
        if (!form.equals("plain")) {
            steps.add(form);
        }
        StringBuilder wrap = new StringBuilder();
        for (int k = 0; k < wrappers; k++) {
            String w = WRAPPERS.get(rnd.nextInt(WRAPPERS.size()));
            wrap.append(w).append(' ');
            steps.add("wrapper " + w);
        }
        String call = form.equals("argv-function") ? "run " : "";
        String code = prefix + call + wrap + head + (rest.isEmpty() ? "" : " " + rest) + seed.suffix();
        return new Simple(code, bashOnly, steps);
    }

    /** How the program is named and its words joined, before exec wrappers. */
    private record Form(String prefix, String head, String rest, boolean bashOnly) {}

    /** One program form of a simple seed's words, or null when it does not apply to them. */
    private static Form form(List<Seed.Word> words, List<String> spelled, String form, SplittableRandom rnd) {
        String program = words.get(0).value(), prefix = "", head;
        boolean bashOnly = false;
        String rest = String.join(" ", spelled.subList(1, spelled.size()));
        switch (form) {
            case "plain" -> head = spelled.get(0);
            case "path" -> {
                List<String> paths = PATHS.get(program);
                if (paths == null) {
                    return null;
                }
                head = paths.get(rnd.nextInt(paths.size()));
            }
            case "var" -> {
                prefix = "p=" + spelled.get(0) + "; ";
                head = rnd.nextBoolean() ? "$p" : "\"${p}\"";
            }
            case "split-var" -> {
                if (program.length() < 2) {
                    return null;
                }
                int cut = 1 + rnd.nextInt(program.length() - 1);
                prefix = "a=" + Quoting.minimal(program.substring(0, cut)) + "; b="
                        + Quoting.minimal(program.substring(cut)) + "; ";
                head = rnd.nextBoolean() ? "$a$b" : "\"$a\"\"${b}\"";
            }
            case "cmdsub" ->
                head = rnd.nextBoolean() ? "$(echo " + spelled.get(0) + ")" : "`printf %s " + spelled.get(0) + "`";
            case "array" -> {
                prefix = "c=(" + String.join(" ", spelled) + "); ";
                head = "\"${c[@]}\"";
                rest = "";
                bashOnly = true;
            }
            case "brace" -> {
                for (Seed.Word w : words) {
                    if (!braceSafe(w)) {
                        return null;
                    }
                }
                head = "{"
                        + String.join(",", words.stream().map(Seed.Word::value).toList()) + "}";
                rest = "";
                bashOnly = true;
            }
            case "ifs" -> {
                for (Seed.Word w : words) {
                    if (w.raw() || !Quoting.plain(w.value()) || w.value().contains("*")) {
                        return null;
                    }
                }
                StringBuilder joined = new StringBuilder(words.get(0).value());
                boolean braces = rnd.nextBoolean();
                for (Seed.Word w : words.subList(1, words.size())) {
                    // $IFS only where the next character cannot continue the name ($IFSif would be another variable)
                    char next = w.value().charAt(0);
                    boolean nameChar = Character.isLetterOrDigit(next) || next == '_';
                    joined.append(braces || nameChar ? "${IFS}" : "$IFS").append(w.value());
                }
                head = joined.toString();
                rest = "";
            }
            case "argv-function" -> {
                prefix = "run() { \"$@\"; }; "; // the wrappers go inside: an exec wrapper cannot start a function
                head = spelled.get(0);
            }
            default -> throw new IllegalArgumentException(form);
        }
        return new Form(prefix, head, rest, bashOnly);
    }

    /** Words brace expansion reproduces exactly: no quoting needed, no commas or braces; ~ and $VAR expand after it. */
    private static boolean braceSafe(Seed.Word w) {
        String v = w.value();
        return !v.isEmpty()
                && v.indexOf(',') < 0
                && (w.raw()
                        ? v.matches("[~$A-Za-z0-9_/.{}-]+") && !v.contains("{")
                        : Quoting.plain(v) && !v.contains("*"));
    }

    static String wrapCode(String code, String form) {
        String b64 = Base64.getEncoder().encodeToString(code.getBytes(StandardCharsets.UTF_8));
        String q = Quoting.single(code);
        boolean multiline = code.indexOf('\n') >= 0;
        return switch (form) {
            case "bash -c" -> "bash -c " + q;
            case "sh -c" -> "sh -c " + q;
            case "bash -c name" -> "bash -c " + q + " bash";
            case "eval" -> "eval " + q;
            case "eval --" -> "eval -- " + q;
            case "base64|bash" -> "echo " + b64 + " | base64 -d | bash";
            case "base64<<<|bash" -> "base64 --decode <<< " + b64 + " | bash";
            case "bash<<<" -> "bash <<< " + q;
            case "bash -s heredoc" -> "bash -s <<'" + delimiter(code) + "'\n" + code + "\n" + delimiter(code);
            case "source stdin" -> "source /dev/stdin <<< " + q;
            case ". stdin" -> ". /dev/stdin <<< " + q;
            case "bash fd0" -> "bash /proc/self/fd/0 <<< " + q;
            case "source <(base64)" -> "source <(echo " + b64 + " | base64 -d)";
            case "subshell" -> "( " + code + (multiline ? "\n)" : " )");
            case "group" -> "{ " + code + (multiline ? "\n}" : "; }");
            case "true&&" -> "true && " + (multiline ? "{ " + code + "\n}" : code);
            case "function" -> "g() { " + code + (multiline ? "\n}" : "; }") + "; g";
            default -> throw new IllegalArgumentException(form);
        };
    }

    /** A here-document delimiter that no line of the code equals (here-docs nest). */
    private static String delimiter(String code) {
        String d = "EOF";
        for (int n = 1; ("\n" + code + "\n").contains("\n" + d + "\n"); n++) {
            d = "EOF" + n;
        }
        return d;
    }
}
