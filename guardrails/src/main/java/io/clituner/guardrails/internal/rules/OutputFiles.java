package io.clituner.guardrails.internal.rules;

import io.clituner.guardrails.internal.analysis.Invocation;
import io.clituner.guardrails.internal.expand.Arg;
import io.clituner.guardrails.internal.expand.Sentinels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one table of "this option or operand names a file the program writes", per program. Every rule that judges
 * where a command writes (auth files, core binaries, start-up files, system trees) reads it, so {@code sort -o F},
 * {@code gcc -o F}, {@code find -fprint F}, {@code uniq IN F} and {@code sed 'w F'} are the same write as {@code > F}.
 * Options are spelled as the program's manual does: a short letter ({@code -o F}, {@code -oF}, a cluster ending in it),
 * a long option ({@code --output F}, {@code --output=F}) or a single-dash word ({@code -fprint F}, {@code -out F}).
 * Generators whose purpose is to write one system file ({@code grub-mkconfig -o /boot/grub/grub.cfg}) are not in the
 * table: that write is their job, reviewed as a system change elsewhere.
 */
public final class OutputFiles {
    private OutputFiles() {}

    /** Which operands are written: none, all, the last (of at least two), the second, or the second when there are two. */
    enum Operands {
        NONE,
        ALL,
        LAST,
        SECOND
    }

    /**
     * @param options   option spellings whose value is a written file ("-o", "--output", "-fprint")
     * @param operands  operands that are written
     * @param appends   the program appends to its files rather than replacing them (never empties one)
     * @param assigns   exiftool-style {@code -NAME=FILE} words (lower case, without the dash) that name a written file
     */
    record Spec(List<String> options, Operands operands, boolean appends, Set<String> assigns) {
        static Spec opts(String... o) {
            return new Spec(List.of(o), Operands.NONE, false, Set.of());
        }

        Spec with(Operands ops) {
            return new Spec(options, ops, appends, assigns);
        }
    }

    private static final Spec COMPILER = Spec.opts("-o");

    private static final Map<String, Spec> TABLE = Map.ofEntries(
            Map.entry("sort", Spec.opts("-o", "--output")),
            Map.entry("shuf", Spec.opts("-o", "--output")),
            Map.entry("iconv", Spec.opts("-o", "--output")),
            Map.entry("uniq", Spec.opts().with(Operands.SECOND)),
            Map.entry("xxd", Spec.opts().with(Operands.SECOND)),
            Map.entry("split", Spec.opts().with(Operands.SECOND)),
            Map.entry("gcc", COMPILER),
            Map.entry("cc", COMPILER),
            Map.entry("g++", COMPILER),
            Map.entry("c++", COMPILER),
            Map.entry("clang", COMPILER),
            Map.entry("clang++", COMPILER),
            Map.entry("tcc", COMPILER),
            Map.entry("cpp", COMPILER),
            Map.entry("ld", COMPILER),
            Map.entry("ld.lld", COMPILER),
            Map.entry("ld.gold", COMPILER),
            Map.entry("ld.bfd", COMPILER),
            Map.entry("as", COMPILER),
            Map.entry("rustc", COMPILER),
            Map.entry("strip", COMPILER),
            Map.entry("musl-gcc", COMPILER),
            Map.entry("find", Spec.opts("-fprint", "-fprint0", "-fprintf", "-fls")),
            Map.entry("exiftool", new Spec(List.of("-o"), Operands.NONE, false, Set.of("filename", "directory"))),
            Map.entry("csplit", Spec.opts("-f", "--prefix")),
            Map.entry("install", Spec.opts("-t", "--target-directory").with(Operands.LAST)),
            Map.entry("ln", Spec.opts("-t", "--target-directory").with(Operands.LAST)),
            Map.entry("cp", Spec.opts("-t", "--target-directory").with(Operands.LAST)),
            Map.entry("mv", Spec.opts("-t", "--target-directory").with(Operands.LAST)),
            Map.entry("rsync", Spec.opts().with(Operands.LAST)),
            Map.entry("scp", Spec.opts().with(Operands.LAST)),
            Map.entry("truncate", Spec.opts().with(Operands.ALL)),
            Map.entry("touch", new Spec(List.of(), Operands.ALL, true, Set.of())),
            Map.entry("tee", Spec.opts().with(Operands.ALL)),
            Map.entry(
                    "curl",
                    Spec.opts(
                            "-o",
                            "--output",
                            "-D",
                            "--dump-header",
                            "-c",
                            "--cookie-jar",
                            "--trace",
                            "--trace-ascii",
                            "--stderr")),
            Map.entry("wget", Spec.opts("-O", "--output-document", "-o", "--output-file")),
            Map.entry("openssl", Spec.opts("-out", "-keyout")),
            Map.entry("gpg", Spec.opts("-o", "--output")),
            Map.entry("base64", Spec.opts("-o", "--output")),
            Map.entry("tcpdump", Spec.opts("-w")),
            Map.entry("patch", Spec.opts("-o", "--output")),
            Map.entry("pandoc", Spec.opts("-o", "--output")),
            Map.entry("pg_dump", Spec.opts("-f", "--file")),
            Map.entry("mysqldump", Spec.opts("-r", "--result-file")),
            Map.entry("sed", Spec.opts()),
            Map.entry("gsed", Spec.opts()),
            Map.entry("perl", Spec.opts()),
            Map.entry("dd", Spec.opts()));

