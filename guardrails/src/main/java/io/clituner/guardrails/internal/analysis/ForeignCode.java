package io.clituner.guardrails.internal.analysis;

import io.clituner.guardrails.internal.expand.Sentinels;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A light scanner for inline programs in Python, Perl, Ruby, Node, PHP, Lua and awk. It does not
 * parse those languages; it finds string literals passed to calls that run shell commands or
 * delete files, and a few shapes that are hostile whatever the strings say (socket + shell,
 * fork loops, exec of decoded or downloaded data). Linear in the code length.
 */
public final class ForeignCode {
    private ForeignCode() {}

    /** What the scan found. Shell strings use {@link Sentinels#UNKNOWN} for non-literal pieces. */
    public record Scan(
            List<String> shellCode,
            List<String> deletedPaths,
            boolean reverseShell,
            boolean forkLoop,
            boolean hostileExec,
            boolean dynamicShell,
            List<String> decodedBlobs,
            List<FileAccess> files,
            boolean sends,
            List<String> downloads,
            List<String[]> modeChanges,
            List<String> evalCode) {}

    /** A file the program opens by a literal name: for writing (appending or truncating) or for reading. */
    public record FileAccess(String path, boolean write, boolean append) {}

    /** Code that decodes or de-obfuscates a payload (base64, hex, rot13, chr() concatenation, compression). */
    static boolean decodes(String lowerArgs) {
        String la = lowerArgs;
        return la.contains("b64decode")
                || la.contains("base64")
                || la.contains("decode_base64")
                || la.contains("atob")
                || la.contains("buffer.from")
                || la.contains("decompress")
                || la.contains("unhexlify")
                || la.contains("fromhex")
                || la.contains("rot13")
                || la.contains("rot_13")
                || la.contains("gzinflate")
                || la.contains("gzuncompress")
                || la.contains("unpack")
                || la.contains("fromcharcode")
                || (la.contains("chr(") && la.indexOf("chr(") != la.lastIndexOf("chr("))
                || la.contains("str_rot13")
                || la.contains("hex2bin")
                || la.contains("[::-1]")
                || la.contains("strrev")
                || la.contains("reverse")
                || la.contains("pack(");
    }

    /** Arguments that are one plain string literal (the decoder's name is then only text, not a call). */
    static boolean literalOnly(String args) {
        String t = args.strip();
        return t.length() >= 2
                && (t.charAt(0) == '"' || t.charAt(0) == '\'')
                && t.indexOf(t.charAt(0), 1) == t.length() - 1;
    }

    /** Scans an inline program of the named language ({@link ForeignLanguages}; an unknown name reads generically). */
    public static Scan scan(String language, String code) {
        Scan s = new ForeignScanner(ForeignLanguages.named(language), homeExpressions(code)).run();
        if (!s.reverseShell() && RuntimeEffects.socketShell(language, code)) { // Julia, JVM, Go, Rust, C, R, PowerShell
            return new Scan(
                    s.shellCode(),
                    s.deletedPaths(),
                    true,
                    s.forkLoop(),
                    s.hostileExec(),
                    s.dynamicShell(),
                    s.decodedBlobs(),
                    s.files(),
                    s.sends(),
                    s.downloads(),
                    s.modeChanges(),
                    s.evalCode());
        }
        return s;
    }

    /** An octal mode literal: 0o4755, 04755, 0755 (the digits without the prefix). */
    static final java.util.regex.Pattern OCTAL_MODE = java.util.regex.Pattern.compile("\\b0[oO]?([0-7]{3,4})\\b");

