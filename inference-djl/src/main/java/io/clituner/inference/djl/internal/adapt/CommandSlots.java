package io.clituner.inference.djl.internal.adapt;

import io.clituner.guardrails.parse.Ast.Redirect;
import io.clituner.guardrails.parse.Ast.Simple;
import io.clituner.guardrails.parse.Ast.Word;
import io.clituner.guardrails.parse.BashParser;
import io.clituner.guardrails.parse.ParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Finds the slots of a command with the guardrail's bash parser: every simple command (nested ones
 * included) is read word by word, and a word's role comes from its program and option
 * ({@code find -size}, {@code chmod MODE}, {@code grep PATTERN}, {@code head -n N}) or, for plain
 * operands, from its shape (a path, a file name, {@code *.ext}, {@code user@host}, {@code :8080}).
 * Words with expansions are never slots. Stateless and thread-safe.
 */
public final class CommandSlots {
    private static final int MAX_DEPTH = 32;
    private static final Set<String> WRAPPERS = Set.of(
            "sudo", "env", "nohup", "time", "nice", "ionice", "xargs", "watch", "command", "exec", "stdbuf", "timeout");
    /** Programs whose plain operands are paths even without a slash or an extension ({@code ls src}). */
    private static final Set<String> PATH_OPERANDS = Set.of(
            "ls",
            "cd",
            "du",
            "tree",
            "rm",
            "rmdir",
            "mkdir",
            "cp",
            "mv",
            "cat",
            "less",
            "more",
            "wc",
            "head",
            "tail",
            "stat",
            "file",
            "touch",
            "chmod",
            "chown",
            "chgrp",
            "find",
            "grep",
            "egrep",
            "fgrep",
            "rg",
            "zip",
            "unzip",
            "tar",
            "gzip",
            "gunzip",
            "bzip2",
            "xz",
            "shred",
            "realpath",
            "readlink",
            "basename",
            "dirname",
            "diff",
            "cmp",
            "md5sum",
            "sha256sum",
            "sha1sum",
            "sort",
            "uniq",
            "nl",
            "tac",
            "ln",
            "rsync",
            "scp",
            "code",
            "vim",
            "nano",
            "open",
            "xdg-open",
            "source",
            "bat",
            "hexdump",
            "xxd",
            "base64",
            "sed",
            "awk",
            "cut",
            "column",
            "jq",
            "split",
            "truncate",
            "dos2unix",
            "iconv",
            "strings",
            "lsattr",
            "chattr",
            "getfacl",
            "setfacl",
            "namei",
            "tee",
            "pushd",
            "zcat",
            "7z",
            "ncdu",
            "wget");

    private static final Set<String> PATTERN_FIRST =
            Set.of("grep", "egrep", "fgrep", "zgrep", "rg", "ag", "ack", "pgrep", "pkill");
    private static final Set<String> USER_OPTION_PROGRAMS = Set.of(
            "ps", "pkill", "pgrep", "top", "htop", "crontab", "killall", "sudo", "su", "w", "who", "last", "id",
            "groups");
    private static final Set<String> PORT_OPTION_PROGRAMS =
            Set.of("ssh", "scp", "sftp", "nc", "ncat", "mysql", "psql", "redis-cli");
    private static final Set<String> COUNT_OPTIONS =
            Set.of("-n", "-c", "-m", "-L", "--lines", "--bytes", "--max-count", "--max-depth", "-d", "-w", "-t", "-k");
    private static final Set<String> FIND_TIME = Set.of("-mtime", "-atime", "-ctime", "-mmin", "-amin", "-cmin");
    private static final Set<String> FIND_NAME =
            Set.of("-name", "-iname", "-path", "-ipath", "-wholename", "-iwholename", "-lname");

    private static final Pattern URL = Pattern.compile("(?:https?|ftp)://[^\\s'\"]+");
    private static final Pattern USER_AT_HOST =
            Pattern.compile("([a-z_][a-z0-9_.-]*)@([A-Za-z0-9][A-Za-z0-9.-]*[A-Za-z0-9])(:.*)?");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(?:\\.\\d{1,3}){3}");
    private static final Pattern PORT_IN_WORD =
            Pattern.compile("(?:^|[:=])(\\d{2,5})(?:/(?:tcp|udp))?$|^(\\d{2,5})/(?:tcp|udp)$");
    private static final Pattern GLOB_EXT = Pattern.compile("\\*\\.([A-Za-z0-9]{1,10})$");
    private static final Pattern INNER_GLOB = Pattern.compile("^\\*([A-Za-z0-9_-]+)\\*$");
    private static final Pattern HOSTNAME = Pattern.compile(
            "[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.(com|org|net|io|dev|edu|gov|local|internal|lan|example|test|cloud|app|me|info)");
    private static final Pattern AGO = Pattern.compile("(\\d+) (minutes?|hours?|days?|weeks?) ago");
    private static final Pattern NUMBER = Pattern.compile("\\d{1,9}");
    private static final Pattern OCTAL = Pattern.compile("[0-7]{3,4}");
    private static final Pattern SYMBOLIC = Pattern.compile("[ugoa]{0,3}[+=-][rwxXst]{1,4}");