    /** Every program the table knows (a rule gated on writes must admit these). */
    public static final Set<String> PROGRAMS = TABLE.keySet();

    /** The files this invocation writes through its options and operands (redirections are not included). */
    public static List<Arg> written(Invocation inv) {
        return PerInvocation.memo(
                PerInvocation.Slot.OUTPUT_FILES, inv, i -> java.util.Collections.unmodifiableList(compute(i)));
    }

    private static List<Arg> compute(Invocation inv) {
        String n = inv.name();
        Spec s = TABLE.get(n);
        return s == null ? List.of() : written(inv, n, s);
    }

    private static List<Arg> written(Invocation inv, String n, Spec s) {
        List<Arg> out = new ArrayList<>();
        boolean clusters = clusters(n);
        boolean attached = !n.equals("find") && !n.equals("openssl"); // their options are words: -fprint F, -out F
        for (String o : s.options()) {
            collectOption(inv, o, attached, clusters, out);
        }
        operands(inv, n, s.operands(), out);
        special(inv, n, s, out);
        out.removeIf(a -> a.is("-") || a.text().isEmpty() || a.is("/dev/stdout") || a.is("/dev/stderr"));
        return out;
    }

    /** The files this invocation replaces or empties (its written files, unless it only appends to them). */
    public static List<Arg> overwritten(Invocation inv) {
        String n = inv.name();
        Spec s = TABLE.get(n);
        if (s == null || s.appends() || (n.equals("tee") && inv.hasOption('a', "--append")) || COPIERS.contains(n)) {
            return List.of(); // copiers are judged with their sources by the copy rules (ln -s without -f replaces
            // nothing)
        }
        return written(inv);
    }

    private static final Set<String> COPIERS = Set.of("ln", "cp", "install", "mv");

    private static void collectOption(Invocation inv, String opt, boolean attached, boolean clusters, List<Arg> out) {
        List<Arg> argv = inv.argv();
        boolean lng = opt.startsWith("--");
        boolean shrt = !lng && opt.length() == 2;
        for (int i = 1; i < argv.size(); i++) {
            String t = argv.get(i).text();
            if (t.equals("--")) {
                return;
            }
            boolean next = i + 1 < argv.size();
            if (t.equals(opt) && next) {
                out.add(argv.get(++i));
            } else if (lng && t.startsWith(opt + "=")) {
                out.add(argv.get(i).withText(t.substring(opt.length() + 1)));
            } else if (shrt && t.length() > 2 && t.startsWith(opt) && attached) {
                out.add(argv.get(i).withText(t.substring(2)));
            } else if (shrt
                    && next
                    && t.length() > 2
                    && t.charAt(0) == '-'
                    && t.charAt(1) != '-'
                    && t.charAt(t.length() - 1) == opt.charAt(1)
                    && letters(t)
                    && clusters) {
                out.add(argv.get(++i)); // getopt cluster ending in the option: sort -uo FILE, curl -so FILE
            }
        }
    }

    /** Programs whose short options cluster getopt-style (compilers and find take single-dash words instead). */
    private static boolean clusters(String program) {
        // no other entry is spelled like the compilers' (-o alone), so equality picks out exactly them
        return !COMPILER.equals(TABLE.get(program)) && !program.equals("find") && !program.equals("openssl");
    }

