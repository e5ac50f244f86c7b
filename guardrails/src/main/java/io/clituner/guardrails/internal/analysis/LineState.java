package io.clituner.guardrails.internal.analysis;

import io.clituner.guardrails.internal.expand.Arg;
import io.clituner.guardrails.internal.expand.BashNames;
import io.clituner.guardrails.parse.Ast;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The data-flow state of one analysed line: what earlier commands downloaded, wrote, copied, read from secrets
 * or looked up as PIDs, so that later commands are judged by what they really run or send. Owned by one {@link Walker};
 * nested code shares it (a file written by {@code sh -c} is still written).
 */
final class LineState {
    final Map<Integer, Producers.Output> procSubOutputs = new HashMap<>();

    /** Set while the last network fetch was an HTTPS URL on a well-known code host (see {@link CodeRunner#foreign}). */
    boolean trustedInstaller;

    /** Files a downloader in this command line writes; running one of them later is running downloaded code. */
    final java.util.Set<String> downloaded = new java.util.HashSet<>();

    /** Files written with known text in this line (a script that a later command may run). */
    final Map<String, String> writtenFiles = new HashMap<>();

    /** Program files copied or linked to a new name in this line ({@code cp /bin/rm ./x}). */
    final Map<String, String> copiedPrograms = new HashMap<>();

    /** Source spans of command substitutions whose commands read secrets ($(cat /etc/shadow)). */
    final List<int[]> secretSubstitutions = new ArrayList<>();

    /** Files written from secrets in this line, and whether a later command sends them. */
    final SecretFlow secretFlow = new SecretFlow();

    int secretReads;

    /** The last invocation that read a secret (a compound that ran it passes it on to the next pipeline stage). */
    @Nullable
    Invocation lastSecretSource;

    /** Process names whose PIDs programs printed so far ({@link PidLookup}), and the $(…) spans that printed them. */
    final List<String> pidNames = new ArrayList<>();

    final List<PidSpan> pidSubstitutions = new ArrayList<>();

    /** Source spans of words that expand secret-named variables from the environment ({@link SecretVariables}). */
    List<int[]> secretNames = List.of(); // allocated at the first one

    /** File descriptors the line opened on /dev/tcp or /dev/udp ({@link NetworkShells}). */
    Set<Integer> networkFds = Set.of(); // allocated when a line opens one

    /** Web terminals and public tunnels met in the line; created at the first one. */
    @Nullable
    ExposedShells exposedShells;

    /** Variables holding data read from secrets ({@code read l} fed by {@code xxd -p /etc/shadow}, {@code x=$(cat key)}). */
    final java.util.Set<String> secretVars = new java.util.HashSet<>();

    record PidSpan(int start, int end, List<String> names) {}

    /** IFS given as a prefix assignment to the command being processed ({@code IFS=, read -ra a}), else null. */
    @Nullable
    String readIfs;

    /** While analysing code run by find -exec: the walk's root and the words that stand for its files. */
    @Nullable
    String treeContext;

    java.util.Set<String> treeItems = java.util.Set.of();

    /** Above zero while analysing code that runs later (start-up files, cron tables, at jobs). */
    int deferred;

    void recordDownload(Invocation inv) {
        String name = inv.name();
        String url = null;
        for (Arg a : inv.args()) {
            if (a.text().contains("://")) {
                url = a.text();
            }
        }
        Arg out = null;
        if (name.equals("curl")) {
            out = inv.optionValue('o', "--output");
            if (out == null && url != null && (inv.hasOption('O', "--remote-name") || inv.hasArg("-O"))) {
                out = Arg.literal(BashNames.basename(url), 0, 0);
            }
        } else if (name.equals("tftp") || name.equals("busybox-tftp")) {
            Arg remote = inv.optionValue('r', null);
            out = inv.optionValue('l', null);
            if (out == null && remote != null && remote.resolved()) {
                out = Arg.literal(BashNames.basename(remote.text()), 0, 0);
            }
        } else if (name.equals("wget") || name.equals("aria2c") || name.equals("fetch")) {
            out = inv.optionValue('O', "--output-document");
            if (out == null && url != null) {
                Arg dir = name.equals("wget")
                        ? inv.optionValue('P', "--directory-prefix")
                        : inv.optionValue('d', "--dir");
                String base = BashNames.basename(url);
                out = Arg.literal(
                        dir != null && dir.resolved() ? dir.text().replaceAll("/+$", "") + "/" + base : base, 0, 0);
            }
        }
        if (out != null && out.resolved() && !out.is("-")) {
            String f = out.text();
            downloaded.add(f.startsWith("./") ? f.substring(2) : f);
        }
    }