    /** The command's slots in source order; empty when it does not parse. */
    public List<Slot> find(String command) {
        List<Simple> simples = simpleCommands(command);
        if (simples == null) {
            return List.of();
        }
        List<Slot> out = new ArrayList<>();
        for (Simple s : simples) {
            simple(command, s, out);
        }
        out.sort(Comparator.comparingInt(Slot::start));
        return dedupe(out);
    }

    private void simple(String src, Simple s, List<Slot> out) {
        List<Word> words = s.words();
        int p = programIndex(words);
        for (Redirect r : s.redirects()) {
            if (r.target() != null && !r.op().startsWith("<<") && !r.op().contains("&")) {
                operand(src, r.target(), null, out);
            }
        }
        if (p >= words.size()) {
            return;
        }
        String program = words.get(p).literal();
        if (program == null) {
            return;
        }
        program = program.substring(program.lastIndexOf('/') + 1);
        if (program.equals("find")) {
            findArguments(src, words, p + 1, out);
            return;
        }
        boolean firstOperandSeen = false;
        for (int i = p + 1; i < words.size(); i++) {
            Word w = words.get(i);
            String v = w.literal();
            if (v == null) {
                continue;
            }
            boolean hasNext = i + 1 < words.size();
            Word next = hasNext ? words.get(i + 1) : w; // read only when nv is not null, i.e. there is a next word
            String nv = hasNext ? next.literal() : null;
            if (v.startsWith("-")
                    && v.length() > 1
                    && !NUMBER.matcher(v.substring(1)).matches()) {
                if (nv != null && v.equals("-e") && PATTERN_FIRST.contains(program)) {
                    text(src, next, out); // the pattern: the operands after it are files
                    firstOperandSeen = true;
                    i++;
                } else {
                    i += option(src, w, v, next, nv, program, out);
                }
                continue;
            }
            boolean first = !firstOperandSeen;
            firstOperandSeen = true;
            programOperand(src, w, v, program, first, out);
        }
    }

    /** The index of the program word: past wrappers ({@code sudo -u root}, {@code xargs -n 1}) and their options. */
    private static int programIndex(List<Word> words) {
        int p = 0;
        while (p < words.size() && WRAPPERS.contains(String.valueOf(words.get(p).literal()))) {
            p++;
            while (p < words.size() && String.valueOf(words.get(p).literal()).startsWith("-")) {
                String opt = String.valueOf(words.get(p).literal()); // the loop test saw it start with '-'
                p += opt.equals("-u") || opt.equals("-n") || opt.equals("-I") || opt.equals("-P") || opt.equals("-c")
                        ? 2
                        : 1;
            }
        }
        return p;
    }

    /** A find's start points (before its expression) and the values of its tests. */
    private void findArguments(String src, List<Word> words, int from, List<Slot> out) {
        boolean expressionStarted = false;
        for (int i = from; i < words.size(); i++) {
            Word w = words.get(i);
            String v = w.literal();
            if (v == null) {
                continue;
            }
            if (v.startsWith("-") || v.equals("(") || v.equals("!")) {
                expressionStarted = true;
            }
            if (!expressionStarted) {
                if (v.equals(".") || v.contains("/") || v.startsWith("~") || v.matches("[A-Za-z0-9_][A-Za-z0-9_.-]*")) {
                    // a start point: "." when the request names none (see SlotAdapter)
                    out.add(new Slot(EntityKind.PATH, v, w.start(), w.end(), false, "start"));
                }
                continue;
            }
            String nv = i + 1 < words.size() ? words.get(i + 1).literal() : null;
            if (nv != null) {
                i = findTest(src, words, i, v, nv, out);
            }
        }
    }