    /** {@code spawnSync('rm', ['-rf', '/'])}, {@code os.execv('/bin/rm', ['rm', '-rf', '/'])}: program and argv. */
    static @Nullable String argvCommand(String args) {
        List<String> lits = ForeignText.stringLiterals(args);
        if (lits.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder(quoteWord(lits.get(0)));
        int from = 1;
        if (lits.size() > 2
                && io.clituner.guardrails.internal.expand.BashNames.basename(lits.get(1))
                        .equals(io.clituner.guardrails.internal.expand.BashNames.basename(lits.get(0)))) {
            from = 2; // exec-family argv repeats the program name as argv[0]
        }
        for (int k = from; k < lits.size(); k++) {
            sb.append(' ').append(quoteWord(lits.get(k)));
        }
        return sb.toString();
    }

    private static String quoteWord(String w) {
        return "'" + w.replace("'", "'\\''") + "'";
    }

    /** Files opened, written or read by a literal name (perl's {@code open(F, ">>/etc/passwd")} included). */
    static void fileAccess(String callee, String simple, String args, List<FileAccess> files) {
        List<String> lits = ForeignText.stringLiterals(args);
        if (lits.isEmpty()) {
            return;
        }
        if (ForeignCalls.WRITE_CALLS.contains(callee) || ForeignCalls.WRITE_CALLS.contains(simple)) {
            boolean append = ForeignCalls.APPEND_CALLS.contains(simple)
                    || args.contains("FILE_APPEND")
                    || args.contains("'a'")
                    || args.contains("\"a\"");
            files.add(new FileAccess(lits.get(0), true, append));
            return;
        }
        if (ForeignCalls.READ_CALLS.contains(callee) || ForeignCalls.READ_CALLS.contains(simple)) {
            if (!lits.get(0).contains("://")) {
                files.add(new FileAccess(lits.get(0), false, false));
            }
            return;
        }
        for (int k = 0; k < lits.size(); k++) {
            String l = lits.get(k).strip();
            java.util.regex.Matcher m = PERL_MODE.matcher(l);
            if (m.matches()) {
                String path = !m.group(2).isEmpty() ? m.group(2) : k + 1 < lits.size() ? lits.get(k + 1) : null;
                if (path != null) {
                    boolean write = m.group(1).contains(">");
                    files.add(new FileAccess(path.strip(), write, m.group(1).contains(">>")));
                }
                return;
            }
        }
        String path = lits.get(0);
        String mode = lits.size() > 1 ? lits.get(1) : "r";
        boolean write = mode.matches("[rwaxbt+]{1,4}") && mode.matches(".*[wax+].*");
        files.add(new FileAccess(path, write, mode.contains("a")));
    }

    /** Perl/shell-style open modes: "&gt;&gt;/path", "&lt; /path", or the mode alone followed by the path. */
    private static final java.util.regex.Pattern PERL_MODE =
            java.util.regex.Pattern.compile("(\\+?>>?|\\+?<|>>|>|<)\\s*(/.*|)");

    /** Joins the literals of a call's arguments: a list literal becomes argv words, '+'/'.' concatenation joins. */
    static @Nullable String buildCommand(String args, ForeignLanguage lang) {
        String joined = joinCall(args);
        if (joined != null) {
            args = joined;
        }
        StringBuilder sb = new StringBuilder();
        boolean list = args.trim().startsWith("[")
                || args.trim().startsWith("(")
                || (lang.literalsAreArgv() && ForeignText.onlyLiterals(args)); // system "rm", "-rf", "/" runs an argv
        boolean any = false;
        int n = args.length();
        int depth = 0;
        int i = 0;
        while (i < n) {
            char c = args.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                int e = ForeignText.stringEnd(args, i);
                String lit = ForeignText.unescape(args.substring(i + 1, Math.max(i + 1, e)));
                if (lang.interpolates()) {
                    lit = ForeignText.interpolations(lit);
                }
                sb.append(list ? "'" + lit.replace("'", "'\\''") + "'" : lit);
                any = true;
                i = e + 1;
                continue;
            }
            if (c == '[' || c == '(' || c == '{') {
                depth++;
            } else if (c == ']' || c == ')' || c == '}') {
                depth--;
            } else if (c == ',' && depth <= 1) {
                if (list) {
                    sb.append(' ');
                } else if (depth == 0) {
                    break; // second argument (shell=True, options…)
                }
            } else if (Character.isJavaIdentifierStart(c) || c == '$') {
                int s = i;
                while (i < n
                        && (Character.isJavaIdentifierPart(args.charAt(i))
                                || args.charAt(i) == '.'
                                || args.charAt(i) == '$')) {
                    i++;
                }
                String ident = args.substring(s, i);
                if (!ident.equals("shell")
                        && !ident.equals("True")
                        && !ident.equals("true")
                        && !ident.equals("False")) {
                    sb.append(Sentinels.UNKNOWN);
                }
                continue;
            }
            i++;
        }
        return any || sb.length() > 0 ? sb.toString() : null;
    }