    private static boolean letters(String t) {
        for (int k = 1; k < t.length(); k++) {
            if (!Character.isLetter(t.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    /** Short options that take a separate value, for the programs whose written file is an operand by position. */
    private static final Map<String, String> VALUE_LETTERS = Map.of("uniq", "fsw", "split", "abClnt", "xxd", "cglsonC");

    /** Operands by position: words that are neither options nor the value of one. */
    private static List<Arg> positional(Invocation inv, String n) {
        String letters = VALUE_LETTERS.get(n);
        if (letters == null) {
            return inv.operands();
        }
        List<Arg> out = new ArrayList<>();
        List<Arg> argv = inv.argv();
        boolean endOpts = false;
        for (int i = 1; i < argv.size(); i++) {
            String t = argv.get(i).text();
            if (!endOpts && t.equals("--")) {
                endOpts = true;
            } else if (endOpts || !t.startsWith("-") || t.equals("-")) {
                out.add(argv.get(i));
            } else if (!t.startsWith("--") && t.length() == 2 && letters.indexOf(t.charAt(1)) >= 0) {
                i++; // -n 1000: the value is not an operand
            }
        }
        return out;
    }

    private static void operands(Invocation inv, String n, Operands which, List<Arg> out) {
        if (which == Operands.NONE) {
            return;
        }
        List<Arg> ops = which == Operands.SECOND ? positional(inv, n) : inv.operands();
        switch (which) {
            case ALL -> out.addAll(ops);
            case LAST -> {
                if (ops.size() >= 2 && !inv.hasOption('t', "--target-directory") && local(ops.get(ops.size() - 1))) {
                    out.add(ops.get(ops.size() - 1));
                }
            }
            case SECOND -> {
                if (ops.size() >= 2) {
                    Arg a = ops.get(1);
                    out.add(n.equals("split") ? a.withText(a.text() + Sentinels.STAR) : a);
                }
            }
            default -> {}
        }
    }

    /** Not {@code host:path} (scp, rsync): a path on this machine. */
    static boolean local(Arg a) {
        String t = a.text();
        int colon = t.indexOf(':');
        int slash = t.indexOf('/');
        return colon < 0 || (slash >= 0 && slash < colon);
    }

    /** Where a program names its written files inside another value: sed scripts, dd of=, exiftool -NAME=FILE. */
    private static void special(Invocation inv, String n, Spec s, List<Arg> out) {
        if (n.equals("dd")) {
            for (Arg a : inv.args()) {
                if (a.startsWith("of=")) {
                    out.add(a.withText(a.text().substring(3)));
                }
            }
        } else if (n.equals("sed") || n.equals("gsed") || n.equals("perl")) {
            List<Arg> ops = inv.operands();
            if (inv.hasOption('i', "--in-place")) {
                out.addAll(ops.size() > 1 && !hasScriptOption(inv) ? ops.subList(1, ops.size()) : ops);
            }
            if (!n.equals("perl")) {
                for (Arg script : sedScripts(inv)) {
                    sedWrites(script, out);
                }
            }
        } else if (!s.assigns().isEmpty()) {
            for (Arg a : inv.args()) {
                int eq = a.text().indexOf('=');
                if (a.startsWith("-")
                        && eq > 1
                        && s.assigns().contains(a.text().substring(1, eq).toLowerCase(java.util.Locale.ROOT))) {
                    out.add(a.withText(a.text().substring(eq + 1)));
                }
            }
        }
    }

    private static boolean hasScriptOption(Invocation inv) {
        return inv.optionValue('e', "--expression") != null || inv.optionValue('f', "--file") != null;
    }

    private static List<Arg> sedScripts(Invocation inv) {
        List<Arg> out = new ArrayList<>();
        List<Arg> argv = inv.argv();
        for (int i = 1; i + 1 < argv.size(); i++) {
            if (argv.get(i).is("-e") || argv.get(i).is("--expression")) {
                out.add(argv.get(i + 1));
            }
        }
        if (out.isEmpty() && !inv.operands().isEmpty()) {
            out.add(inv.operands().get(0));
        }
        return out;
    }

    /** {@code w FILE} commands and the {@code w FILE} flag of {@code s///}: the file name runs to the end of the line. */
    private static final Pattern SED_WRITE =
            Pattern.compile("(?:^|[;{}\\n]|[/|#,][gpIiMme0-9]*)\\s*w\\s*(/[^\\n;}]*|[^\\s/;}][^\\n;}]*)");

    private static void sedWrites(Arg script, List<Arg> out) {
        Matcher m = SED_WRITE.matcher(script.text());
        while (m.find()) {
            String f = m.group(1).strip();
            if (!f.isEmpty()) {
                out.add(script.withText(f));
            }
        }
    }
}
