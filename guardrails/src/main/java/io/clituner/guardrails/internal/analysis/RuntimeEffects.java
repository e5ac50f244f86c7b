package io.clituner.guardrails.internal.analysis;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a program's API calls do, per runtime, where {@link ForeignCode}'s generic scan cannot see it: the calls that
 * open a network connection (or listen for one) and the calls that start a process. A program that does both is a
 * reverse or bind shell, whatever its strings say (Julia's {@code connect} + {@code run(`sh …`)}, Java's
 * {@code new java.net.Socket} + {@code ProcessBuilder} in jrunscript or jshell, Go's {@code net.Dial} +
 * {@code exec.Command}, Rust's {@code TcpStream::connect} + {@code Command::new}, C's {@code connect} +
 * {@code execve}). Also maps the programs that compile or run a source file to the file's language, so source text
 * written earlier in the line ({@code printf '…' > t.go && go run t.go}) is scanned like an inline program.
 * One row per runtime.
 */
public final class RuntimeEffects {
    private RuntimeEffects() {}

    /** Lower-case API tokens of one runtime: network endpoints, and process starts. */
    record Api(List<String> network, List<String> process) {}

    private static final Api JAVA = new Api(
            List.of("java.net.socket", "new socket(", "serversocket", "socketchannel", "java.net.inetsocketaddress"),
            List.of(
                    "processbuilder",
                    "getruntime().exec",
                    "runtime.exec",
                    ".exec(",
                    "/bin/sh",
                    "/bin/bash",
                    "cmd.exe"));

    private static final Map<String, Api> APIS = Map.of(
            "julia",
                    new Api(
                            List.of("connect(", "listen(", "sockets"),
                            List.of("run(", "read(`", "`sh", "`bash", "spawn(", "pipeline(", "/bin/sh", "/bin/bash")),
            "java", JAVA,
            "go",
                    new Api(
                            List.of("net.dial", "net.listen", "tls.dial"),
                            List.of("exec.command", "syscall.exec", "os.startprocess", "/bin/sh", "/bin/bash")),
            "rust",
                    new Api(
                            List.of("tcpstream::connect", "tcplistener::bind", "tcpstream", "udpsocket"),
                            List.of("command::new", "process::command", "/bin/sh", "/bin/bash")),
            "c",
                    new Api(
                            List.of("socket(", "connect(", "accept("),
                            List.of("execve(", "execl(", "execlp(", "execvp(", "system(", "popen(", "/bin/sh")),
            "r",
                    new Api(
                            List.of("socketconnection(", "make.socket(", "socketaccept("),
                            List.of("system(", "system2(", "pipe(", "/bin/sh")),
            "powershell",
                    new Api(
                            List.of("net.sockets.tcpclient", "tcpclient(", "tcplistener"),
                            List.of("invoke-expression", "iex", "start-process", "cmd.exe", "/bin/sh", "/bin/bash")));

    /** Whether code in this runtime both opens a network endpoint and starts a process. */
    public static boolean socketShell(String language, String code) {
        Api api = APIS.get(language);
        if (api == null) {
            return false;
        }
        String lower = code.toLowerCase(Locale.ROOT);
        return api.network().stream().anyMatch(lower::contains)
                && api.process().stream().anyMatch(lower::contains);
    }

    /** Programs that build or run a source file, and the language of that file. */
    private static final Map<String, String> SOURCE_RUNNERS = Map.ofEntries(
            Map.entry("go", "go"),
            Map.entry("rustc", "rust"),
            Map.entry("rust-script", "rust"),
            Map.entry("cargo-script", "rust"),
            Map.entry("gcc", "c"),
            Map.entry("cc", "c"),
            Map.entry("clang", "c"),
            Map.entry("tcc", "c"),
            Map.entry("g++", "c"),
            Map.entry("c++", "c"),
            Map.entry("clang++", "c"),
            Map.entry("java", "java"),
            Map.entry("javac", "java"),
            Map.entry("jshell", "java"),
            Map.entry("jrunscript", "java"),
            Map.entry("groovy", "java"),
            Map.entry("kotlinc", "java"),
            Map.entry("scala", "java"),
            Map.entry("julia", "julia"),
            Map.entry("Rscript", "r"));

    /**
     * The language of a source file that this invocation compiles or runs ({@code go run F.go}, {@code gcc F.c},
     * {@code rustc F.rs}, {@code java F.java}), or null when the operand is not such a file.
     */
    public static @Nullable String sourceLanguage(String program, String file) {
        String lang = SOURCE_RUNNERS.get(program);
        if (lang == null || file == null) {
            return null;
        }
        String ext = file.lastIndexOf('.') > 0 ? file.substring(file.lastIndexOf('.') + 1) : "";
        return switch (lang) {
            case "go" -> ext.equals("go") ? "go" : null;
            case "rust" -> ext.equals("rs") ? "rust" : null;
            case "c" -> ext.equals("c") || ext.equals("cc") || ext.equals("cpp") || ext.equals("cxx") ? "c" : null;
            case "java" ->
                ext.equals("java")
                                || ext.equals("jsh")
                                || ext.equals("groovy")
                                || ext.equals("kts")
                                || ext.equals("scala")
                                || ext.equals("js")
                        ? "java"
                        : null;
            case "julia" -> ext.equals("jl") ? "julia" : null;
            case "r" -> ext.equals("r") || ext.equals("R") ? "r" : null;
            default -> null;
        };
    }
}