    /**
     * {@code ' '.join(['rm','-rf','/'])} (Python) or {@code ['rm','-rf','/'].join(' ')} (JavaScript, Ruby): the
     * joined string as one quoted literal, or null for other arguments.
     */
    static @Nullable String joinCall(String args) {
        int j = args.indexOf(".join(");
        if (j < 0) {
            return null;
        }
        String before = args.substring(0, j).strip();
        String inside = args.substring(j + 6, Math.max(j + 6, ForeignText.matching(args, j + 5)))
                .strip();
        String sep;
        String list;
        if (before.length() >= 2 && (before.charAt(0) == '\'' || before.charAt(0) == '"') && literalOnly(before)) {
            sep = ForeignText.stringLiterals(before).get(0);
            list = inside;
        } else if (before.startsWith("[") && before.endsWith("]") && literalOnly(inside)) {
            sep = ForeignText.stringLiterals(inside).get(0);
            list = before;
        } else {
            return null;
        }
        if (!list.startsWith("[") && !list.startsWith("(")) {
            return null;
        }
        List<String> items = ForeignText.stringLiterals(list);
        String body = list.substring(1, Math.max(1, list.length() - 1));
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\'' || c == '"') {
                i = ForeignText.stringEnd(body, i);
            } else if (Character.isJavaIdentifierStart(c)) {
                return null; // a variable in the list: not a constant
            }
        }
        String out = String.join(sep, items);
        return "'" + out.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** Expressions for the user's home directory, as the literal the walker uses for it ({@link Env#HOME}). */
    private static final List<String> HOME_EXPRESSIONS = List.of(
            "os.path.expanduser('~')",
            "os.path.expanduser(\"~\")",
            "pathlib.Path.home()",
            "Path.home()",
            "require('os').homedir()",
            "require(\"os\").homedir()",
            "os.homedir()",
            "os.environ['HOME']",
            "os.environ[\"HOME\"]",
            "os.getenv('HOME')",
            "os.getenv(\"HOME\")",
            "os.environ.get('HOME')",
            "os.environ.get(\"HOME\")",
            "process.env.HOME",
            "process.env['HOME']",
            "ENV['HOME']",
            "ENV[\"HOME\"]",
            "Dir.home",
            "getenv('HOME')",
            "getenv(\"HOME\")",
            "$_SERVER['HOME']",
            "File.expand_path('~')",
            "File.expand_path(\"~\")");

    /** Replaces calls that return the home directory by a string literal naming it, so deletions of it are seen. */
    static String homeExpressions(String code) {
        if (code.indexOf("home") < 0 && code.indexOf("HOME") < 0 && code.indexOf("~") < 0) {
            return code;
        }
        String home = "'" + io.clituner.guardrails.internal.expand.Env.HOME + "'";
        for (String e : HOME_EXPRESSIONS) {
            if (code.contains(e)) {
                code = code.replace(e, home);
            }
        }
        return code;
    }

    /** awk's {@code print … > "FILE"} and {@code >> "FILE"}: the file is written. */
    static void awkRedirects(String code, List<FileAccess> files) {
        int i = 0;
        while ((i = code.indexOf('>', i)) >= 0) {
            boolean append = i + 1 < code.length() && code.charAt(i + 1) == '>';
            int j = ForeignText.skipSpaces(code, i + (append ? 2 : 1));
            if (j < code.length() && code.charAt(j) == '"') {
                int stmt = i;
                while (stmt > 0 && ";{}\n".indexOf(code.charAt(stmt - 1)) < 0) {
                    stmt--;
                }
                String head = code.substring(stmt, i).strip();
                if (head.startsWith("print")) {
                    int e = ForeignText.stringEnd(code, j);
                    files.add(new FileAccess(
                            ForeignText.unescape(code.substring(j + 1, Math.max(j + 1, e))), true, append));
                }
            }
            i += append ? 2 : 1;
        }
    }

    static void awkPipes(String code, List<String> shell) {
        // print … | "cmd"   and   "cmd" | getline
        int i = 0;
        while ((i = code.indexOf('|', i)) >= 0) {
            int j = i + 1;
            while (j < code.length() && code.charAt(j) == ' ') {
                j++;
            }
            if (j < code.length() && code.charAt(j) == '"') {
                int e = ForeignText.stringEnd(code, j);
                String target = ForeignText.unescape(code.substring(j + 1, Math.max(j + 1, e)));
                shell.add(target);
                String first = target.trim().split("\\s+")[0];
                if (Programs.isShell(io.clituner.guardrails.internal.expand.BashNames.basename(first))) {
                    // print … | "sh": the printed text is the code
                    int p = code.lastIndexOf("print", i);
                    if (p >= 0) {
                        StringBuilder printed = new StringBuilder();
                        int k = p + 5;
                        while (k < i) {
                            char ch = code.charAt(k);
                            if (ch == '"') {
                                int se = ForeignText.stringEnd(code, k);
                                printed.append(ForeignText.unescape(code.substring(k + 1, Math.max(k + 1, se))));
                                k = se + 1;
                                continue;
                            }
                            if (Character.isLetterOrDigit(ch) || ch == '$') {
                                printed.append(io.clituner.guardrails.internal.expand.Sentinels.UNKNOWN);
                                while (k < i && (Character.isLetterOrDigit(code.charAt(k)) || code.charAt(k) == '$')) {
                                    k++;
                                }
                                continue;
                            }
                            k++;
                        }
                        shell.add(printed.toString());
                    }
                }
            }
            int k = i - 1;
            while (k >= 0 && code.charAt(k) == ' ') {
                k--;
            }
            if (k >= 0 && code.charAt(k) == '"' && code.startsWith("getline", ForeignText.skipSpaces(code, i + 1))) {
                int s = code.lastIndexOf('"', k - 1);
                if (s >= 0) {
                    shell.add(ForeignText.unescape(code.substring(s + 1, k)));
                }
            }
            i++;
        }
    }
}
