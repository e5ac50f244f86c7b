package io.clituner.guardrails.internal.analysis;

import io.clituner.guardrails.internal.analysis.ForeignCode.FileAccess;
import io.clituner.guardrails.internal.analysis.ForeignCode.Scan;
import java.util.List;

/**
 * Shapes of an inline program that are hostile whatever its strings say, judged on its whole lower-cased text: a
 * socket joined to a shell (a reverse shell), a fork in a loop, code fetched and evaluated, data sent away.
 */
final class ForeignShapes {
    private ForeignShapes() {}

    /** The scan's findings plus the shapes judged on the whole text. */
    static Scan result(
            String lower,
            List<String> shell,
            List<String> deleted,
            boolean hostile,
            boolean dynamic,
            List<String> blobs,
            List<FileAccess> files,
            List<String> downloads,
            List<String[]> modes,
            List<String> evals) {
        boolean socket = opensSocket(lower);
        boolean reverse = socket && startsShell(lower);
        boolean fetches = fetches(lower);
        boolean hostileExec = hostile || (fetches && evaluates(lower));
        return new Scan(
                shell,
                deleted,
                reverse,
                forkLoop(lower),
                hostileExec,
                dynamic,
                blobs,
                files,
                sends(lower, socket) || fetches,
                downloads,
                modes,
                evals);
    }

    private static boolean opensSocket(String lower) {
        return lower.contains("socket")
                || lower.contains("fsockopen")
                || lower.contains("/inet/tcp")
                || lower.contains("/inet/udp")
                || lower.contains("net.connect")
                || lower.contains("createconnection")
                || lower.contains("tcpsocket")
                || lower.contains("/dev/tcp/")
                || ((lower.contains("require('net')") || lower.contains("require(\"net\")"))
                        && lower.contains(".connect("));
    }

    private static boolean startsShell(String lower) {
        return lower.contains("/bin/sh")
                || lower.contains("/bin/bash")
                || lower.contains("dup2")
                || lower.contains("pty.spawn")
                || lower.contains("subprocess")
                || lower.contains("exec")
                || lower.contains("spawn")
                || lower.contains("system")
                || lower.contains("popen")
                || lower.contains("cmd.exe")
                || lower.contains("child_process")
                || lower.contains("|&")
                || lower.contains("proc_open")
                || lower.contains("getline");
    }

    private static boolean forkLoop(String lower) {
        return lower.contains("fork")
                && (lower.contains("while")
                        || lower.contains("for(;;)")
                        || lower.contains("for (;;)")
                        || lower.contains("loop")
                        || lower.contains("until")
                        || lower.contains(" for ")
                        || lower.contains("iter("));
    }

    private static boolean fetches(String lower) {
        return lower.contains("fetch(")
                || lower.contains("urlopen")
                || lower.contains("requests.get")
                || lower.contains("net::http")
                || lower.contains("http.get")
                || lower.contains("lwp")
                || lower.contains("iwr ")
                || lower.contains("invoke-webrequest")
                || lower.contains("downloadstring")
                || lower.contains("webclient")
                || lower.contains("file_get_contents('http")
                || lower.contains("file_get_contents(\"http")
                || lower.contains("open-uri")
                || lower.contains("curl_exec")
                || lower.contains("urllib2")
                || ((lower.contains("require('http") || lower.contains("require(\"http")) && lower.contains(".get("));
    }

    private static boolean evaluates(String lower) {
        return lower.contains("eval")
                || lower.contains("exec(")
                || lower.contains("exec ")
                || lower.contains("iex")
                || lower.contains("invoke-expression")
                || lower.contains("new function")
                || lower.contains("loadstring");
    }

    private static boolean sends(String lower, boolean socket) {
        return lower.contains("requests.post")
                || lower.contains("requests.put")
                || lower.contains("httpx.post")
                || (lower.contains("urlopen(") && lower.contains("data"))
                || lower.contains("http.request(")
                || lower.contains("https.request(")
                || lower.contains("sendall(")
                || lower.contains("curl_exec")
                || lower.contains("net::http.post")
                || lower.contains("ftplib")
                || lower.contains("smtplib")
                || lower.contains("method:'post'")
                || lower.contains("method: 'post'")
                || lower.contains("method:\"post\"")
                || lower.contains("method: \"post\"")
                || (socket && (lower.contains("send(") || lower.contains("write(") || lower.contains("print ")));
    }
}