    /**
     * The slot of find test {@code v} (word {@code i}) with argument {@code nv}; returns the index of
     * the test's last word ({@code -exec} runs to its {@code ;} or {@code +}).
     */
    private int findTest(String src, List<Word> words, int i, String v, String nv, List<Slot> out) {
        Word w = words.get(i);
        Word next = words.get(i + 1);
        if (FIND_NAME.contains(v)) {
            nameSlot(src, next, nv, out);
            return i + 1;
        } else if (v.equals("-size") && Units.parseFindSize(nv) >= 0) {
            char sign = nv.charAt(0);
            out.add(new Slot(
                    EntityKind.SIZE,
                    Long.toString(Units.parseFindSize(nv)),
                    next.start(),
                    next.end(),
                    false,
                    "size:" + sign));
            return i + 1;
        } else if (FIND_TIME.contains(v) && Units.parseFindTime(v, nv) >= 0) {
            char sign = nv.charAt(0);
            out.add(new Slot(
                    EntityKind.DURATION,
                    Long.toString(Units.parseFindTime(v, nv)),
                    w.start(),
                    next.end(),
                    false,
                    "time:" + v.charAt(1) + ":" + sign));
            return i + 1;
        } else if (v.equals("-user") || v.equals("-group")) {
            whole(src, next, EntityKind.USER, nv, out);
            return i + 1;
        } else if (v.equals("-perm")) {
            String mode = nv.replaceFirst("^[-/]", "");
            if (OCTAL.matcher(mode).matches()) {
                inner(src, next, EntityKind.PERMISSION, mode, out);
            }
            return i + 1;
        } else if (v.equals("-maxdepth") || v.equals("-mindepth")) {
            if (NUMBER.matcher(nv).matches()) {
                whole(src, next, EntityKind.NUMBER, nv, out);
            }
            return i + 1;
        } else if (v.equals("-newer")) {
            whole(src, next, EntityKind.FILE, nv, out);
            return i + 1;
        }
        int end = i;
        if (v.equals("-exec") || v.equals("-execdir") || v.equals("-ok")) {
            while (end + 1 < words.size()
                    && !";".equals(words.get(end + 1).literal())
                    && !"+".equals(words.get(end + 1).literal())) {
                end++;
            }
        }
        return end;
    }

    /**
     * The slot of option {@code v} of {@code program} or of its argument {@code next} (whose literal is
     * {@code nv}); returns how many words after the option it took (0 or 1).
     */
    private int option(String src, Word w, String v, Word next, @Nullable String nv, String program, List<Slot> out) {
        Matcher glob = GLOB_EXT.matcher(v);
        if ((v.startsWith("--include=") || v.startsWith("--exclude=")) && glob.find()) {
            innerLast(src, w, EntityKind.EXTENSION, glob.group(1), out);
            return 0;
        }
        if (nv == null) {
            return 0;
        }
        if (COUNT_OPTIONS.contains(v) && NUMBER.matcher(nv).matches()) {
            whole(src, next, EntityKind.NUMBER, nv, out);
        } else if ((v.equals("-p") || v.equals("-P"))
                && PORT_OPTION_PROGRAMS.contains(program)
                && NUMBER.matcher(nv).matches()) {
            whole(src, next, EntityKind.PORT, nv, out);
        } else if ((v.equals("-u") || v.equals("-U") || v.equals("-l"))
                && (USER_OPTION_PROGRAMS.contains(program) || program.equals("ssh"))
                && nv.matches("[a-z_][a-z0-9_-]*")) {
            whole(src, next, EntityKind.USER, nv, out);
        } else if ((v.equals("-i") && program.equals("lsof")) || (program.equals("tar") && v.matches("-[A-Za-z]*f"))) {
            operand(src, next, program, out);
        } else if (v.equals("-C")
                || (v.equals("-d") && program.equals("unzip"))
                || v.equals("-o")
                || v.equals("--output")) {
            operand(src, next, "ls", out);
        } else {
            return 0;
        }
        return 1;
    }

