package io.clituner.guardrails.analysis;

import io.clituner.guardrails.expand.Sentinels;
import java.util.List;
import java.util.Set;
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
    public record Scan(List<String> shellCode, List<String> deletedPaths, boolean reverseShell, boolean forkLoop,
                       boolean hostileExec, boolean dynamicShell, List<String> decodedBlobs, List<FileAccess> files,
                       boolean sends, List<String> downloads, List<String[]> modeChanges, List<String> evalCode) {}

    /** Calls that save a URL to a local file: (url, file). */
    static final Set<String> DOWNLOAD_CALLS = Set.of("urlretrieve", "urllib.request.urlretrieve", "getstore",
            "mirror", "download_file", "wget.download");

    /** Calls that set a file's mode: python/node (path, mode), perl (mode, paths…). */
    static final Set<String> CHMOD_CALLS = Set.of("os.chmod", "chmod", "fs.chmodSync", "chmodSync", "File.chmod",
            "FileUtils.chmod", "os.lchmod");

    /** A file the program opens by a literal name: for writing (appending or truncating) or for reading. */
    public record FileAccess(String path, boolean write, boolean append) {}

    /** Calls that start a program from (path, [argv…]) rather than from one command string. */
    static final Set<String> ARGV_CALLS = Set.of("spawn", "spawnSync", "execFile", "execFileSync", "pcntl_exec",
            "execv", "execve", "execvp", "execvpe", "execl", "execlp", "execle", "spawnv", "spawnvp", "spawnl", "spawnlp");

    static final Set<String> OPEN_CALLS = Set.of("open", "fopen", "io.open", "File.open", "sysopen", "codecs.open");
    static final Set<String> WRITE_CALLS = Set.of("writeFileSync", "appendFileSync", "writeFile", "appendFile",
            "file_put_contents", "File.write", "IO.write", "write_file", "append_file", "spew", "Deno.writeTextFile");
    static final Set<String> APPEND_CALLS = Set.of("appendFileSync", "appendFile", "append_file");
    static final Set<String> READ_CALLS = Set.of("readFileSync", "readFile", "file_get_contents", "File.read",
            "IO.read", "read_file", "slurp", "File.binread", "Deno.readTextFile", "file");

    static final Set<String> SHELL_CALLS = Set.of("system", "popen", "os.system", "os.popen",
            "subprocess.call", "subprocess.run", "subprocess.Popen", "subprocess.check_output", "subprocess.check_call",
            "subprocess.getoutput", "subprocess.getstatusoutput", "commands.getoutput", "check_output", "check_call",
            "getoutput", "getstatusoutput", "Popen", "shell_exec", "passthru", "proc_open", "pcntl_exec", "execSync",
            "spawnSync", "execFileSync", "child_process.exec", "child_process.execSync", "cp.exec", "cp.execSync",
            "os.execute", "io.popen", "IO.popen", "Open3.capture2", "Open3.capture3", "Open3.popen3", "Kernel.system",
            "Kernel.exec", "spawn", "pty.spawn", "os.execl", "os.execlp", "os.execv", "os.execvp", "os.execve",
            "os.execvpe", "os.spawnl", "os.spawnlp", "os.spawnv", "os.spawnvp", "qx", "%x", "exec.Command",
            "Runtime.getRuntime().exec", "shell", "run_command", "sh");

    static final Set<String> DELETE_CALLS = Set.of("rmtree", "shutil.rmtree", "os.remove", "os.unlink",
            "os.rmdir", "os.removedirs", "unlink", "rmdir", "remove", "rm_rf", "rm_r", "FileUtils.rm_rf",
            "FileUtils.rm_r", "FileUtils.remove_dir", "FileUtils.rm", "File.delete", "Dir.delete", "fs.rmSync",
            "fs.rmdirSync", "fs.unlinkSync", "fs.rm", "fs.rmdir", "fs.unlink", "rmSync", "rmdirSync", "unlinkSync",
            "rimraf", "remove_tree", "File::Path::rmtree", "File::Path::remove_tree", "os.RemoveAll", "FileUtils.rm_f",
            "fs.promises.rm", "Deno.remove", "Bun.remove", "delete");

    static final Set<String> EVAL_CALLS = Set.of("exec", "eval", "compile", "Function", "instance_eval",
            "class_eval", "assert", "create_function", "loadstring", "load", "dofile", "execfile");

    /** Code that decodes or de-obfuscates a payload (base64, hex, rot13, chr() concatenation, compression). */
    static boolean decodes(String lowerArgs) {
        String la = lowerArgs;
        return la.contains("b64decode") || la.contains("base64") || la.contains("decode_base64")
                || la.contains("atob") || la.contains("buffer.from") || la.contains("decompress")
                || la.contains("unhexlify") || la.contains("fromhex") || la.contains("rot13") || la.contains("rot_13")
                || la.contains("gzinflate") || la.contains("gzuncompress") || la.contains("unpack")
                || la.contains("fromcharcode") || (la.contains("chr(") && la.indexOf("chr(") != la.lastIndexOf("chr("))
                || la.contains("str_rot13") || la.contains("hex2bin") || la.contains("[::-1]") || la.contains("strrev")
                || la.contains("reverse") || la.contains("pack(");
    }

    /** Arguments that are one plain string literal (the decoder's name is then only text, not a call). */
    static boolean literalOnly(String args) {
        String t = args.strip();
        return t.length() >= 2 && (t.charAt(0) == '"' || t.charAt(0) == '\'') && t.indexOf(t.charAt(0), 1) == t.length() - 1;
    }

    /** Scans an inline program of the named language ({@link ForeignLanguages}; an unknown name reads generically). */
    public static Scan scan(String language, String code) {
        Scan s = new ForeignScanner(ForeignLanguages.named(language), homeExpressions(code)).run();
        if (!s.reverseShell() && RuntimeEffects.socketShell(language, code)) { // Julia, JVM, Go, Rust, C, R, PowerShell
            return new Scan(s.shellCode(), s.deletedPaths(), true, s.forkLoop(), s.hostileExec(), s.dynamicShell(),
                    s.decodedBlobs(), s.files(), s.sends(), s.downloads(), s.modeChanges(), s.evalCode());
        }
        return s;
    }

    /** The scan's findings plus the shapes that are hostile whatever the strings say, judged on the whole text. */
    static Scan result(String lower, List<String> shell, List<String> deleted, boolean hostile, boolean dynamic,
                       List<String> blobs, List<FileAccess> files, List<String> downloads, List<String[]> modes,
                       List<String> evals) {
        boolean socket = lower.contains("socket") || lower.contains("fsockopen") || lower.contains("/inet/tcp")
                || lower.contains("/inet/udp") || lower.contains("net.connect") || lower.contains("createconnection")
                || lower.contains("tcpsocket") || lower.contains("/dev/tcp/")
                || ((lower.contains("require('net')") || lower.contains("require(\"net\")")) && lower.contains(".connect("));
        boolean shellish = lower.contains("/bin/sh") || lower.contains("/bin/bash") || lower.contains("dup2")
                || lower.contains("pty.spawn") || lower.contains("subprocess") || lower.contains("exec")
                || lower.contains("spawn") || lower.contains("system") || lower.contains("popen")
                || lower.contains("cmd.exe") || lower.contains("child_process") || lower.contains("|&")
                || lower.contains("proc_open")
                || lower.contains("getline");
        boolean reverse = socket && shellish;
        boolean fork = lower.contains("fork") && (lower.contains("while") || lower.contains("for(;;)")
                || lower.contains("for (;;)") || lower.contains("loop") || lower.contains("until")
                || lower.contains(" for ") || lower.contains("iter("));
        boolean fetches = lower.contains("fetch(") || lower.contains("urlopen") || lower.contains("requests.get")
                || lower.contains("net::http") || lower.contains("http.get") || lower.contains("lwp") || lower.contains("iwr ")
                || lower.contains("invoke-webrequest") || lower.contains("downloadstring") || lower.contains("webclient")
                || lower.contains("file_get_contents('http") || lower.contains("file_get_contents(\"http")
                || lower.contains("open-uri") || lower.contains("curl_exec") || lower.contains("urllib2")
                || ((lower.contains("require('http") || lower.contains("require(\"http")) && lower.contains(".get("));
        boolean evaluates = lower.contains("eval") || lower.contains("exec(") || lower.contains("exec ") || lower.contains("iex")
                || lower.contains("invoke-expression") || lower.contains("new function") || lower.contains("loadstring");
        hostile |= fetches && evaluates;
        boolean sends = lower.contains("requests.post") || lower.contains("requests.put") || lower.contains("httpx.post")
                || (lower.contains("urlopen(") && lower.contains("data")) || lower.contains("http.request(")
                || lower.contains("https.request(") || lower.contains("sendall(") || lower.contains("curl_exec")
                || lower.contains("net::http.post") || lower.contains("ftplib") || lower.contains("smtplib")
                || lower.contains("method:'post'") || lower.contains("method: 'post'") || lower.contains("method:\"post\"")
                || lower.contains("method: \"post\"") || (socket && (lower.contains("send(") || lower.contains("write(")
                || lower.contains("print ")));
        return new Scan(shell, deleted, reverse, fork, hostile, dynamic, blobs, files, sends || fetches, downloads, modes,
                evals);
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
        if (lits.size() > 2 && io.clituner.guardrails.expand.BashNames.basename(lits.get(1))
                .equals(io.clituner.guardrails.expand.BashNames.basename(lits.get(0)))) {
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
        if (WRITE_CALLS.contains(callee) || WRITE_CALLS.contains(simple)) {
            boolean append = APPEND_CALLS.contains(simple) || args.contains("FILE_APPEND") || args.contains("'a'")
                    || args.contains("\"a\"");
            files.add(new FileAccess(lits.get(0), true, append));
            return;
        }
        if (READ_CALLS.contains(callee) || READ_CALLS.contains(simple)) {
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
    private static final java.util.regex.Pattern PERL_MODE = java.util.regex.Pattern.compile("(\\+?>>?|\\+?<|>>|>|<)\\s*(/.*|)");

    static boolean isShellCall(String callee, String simple, ForeignLanguage lang, String lower) {
        if (SHELL_CALLS.contains(callee)) {
            return true;
        }
        if (callee.startsWith("subprocess.") || callee.startsWith("os.exec") || callee.startsWith("os.spawn")) {
            return true;
        }
        if (simple.equals("exec") || simple.equals("system") || simple.equals("spawn") || simple.equals("popen")
                || simple.equals("execSync") || simple.equals("shell_exec") || simple.equals("passthru")) {
            // exec(…) runs Python code in Python, a command elsewhere
            return lang.execRunsShell() || !simple.equals("exec");
        }
        return (simple.equals("run") || simple.equals("call") || simple.equals("Popen"))
                && lower.contains("subprocess");
    }

    static String simpleName(String callee) {
        int k = Math.max(callee.lastIndexOf('.'), Math.max(callee.lastIndexOf(':'), callee.lastIndexOf('>')));
        return k >= 0 ? callee.substring(k + 1) : callee;
    }

    /** Joins the literals of a call's arguments: a list literal becomes argv words, '+'/'.' concatenation joins. */
    static @Nullable String buildCommand(String args, ForeignLanguage lang) {
        String joined = joinCall(args);
        if (joined != null) {
            args = joined;
        }
        StringBuilder sb = new StringBuilder();
        boolean list = args.trim().startsWith("[") || args.trim().startsWith("(")
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
                while (i < n && (Character.isJavaIdentifierPart(args.charAt(i)) || args.charAt(i) == '.'
                        || args.charAt(i) == '$')) {
                    i++;
                }
                String ident = args.substring(s, i);
                if (!ident.equals("shell") && !ident.equals("True") && !ident.equals("true") && !ident.equals("False")) {
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
        String inside = args.substring(j + 6, Math.max(j + 6, ForeignText.matching(args, j + 5))).strip();
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
    private static final List<String> HOME_EXPRESSIONS = List.of("os.path.expanduser('~')", "os.path.expanduser(\"~\")",
            "pathlib.Path.home()", "Path.home()", "require('os').homedir()", "require(\"os\").homedir()", "os.homedir()",
            "os.environ['HOME']", "os.environ[\"HOME\"]", "os.getenv('HOME')", "os.getenv(\"HOME\")",
            "os.environ.get('HOME')", "os.environ.get(\"HOME\")", "process.env.HOME", "process.env['HOME']",
            "ENV['HOME']", "ENV[\"HOME\"]", "Dir.home", "getenv('HOME')", "getenv(\"HOME\")", "$_SERVER['HOME']",
            "File.expand_path('~')", "File.expand_path(\"~\")");

    /** Replaces calls that return the home directory by a string literal naming it, so deletions of it are seen. */
    static String homeExpressions(String code) {
        if (code.indexOf("home") < 0 && code.indexOf("HOME") < 0 && code.indexOf("~") < 0) {
            return code;
        }
        String home = "'" + io.clituner.guardrails.expand.Env.HOME + "'";
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
                    files.add(new FileAccess(ForeignText.unescape(code.substring(j + 1, Math.max(j + 1, e))), true, append));
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
                if (Programs.isShell(io.clituner.guardrails.expand.BashNames.basename(first))) {
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
                                printed.append(io.clituner.guardrails.expand.Sentinels.UNKNOWN);
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
