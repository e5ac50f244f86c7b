package io.clituner.guardrails.internal.analysis;

import io.clituner.guardrails.internal.expand.Arg;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which local files an invocation sends to another host: upload options of HTTP clients, files fed to raw
 * sockets, the local sources of remote copies. One definition for the exfiltration rules and for the
 * walker's tracking of secret files written earlier in a line.
 */
public final class Transfers {
    private Transfers() {}

    /** A pipeline stage whose file operands or input redirections may be what flows on to a sender. */
    public static final java.util.function.Predicate<Invocation> FILE_READER =
            up -> !up.name().isEmpty()
                    && !Programs.PRINTERS.contains(up.name())
                    && (up.size() > 1 || !up.redirects().isEmpty());

    private static final Set<String> HTTP_CLIENTS = Set.of("curl", "http", "https", "xh", "curlie", "httpie");

    /** Programs that send what they read on stdin or from an input redirection. */
    public static final Set<String> STREAM_SENDERS = Set.of(
            "nc",
            "ncat",
            "netcat",
            "nc.traditional",
            "nc.openbsd",
            "telnet",
            "socat",
            "curl",
            "wget",
            "openssl",
            "cryptcat",
            "ftp",
            "tftp",
            "ssh",
            "sftp",
            "pwncat",
            "sbd");

    private static final Set<String> REMOTE_COPIERS =
            Set.of("scp", "rsync", "sftp", "rclone", "s3cmd", "aws", "gsutil");

    /** Options of scp/rsync/sftp that take a value (skipped when looking for operands). */
    private static final Set<String> COPY_VALUE_OPTIONS =
            Set.of("-i", "-P", "-o", "-F", "-c", "-l", "-S", "-J", "-e", "-p");

    /** A host:path, s3:// or gs:// operand. */
    public static boolean remote(Arg a) {
        String t = a.text();
        int colon = t.indexOf(':');
        return (colon > 0 && !t.startsWith("/") && !t.startsWith(".") && (t.indexOf('/') < 0 || t.indexOf('/') > colon))
                || t.startsWith("s3://")
                || t.startsWith("gs://");
    }

    /** Local sources of scp/rsync/… when the destination (last operand) is on another host; else empty. */
    public static List<Arg> remoteCopySources(Invocation inv) {
        if (!REMOTE_COPIERS.contains(inv.name())) {
            return List.of();
        }
        List<Arg> ops = new ArrayList<>();
        for (int i = 1; i < inv.size(); i++) {
            String t = inv.arg(i).text();
            if (COPY_VALUE_OPTIONS.contains(t)) {
                i++;
            } else if (!t.startsWith("-")) {
                ops.add(inv.arg(i));
            }
        }
        if (ops.size() < 2 || !remote(ops.get(ops.size() - 1))) {
            return List.of();
        }
        List<Arg> out = new ArrayList<>();
        for (Arg a : ops.subList(0, ops.size() - 1)) {
            if (!remote(a)) {
                out.add(a);
            }
        }
        return out;
    }

    /** File-transfer clients that take a command script (stdin, here-string, {@code -c}/{@code -e}). */
    public static final Set<String> FTP_CLIENTS = Set.of(
            "ftp", "lftp", "sftp", "tftp", "ncftp", "pftp", "ftp-ssl", "yafc", "gftp-text", "busybox-ftp", "smbclient");

    /** Script commands that upload their local file operands. */
    private static final Set<String> UPLOAD_COMMANDS = Set.of("put", "mput", "send", "append", "reput", "uput");

    /**
     * Local files an FTP-style client uploads by its command script: {@code ftp h <<< 'put /etc/shadow'},
     * {@code echo 'put key' | sftp h}, {@code lftp -c 'open h; put f'}, {@code tftp h -c put f},
     * {@code smbclient //h/s -c 'put f'}, {@code lftp -e 'mirror -R dir'}.
     */
    public static List<Arg> scriptedUploads(Invocation inv) {
        if (!FTP_CLIENTS.contains(inv.name())) {
            return List.of();
        }
        List<String> scripts = new ArrayList<>();
        if (inv.stdin().content() != null) {
            scripts.add(inv.stdin().content());
        }
        for (int i = 1; i < inv.size(); i++) {
            String t = inv.arg(i).text();
            if ((t.equals("-c") || t.equals("-e")) && i + 1 < inv.size()) {
                StringBuilder sb = new StringBuilder(inv.arg(i + 1).text());
                if (inv.name().equals("tftp")) {
                    for (int k = i + 2; k < inv.size(); k++) {
                        sb.append(' ').append(inv.arg(k).text()); // tftp -c put FILE: the rest is one command
                    }
                }
                scripts.add(sb.toString());
            }
        }
        List<Arg> out = new ArrayList<>();
        for (String script : scripts) {
            for (String line : script.split("[\n;]")) {
                String[] w = line.trim().split("\\s+");
                if (w.length < 2) {
                    continue;
                }
                boolean mirrorUp = w[0].equals("mirror") && List.of(w).contains("-R");
                if (!UPLOAD_COMMANDS.contains(w[0]) && !mirrorUp) {
                    continue;
                }
                boolean many = w[0].equals("mput") || mirrorUp;
                for (int k = 1; k < w.length; k++) {
                    if (w[k].startsWith("-")) {
                        continue;
                    }
                    String f = w[k].replaceAll("^[\"']|[\"']$", "");
                    if (f.equals("~") || f.startsWith("~/")) {
                        f = io.clituner.guardrails.internal.expand.Env.HOME
                                + f.substring(1); // the clients expand ~ themselves
                    }
                    out.add(Arg.literal(f, inv.start(), inv.end()));
                    if (!many) {
                        break; // put LOCAL [REMOTE]
                    }
                }
            }
        }
        return out;
    }

    /** Local files this invocation sends over the network (paths as written, "@" and ";type=…" removed). */
    public static List<Arg> sent(Invocation inv) {
        String n = inv.name();
        List<Arg> out = new ArrayList<>(remoteCopySources(inv));
        out.addAll(scriptedUploads(inv));
        if (HTTP_CLIENTS.contains(n)) {
            for (int i = 1; i < inv.size(); i++) {
                String t = inv.arg(i).text();
                int at = t.indexOf('@');
                if (at >= 0 && at < t.length() - 1 && !t.contains("://")) {
                    String f = t.substring(at + 1);
                    int semi = f.indexOf(';');
                    out.add(inv.arg(i).withText(semi > 0 ? f.substring(0, semi) : f));
                }
            }
            Arg up = inv.optionValue('T', "--upload-file");
            if (up != null) {
                out.add(up);
            }
        }
        if (n.equals("wget") || n.equals("wget2")) {
            for (String opt : List.of("--post-file", "--body-file")) {
                Arg f = inv.optionValue('\0', opt);
                if (f != null) {
                    out.add(f);
                }
            }
        }
        if (STREAM_SENDERS.contains(n)) {
            for (Redir r : inv.redirects()) {
                if (r.reads()) {
                    out.add(r.target());
                }
            }
            for (Invocation up : Upstream.matches(inv.stdin().upstream(), FILE_READER)) {
                out.addAll(up.operands());
                for (Redir r : up.redirects()) {
                    if (r.reads()) {
                        out.add(r.target());
                    }
                }
            }
        }
        return out;
    }
}