    /** A word that is no option: its role from the program ({@code first}: the program's first operand) or its shape. */
    private void programOperand(String src, Word w, String v, String program, boolean first, List<Slot> out) {
        if (first) {
            if (program.equals("chmod")
                    && (OCTAL.matcher(v).matches() || SYMBOLIC.matcher(v).matches())) {
                whole(src, w, EntityKind.PERMISSION, v, out);
                return;
            }
            if ((program.equals("chown") || program.equals("chgrp"))
                    && v.matches("[a-z_][a-z0-9_-]*(:[a-z_][a-z0-9_-]*)?")) {
                inner(src, w, EntityKind.USER, v.contains(":") ? v.substring(0, v.indexOf(':')) : v, out);
                return;
            }
            if (PATTERN_FIRST.contains(program)) {
                text(src, w, out);
                return;
            }
        }
        if ((program.equals("echo") || (program.equals("printf") && !v.contains("%"))) && !v.isEmpty()) {
            text(src, w, out); // the text to print
            return;
        }
        if (program.equals("kill") && NUMBER.matcher(v).matches()) {
            whole(src, w, EntityKind.NUMBER, v, out);
            return;
        }
        operand(src, w, program, out);
    }

    /** Every simple command of {@code command} (nested ones included), or null when it does not parse. */
    public static @Nullable List<Simple> simpleCommands(String command) {
        BashParser parser = new BashParser(command, MAX_DEPTH);
        try {
            parser.parse();
        } catch (ParseException | RuntimeException e) {
            return null;
        }
        return parser.seenCommands();
    }

    /**
     * {@code command} with one more {@code find} test, when it is one {@code find} without a test of
     * that kind ({@code -name}, {@code -size}, or a time test): the test goes before its first test
     * ({@code find . -type f -mtime +180} + {@code -name '*.mp3'} → {@code find . -name '*.mp3' -type f -mtime +180});
     * null when there is no such find or it already has such a test.
     */
    public static @Nullable String insertFindTest(String command, String test) {
        List<Simple> simples = simpleCommands(command);
        if (simples == null || simples.isEmpty()) {
            return null;
        }
        Set<String> sameKind =
                test.startsWith("-name") ? FIND_NAME : test.startsWith("-size") ? Set.of("-size") : FIND_TIME;
        Simple find = null;
        for (Simple s : simples) {
            String first = s.words().isEmpty() ? null : s.words().get(0).literal();
            if ("find".equals(first)) {
                if (find != null) {
                    return null;
                }
                find = s;
            }
        }
        if (find == null) {
            return null;
        }
        int at = find.end();
        for (int i = 1; i < find.words().size(); i++) {
            String v = find.words().get(i).literal();
            if (v == null || sameKind.contains(v)) {
                return null;
            }
            if (at == find.end() && (v.startsWith("-") || v.equals("(") || v.equals("!"))) {
                at = find.words().get(i).start();
            }
        }
        return at == find.end()
                ? command.substring(0, at) + " " + test + command.substring(at)
                : command.substring(0, at) + test + " " + command.substring(at);
    }

    /** A plain operand: its role comes from its shape. */
    @SuppressWarnings("AssignmentExpression") // an else-if chain over patterns: each branch keeps its own match
    private void operand(String src, Word w, @Nullable String program, List<Slot> out) {
        String v = w.literal();
        if (v == null || v.isEmpty() || v.equals("{}") || v.startsWith("-")) {
            return;
        }
        Matcher m;
        if (URL.matcher(v).matches()) {
            whole(src, w, EntityKind.URL, v, out);
        } else if ((m = USER_AT_HOST.matcher(v)).matches()) {
            inner(src, w, EntityKind.USER, m.group(1), out);
            inner(src, w, EntityKind.HOST, m.group(2), out);
        } else if ((m = AGO.matcher(v)).find()) {
            long minutes = Units.parsePhrase(m.group(1), m.group(2));
            int at = locate(src, w, m.group(1) + " " + m.group(2));
            if (minutes > 0 && at >= 0) {
                out.add(new Slot(
                        EntityKind.DURATION,
                        Long.toString(minutes),
                        at,
                        at + m.group(1).length() + 1 + m.group(2).length(),
                        quotedAt(src, w, at),
                        "phrase"));
            }
        } else if ((m = PORT_IN_WORD.matcher(v)).find()) {
            String port = m.group(1) != null ? m.group(1) : m.group(2);
            int colon = v.indexOf(':');
            if (colon > 0 && !v.startsWith(":")) {
                String host = v.substring(0, colon);
                if (host.equals("localhost")
                        || IPV4.matcher(host).matches()
                        || HOSTNAME.matcher(host).matches()) {
                    inner(src, w, EntityKind.HOST, host, out);
                }
            }
            innerLast(src, w, EntityKind.PORT, port, out);
        } else if (IPV4.matcher(v).matches()
                || (HOSTNAME.matcher(v).matches()
                        && !EntityWords.KNOWN_EXTENSIONS.contains(v.substring(v.lastIndexOf('.') + 1)))) {
            whole(src, w, EntityKind.HOST, v, out);
        } else if ((m = GLOB_EXT.matcher(v)).find()) {
            innerLast(src, w, EntityKind.EXTENSION, m.group(1), out);
        } else if (NUMBER.matcher(v).matches()) {
            whole(src, w, EntityKind.NUMBER, v, out);
        } else if (v.indexOf('*') >= 0 || v.indexOf('?') >= 0 || v.indexOf('[') >= 0) {
            return;
        } else if (v.contains("/") || v.equals(".") || v.equals("..") || v.equals("~") || v.startsWith("~")) {
            whole(src, w, EntityExtractor.looksLikeFile(v) ? EntityKind.FILE : EntityKind.PATH, v, out);
        } else if (EntityExtractor.looksLikeFile(v) || (v.startsWith(".") && v.length() > 1)) {
            whole(src, w, EntityKind.FILE, v, out);
        } else if (program != null && PATH_OPERANDS.contains(program) && v.matches("[A-Za-z0-9_][A-Za-z0-9_.-]*")) {
            whole(src, w, EntityKind.PATH, v, out);
        }
    }

