package io.clituner.guardrails.internal.analysis;

import java.util.Set;

/**
 * What calls in an inline program do, by name ({@link ForeignScanner} looks each call up here): download, change a
 * file's mode, open, write or read a file, start a program from an argv or a command string, delete, evaluate code.
 * The names of several languages share one set; the language decides only where it must ({@link #isShellCall}).
 */
final class ForeignCalls {
    private ForeignCalls() {}

    /** Calls that save a URL to a local file: (url, file). */
    static final Set<String> DOWNLOAD_CALLS =
            Set.of("urlretrieve", "urllib.request.urlretrieve", "getstore", "mirror", "download_file", "wget.download");

    /** Calls that set a file's mode: python/node (path, mode), perl (mode, paths…). */
    static final Set<String> CHMOD_CALLS =
            Set.of("os.chmod", "chmod", "fs.chmodSync", "chmodSync", "File.chmod", "FileUtils.chmod", "os.lchmod");

    /** Calls that start a program from (path, [argv…]) rather than from one command string. */
    static final Set<String> ARGV_CALLS = Set.of(
            "spawn",
            "spawnSync",
            "execFile",
            "execFileSync",
            "pcntl_exec",
            "execv",
            "execve",
            "execvp",
            "execvpe",
            "execl",
            "execlp",
            "execle",
            "spawnv",
            "spawnvp",
            "spawnl",
            "spawnlp");

    static final Set<String> OPEN_CALLS = Set.of("open", "fopen", "io.open", "File.open", "sysopen", "codecs.open");
    static final Set<String> WRITE_CALLS = Set.of(
            "writeFileSync",
            "appendFileSync",
            "writeFile",
            "appendFile",
            "file_put_contents",
            "File.write",
            "IO.write",
            "write_file",
            "append_file",
            "spew",
            "Deno.writeTextFile");
    static final Set<String> APPEND_CALLS = Set.of("appendFileSync", "appendFile", "append_file");
    static final Set<String> READ_CALLS = Set.of(
            "readFileSync",
            "readFile",
            "file_get_contents",
            "File.read",
            "IO.read",
            "read_file",
            "slurp",
            "File.binread",
            "Deno.readTextFile",
            "file");

    static final Set<String> SHELL_CALLS = Set.of(
            "system",
            "popen",
            "os.system",
            "os.popen",
            "subprocess.call",
            "subprocess.run",
            "subprocess.Popen",
            "subprocess.check_output",
            "subprocess.check_call",
            "subprocess.getoutput",
            "subprocess.getstatusoutput",
            "commands.getoutput",
            "check_output",
            "check_call",
            "getoutput",
            "getstatusoutput",
            "Popen",
            "shell_exec",
            "passthru",
            "proc_open",
            "pcntl_exec",
            "execSync",
            "spawnSync",
            "execFileSync",
            "child_process.exec",
            "child_process.execSync",
            "cp.exec",
            "cp.execSync",
            "os.execute",
            "io.popen",
            "IO.popen",
            "Open3.capture2",
            "Open3.capture3",
            "Open3.popen3",
            "Kernel.system",
            "Kernel.exec",
            "spawn",
            "pty.spawn",
            "os.execl",
            "os.execlp",
            "os.execv",
            "os.execvp",
            "os.execve",
            "os.execvpe",
            "os.spawnl",
            "os.spawnlp",
            "os.spawnv",
            "os.spawnvp",
            "qx",
            "%x",
            "exec.Command",
            "Runtime.getRuntime().exec",
            "shell",
            "run_command",
            "sh");

    static final Set<String> DELETE_CALLS = Set.of(
            "rmtree",
            "shutil.rmtree",
            "os.remove",
            "os.unlink",
            "os.rmdir",
            "os.removedirs",
            "unlink",
            "rmdir",
            "remove",
            "rm_rf",
            "rm_r",
            "FileUtils.rm_rf",
            "FileUtils.rm_r",
            "FileUtils.remove_dir",
            "FileUtils.rm",
            "File.delete",
            "Dir.delete",
            "fs.rmSync",
            "fs.rmdirSync",
            "fs.unlinkSync",
            "fs.rm",
            "fs.rmdir",
            "fs.unlink",
            "rmSync",
            "rmdirSync",
            "unlinkSync",
            "rimraf",
            "remove_tree",
            "File::Path::rmtree",
            "File::Path::remove_tree",
            "os.RemoveAll",
            "FileUtils.rm_f",
            "fs.promises.rm",
            "Deno.remove",
            "Bun.remove",
            "delete");

    static final Set<String> EVAL_CALLS = Set.of(
            "exec",
            "eval",
            "compile",
            "Function",
            "instance_eval",
            "class_eval",
            "assert",
            "create_function",
            "loadstring",
            "load",
            "dofile",
            "execfile");

    static boolean isShellCall(String callee, String simple, ForeignLanguage lang, String lower) {
        if (SHELL_CALLS.contains(callee)) {
            return true;
        }
        if (callee.startsWith("subprocess.") || callee.startsWith("os.exec") || callee.startsWith("os.spawn")) {
            return true;
        }
        if (simple.equals("exec")
                || simple.equals("system")
                || simple.equals("spawn")
                || simple.equals("popen")
                || simple.equals("execSync")
                || simple.equals("shell_exec")
                || simple.equals("passthru")) {
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
}