    boolean isDownloaded(String path) {
        if (downloaded.isEmpty()) {
            return false;
        }
        return downloaded.contains(path.startsWith("./") ? path.substring(2) : path);
    }

    /** Every URL is HTTPS on a public code host (the shape of published installers). */
    static boolean trustedUrl(Invocation inv) {
        boolean any = false;
        for (Arg a : inv.args()) {
            String t = a.text();
            if (t.contains("://")) {
                if (!t.matches(
                        "https://(raw\\.githubusercontent\\.com|raw\\.github\\.com|github\\.com|gitlab\\.com)/[^\\s]*")) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }

    void taint(String var, boolean secret) {
        if (secret) {
            secretVars.add(var);
        } else {
            secretVars.remove(var);
        }
    }

    /** Whether the word expands a variable that holds secret data. */
    boolean readsSecretVar(Ast.Word w) {
        if (secretVars.isEmpty()) {
            return false;
        }
        for (Ast.Part p : w.parts()) {
            if (p instanceof Ast.Param param
                    && (secretVars.contains(param.name()) || (param.arg() != null && readsSecretVar(param.arg())))) {
                return true;
            }
        }
        return false;
    }

    /** Names whose PIDs a $(…) inside one of this invocation's arguments looked up. */
    List<String> pidsFromSubstitutions(Invocation inv) {
        List<String> names = new ArrayList<>();
        for (Arg a : inv.args()) {
            for (PidSpan p : pidSubstitutions) {
                if (p.start() >= a.start() && p.end() <= a.end()) {
                    names.addAll(p.names());
                }
            }
        }
        return names;
    }

    static final java.util.Set<String> READERS = java.util.Set.of(
            "cat", "base64", "tar", "head", "tail", "xxd", "gzip", "zip", "od", "strings", "less", "more", "tac",
            "openssl", "gpg", "sed", "awk", "grep", "cut", "bzip2", "xz", "7z", "hexdump", "base32", "dd", "cpio");

    /** Whether a pipeline stage upstream of this one reads secrets (xxd -p /etc/shadow | while read l…). */
    static boolean secretUpstream(Stdin in) {
        return in.piped() && Upstream.first(in.upstream(), SECRET_READER) != null;
    }

    static final java.util.function.Predicate<Invocation> PID_PRINTER =
            up -> !PidLookup.names(up).isEmpty();

    /** A stage that prints secrets: the environment, or a secret file read by a program that passes it on. */
    static final java.util.function.Predicate<Invocation> SECRET_READER = up -> {
        if (Programs.dumpsSecrets(up)) {
            return true;
        }
        if (READERS.contains(up.name())) {
            for (Arg a : up.operands()) {
                if (Paths.isSecret(a)) {
                    return true;
                }
            }
        }
        return false;
    };

    /** A file name as the line's tables key it: without a leading "./". */
    static String local(String path) {
        return path.startsWith("./") ? path.substring(2) : path;
    }

    /**
     * What an invocation leaves behind for later commands: files a downloader or hostile output writes, scripts
     * echo/printf write with known text, and program files copied or linked to a new name.
     */
    void recordOutputs(Invocation inv) {
        String name = inv.name();
        if (Programs.NETWORK.contains(name)) {
            trustedInstaller = trustedUrl(inv);
            recordDownload(inv);
        }
        Producers.Output o = null; // computed once: a command may have thousands of redirections
        for (Redir r : inv.redirects()) {
            if (r.writes() && r.target().resolved()) {
                o = o == null ? Producers.output(inv) : o;
                String f = r.target().text();
                if (Programs.NETWORK.contains(name) || o.origin().hostile()) {
                    downloaded.add(local(f));
                } else if (o.content() != null && (name.equals("echo") || name.equals("printf"))) {
                    writtenFiles.put(local(f), o.content());
                }
            }
        }
        if ((name.equals("cp") || name.equals("ln") || name.equals("install") || name.equals("mv"))
                && inv.operands().size() == 2
                && inv.operands().get(0).resolved()
                && inv.operands().get(1).resolved()) {
            copiedPrograms.put(
                    local(inv.operands().get(1).text()), inv.operands().get(0).text());
        }
    }

    /** A program that dumps secrets (env, printenv…) or a reader given a secret file: the line has read a secret. */
    void recordSecretReads(Invocation inv) {
        if (Programs.dumpsSecrets(inv)) {
            secretReads++;
            lastSecretSource = inv;
        }
        if (READERS.contains(inv.name())) {
            for (Arg a : inv.operands()) {
                if (Paths.isSecret(a)) {
                    secretReads++;
                    lastSecretSource = inv;
                    break;
                }
            }
        }
    }
}