    @SuppressWarnings("AssignmentExpression") // an else-if chain over patterns: each branch keeps its own match
    private void nameSlot(String src, Word w, String v, List<Slot> out) {
        Matcher m;
        if ((m = GLOB_EXT.matcher(v)).find() && v.startsWith("*")) {
            innerLast(src, w, EntityKind.EXTENSION, m.group(1), out);
        } else if ((m = INNER_GLOB.matcher(v)).matches()) {
            inner(src, w, EntityKind.NAME, m.group(1), out);
        } else if (v.matches("[A-Za-z0-9_][A-Za-z0-9_.-]*")) {
            whole(src, w, EntityKind.NAME, v, out);
        }
    }

    private void text(String src, Word w, List<Slot> out) {
        String v = w.literal();
        if (v != null && !v.isEmpty()) {
            whole(src, w, EntityKind.TEXT, v, out);
        }
    }

    private static void whole(String src, Word w, EntityKind kind, String value, List<Slot> out) {
        int from = w.start();
        int to = w.end();
        boolean quoted = false;
        // A word that is one quoted string: the slot is its inside, so the quotes stay.
        char c = src.charAt(from);
        if ((c == '\'' || c == '"')
                && to - from >= 2
                && src.charAt(to - 1) == c
                && src.indexOf(c, from + 1) == to - 1) {
            from++;
            to--;
            quoted = true;
        }
        if (src.substring(from, to).equals(value) || quoted) {
            out.add(new Slot(kind, value, from, to, quoted, "plain"));
        }
    }

    private static void inner(String src, Word w, EntityKind kind, String value, List<Slot> out) {
        int at = locate(src, w, value);
        if (at >= 0) {
            out.add(new Slot(kind, value, at, at + value.length(), quotedAt(src, w, at), "plain"));
        }
    }

    private static void innerLast(String src, Word w, EntityKind kind, String value, List<Slot> out) {
        int at = src.lastIndexOf(value, w.end() - 1);
        if (at >= w.start()) {
            out.add(new Slot(kind, value, at, at + value.length(), quotedAt(src, w, at), "plain"));
        }
    }

    private static int locate(String src, Word w, String value) {
        int at = src.indexOf(value, w.start());
        return at >= 0 && at + value.length() <= w.end() ? at : -1;
    }

    /** Whether position {@code at} of the word lies inside quotes (the word's own quoting, scanned from its start). */
    static boolean quotedAt(String src, Word w, int at) {
        return quotedAt(src, w.start(), at);
    }

    /** Whether position {@code at} lies inside quotes, scanning from {@code from} (a position outside quotes). */
    static boolean quotedAt(String src, int from, int at) {
        char state = 0;
        for (int i = from; i < at; i++) {
            char c = src.charAt(i);
            if (state == 0) {
                if (c == '\\') {
                    i++;
                } else if (c == '\'' || c == '"') {
                    state = c;
                }
            } else if (c == state) {
                state = 0;
            } else if (state == '"' && c == '\\') {
                i++;
            }
        }
        return state != 0;
    }

    private static List<Slot> dedupe(List<Slot> slots) {
        List<Slot> out = new ArrayList<>();
        int lastEnd = -1;
        for (Slot s : slots) {
            if (s.start() >= lastEnd) {
                out.add(s);
                lastEnd = s.end();
            }
        }
        return out;
    }
}
