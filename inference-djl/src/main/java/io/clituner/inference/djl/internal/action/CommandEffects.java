package io.clituner.inference.djl.internal.action;

import io.clituner.guardrails.parse.Ast.Redirect;
import io.clituner.guardrails.parse.Ast.Simple;
import io.clituner.guardrails.parse.Ast.Word;
import io.clituner.inference.djl.internal.adapt.CommandSlots;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a command does beyond reading, from the guardrail's parse tree: every simple command
 * (nested ones, {@code find -exec} and {@code xargs} programs included) is classified by its
 * program, sub-command and options. A command that does not parse has no known effect.
 * Stateless and thread-safe.
 */
public final class CommandEffects {
    private static final Set<String> WRAPPERS =
            Set.of("sudo", "env", "nohup", "time", "nice", "ionice", "command", "exec", "stdbuf", "timeout", "watch");
    private static final Set<String> REMOVERS = Set.of(
            "rm",
            "rmdir",
            "unlink",
            "shred",
            "trash",
            "trash-put",
            "userdel",
            "groupdel",
            "deluser",
            "delgroup",
            "dropdb",
            "wipefs");
    private static final Set<String> KILLERS =
            Set.of("kill", "pkill", "killall", "xkill", "shutdown", "poweroff", "halt", "skill");
    private static final Set<String> CREATORS = Set.of(
            "touch",
            "mkdir",
            "mktemp",
            "tee",
            "ln",
            "useradd",
            "adduser",
            "groupadd",
            "fallocate",
            "mkfifo",
            "install",
            "createdb",
            "ssh-keygen");
    private static final Set<String> COMPRESSORS =
            Set.of("gzip", "bzip2", "xz", "zstd", "lz4", "pigz", "pbzip2", "lzma", "compress", "zip", "brotli");
    private static final Set<String> EXTRACTORS = Set.of(
            "gunzip",
            "bunzip2",
            "unxz",
            "unzstd",
            "unlzma",
            "uncompress",
            "unzip",
            "unrar",
            "zcat",
            "bzcat",
            "xzcat",
            "zstdcat",
            "lz4cat",
            "funzip");
    private static final Set<String> PACKAGE_MANAGERS = Set.of(
            "apt", "apt-get", "dnf", "yum", "zypper", "pacman", "brew", "snap", "flatpak", "pip", "pip3", "npm", "yarn",
            "pnpm", "gem", "cargo", "conda");

    public Set<Effect> effects(String command) {
        List<Simple> simples = CommandSlots.simpleCommands(command);
        Set<Effect> out = EnumSet.noneOf(Effect.class);
        if (simples == null) {
            return out;
        }
        for (Simple s : simples) {
            for (Redirect r : s.redirects()) {
                if ((r.op().equals(">") || r.op().equals(">>") || r.op().equals(">|") || r.op().equals("&>"))
                        && r.target() != null
                        && !"/dev/null".equals(r.target().literal())) {
                    out.add(Effect.CREATE);
                }
            }
            List<String> words = new ArrayList<>();
            for (Word w : s.words()) {
                words.add(w.literal() == null ? "$" : w.literal());
            }
            classify(words, 0, out);
        }
        return out;
    }

    private void classify(List<String> w, int from, Set<Effect> out) {
        int p = from;
        while (p < w.size() && (WRAPPERS.contains(w.get(p)) || (w.get(p).startsWith("-") && p > from))) {
            p++;
        }
        if (p >= w.size()) {
            return;
        }
        String prog = w.get(p).substring(w.get(p).lastIndexOf('/') + 1);
        List<String> args = w.subList(p + 1, w.size());
        String sub = firstOperand(args);
        switch (prog) {
            case "find" -> find(args, out);
            case "xargs" -> xargs(args, out);
            case "base64", "base32", "basenc", "xxd", "uuencode", "uudecode", "openssl" -> encoding(prog, args, out);
            case "tar", "bsdtar", "7z", "7za", "rar" -> archive(prog, args, sub, out);
            case "fuser", "systemctl", "service", "rc-service", "tmux", "screen", "pm2", "supervisorctl" ->
                stopper(prog, args, out);
            case "docker", "podman", "nerdctl" -> docker(args, out);
            case "docker-compose", "kubectl" -> orchestrator(prog, sub, out);
            case "git" -> git(args, sub, out);
            case "crontab", "truncate", "dd", "ln", "mv", "rename", "cp", "rsync", "ip" -> byOptions(prog, args, out);
            default -> byFamily(prog, args, sub, out);
        }
    }

    /** The program xargs runs, past xargs' own options. */
    private void xargs(List<String> args, Set<Effect> out) {
        int i = 0;
        while (i < args.size() && args.get(i).startsWith("-")) {
            String o = args.get(i);
            i += o.equals("-I")
                            || o.equals("-n")
                            || o.equals("-P")
                            || o.equals("-d")
                            || o.equals("-L")
                            || o.equals("-s")
                    ? 2
                    : 1;
        }
        if (i < args.size()) {
            classify(args.subList(i, args.size()), 0, out);
        }
    }

    private static void encoding(String prog, List<String> args, Set<Effect> out) {
        switch (prog) {
            case "base64", "base32", "basenc" ->
                out.add(has(args, "-d", "--decode", "-D") ? Effect.DECODE : Effect.ENCODE);
            case "xxd" -> out.add(has(args, "-r", "-revert") ? Effect.DECODE : Effect.ENCODE);
            case "uuencode" -> out.add(Effect.ENCODE);
            case "uudecode" -> out.add(Effect.DECODE);
            case "openssl" -> {
                if (args.contains("base64") || args.contains("-base64") || args.contains("-a")) {
                    out.add(has(args, "-d") ? Effect.DECODE : Effect.ENCODE);
                }
            }
            default -> {}
        }
    }

    private static void archive(String prog, List<String> args, @Nullable String sub, Set<Effect> out) {
        if (prog.equals("tar") || prog.equals("bsdtar")) {
            String first = args.isEmpty() ? "" : args.get(0);
            String letters = first.startsWith("--") ? "" : first.replace("-", "");
            if (letters.contains("x") || has(args, "--extract", "--get")) {
                out.add(Effect.EXTRACT);
            } else if (letters.contains("c") || has(args, "--create")) {
                out.add(Effect.COMPRESS);
            }
        } else if ("a".equals(sub)) {
            out.add(Effect.COMPRESS);
        } else if ("x".equals(sub) || "e".equals(sub)) {
            out.add(Effect.EXTRACT);
        }
    }

    /** Programs that stop processes or services only by some of their options or sub-commands. */
    private static void stopper(String prog, List<String> args, Set<Effect> out) {
        switch (prog) {
            case "fuser" -> {
                if (has(args, "-k", "--kill")) {
                    out.add(Effect.TERMINATE);
                }
            }
            case "systemctl", "service", "rc-service" -> {
                for (String a : args) {
                    switch (a) {
                        case "stop", "kill" -> out.add(Effect.TERMINATE);
                        case "disable", "mask" -> {
                            if (args.contains("--now")) {
                                out.add(Effect.TERMINATE);
                            }
                        }
                        default -> {}
                    }
                }
            }
            default -> {
                for (String a : args) {
                    if (a.startsWith("kill") || a.equals("stop") || a.equals("quit") || a.equals("delete")) {
                        out.add(Effect.TERMINATE);
                    }
                }
            }
        }
    }

    private static void orchestrator(String prog, @Nullable String sub, Set<Effect> out) {
        if (prog.equals("docker-compose")) {
            if ("down".equals(sub) || "stop".equals(sub) || "kill".equals(sub)) {
                out.add(Effect.TERMINATE);
            }
            if ("rm".equals(sub) || "down".equals(sub)) {
                out.add(Effect.REMOVE);
            }
        } else if ("delete".equals(sub)) {
            out.add(Effect.REMOVE);
            out.add(Effect.TERMINATE);
        } else if ("create".equals(sub) || "apply".equals(sub) || "run".equals(sub)) {
            out.add(Effect.CREATE);
        }
    }

    /** Programs whose effect on files (or routes, or the crontab) depends on their options. */
    private static void byOptions(String prog, List<String> args, Set<Effect> out) {
        switch (prog) {
            case "crontab" -> {
                if (has(args, "-r")) {
                    out.add(Effect.REMOVE);
                }
            }
            case "truncate" ->
                out.add(
                        has(args, "-s") && args.stream().anyMatch(a -> a.equals("0") || a.equals("-s0"))
                                ? Effect.REMOVE
                                : Effect.CREATE);
            case "dd" -> {
                if (args.stream().anyMatch(a -> a.startsWith("of="))) {
                    out.add(Effect.CREATE);
                }
            }
            case "ln" -> {
                out.add(Effect.CREATE);
                if (has(args, "-f", "--force")) {
                    out.add(Effect.REMOVE); // replaces an existing destination ("repoint the current symlink")
                }
            }
            case "mv", "rename" -> out.add(Effect.MOVE);
            case "cp", "rsync" -> {
                out.add(Effect.CREATE);
                if (has(args, "--delete", "--remove-source-files")) {
                    out.add(Effect.REMOVE);
                }
            }
            case "ip" -> {
                if (args.contains("del") || args.contains("delete")) {
                    out.add(Effect.REMOVE);
                }
            }
            default -> {}
        }
    }

    /** Any other program: by the family it belongs to (removers, killers, creators, package managers, …). */
    private static void byFamily(String prog, List<String> args, @Nullable String sub, Set<Effect> out) {
        if (REMOVERS.contains(prog)) {
            out.add(Effect.REMOVE);
        } else if (KILLERS.contains(prog) && !(prog.equals("kill") && has(args, "-l", "-L"))) {
            out.add(Effect.TERMINATE);
        } else if (CREATORS.contains(prog) && !(prog.equals("ssh-keygen") && has(args, "-l", "-F", "-y"))) {
            out.add(Effect.CREATE);
        } else if (COMPRESSORS.contains(prog)) {
            out.add(has(args, "-d", "--decompress", "--uncompress") ? Effect.EXTRACT : Effect.COMPRESS);
        } else if (EXTRACTORS.contains(prog)) {
            out.add(Effect.EXTRACT);
        } else if (PACKAGE_MANAGERS.contains(prog)
                && sub != null
                && (sub.equals("remove")
                        || sub.equals("purge")
                        || sub.equals("uninstall")
                        || sub.equals("autoremove")
                        || sub.equals("erase")
                        || sub.equals("rm"))) {
            out.add(Effect.REMOVE);
        } else if ((prog.equals("sed") && has(args, "-i"))
                || (prog.equals("perl") && args.stream().anyMatch(a -> a.startsWith("-pi") || a.equals("-i")))) {
            out.add(Effect.CREATE); // edits a file in place
        }
    }

    private void find(List<String> args, Set<Effect> out) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-delete")) {
                out.add(Effect.REMOVE);
            } else if ((a.equals("-exec") || a.equals("-execdir") || a.equals("-ok") || a.equals("-okdir"))
                    && i + 1 < args.size()) {
                int end = i + 1;
                while (end < args.size()
                        && !args.get(end).equals(";")
                        && !args.get(end).equals("+")) {
                    end++;
                }
                classify(args.subList(i + 1, end), 0, out);
                i = end;
            }
        }
    }

    private void docker(List<String> args, Set<Effect> out) {
        List<String> ops =
                args.stream().filter(a -> !a.startsWith("-")).limit(2).toList();
        if (ops.isEmpty()) {
            return;
        }
        String a = ops.get(0);
        String b = ops.size() > 1 ? ops.get(1) : "";
        if (a.equals("compose")) {
            a = b;
            if (a.equals("down")) {
                out.add(Effect.TERMINATE);
                out.add(Effect.REMOVE);
            }
        } else if (Set.of("container", "image", "volume", "network", "system", "builder")
                .contains(a)) {
            a = b;
        }
        switch (a) {
            case "rm", "rmi", "prune" -> out.add(Effect.REMOVE);
            case "stop", "kill" -> out.add(Effect.TERMINATE);
            case "create", "build", "run", "commit", "tag" -> out.add(Effect.CREATE);
            default -> {}
        }
        if (args.contains("rm") && args.contains("-f")) {
            out.add(Effect.TERMINATE);
        }
    }

    private void git(List<String> args, @Nullable String sub, Set<Effect> out) {
        if (sub == null) {
            return;
        }
        switch (sub) {
            case "rm", "clean" -> out.add(Effect.REMOVE);
            case "mv" -> out.add(Effect.MOVE);
            case "branch", "tag" -> {
                if (has(args, "-d", "-D", "--delete")) {
                    out.add(Effect.REMOVE);
                } else if (!listsRefs(args, sub)) {
                    out.add(Effect.CREATE);
                }
            }
            case "push" -> {
                if (has(args, "--delete", "-d") || args.stream().anyMatch(a -> a.startsWith(":") && a.length() > 1)) {
                    out.add(Effect.REMOVE);
                }
            }
            case "stash" -> {
                if (args.contains("drop") || args.contains("clear")) {
                    out.add(Effect.REMOVE);
                }
            }
            case "remote", "worktree", "submodule" -> {
                if (args.contains("remove") || args.contains("rm") || args.contains("prune")) {
                    out.add(Effect.REMOVE);
                } else if (args.contains("add")) {
                    out.add(Effect.CREATE);
                }
            }
            case "init", "clone", "checkout", "switch" -> {
                if ((!sub.equals("checkout") && !sub.equals("switch")) || has(args, "-b", "-c", "-B")) {
                    out.add(Effect.CREATE);
                }
            }
            default -> {}
        }
    }

    /** "git branch", "git tag -l v1*", "git branch --merged main": listing, not creating a ref. */
    private static boolean listsRefs(List<String> args, String sub) {
        if (has(
                args,
                "-a",
                "--all",
                "-r",
                "--remotes",
                "-l",
                "--list",
                "--show-current",
                "--merged",
                "--no-merged",
                "--contains",
                "--no-contains",
                "--points-at",
                "-v",
                "-vv",
                "--verbose",
                "-n",
                "--sort",
                "--format",
                "--column")) {
            return true;
        }
        return args.stream().skip(args.indexOf(sub) + 1).noneMatch(a -> !a.startsWith("-"));
    }

    private static @Nullable String firstOperand(List<String> args) {
        for (String a : args) {
            if (!a.startsWith("-")) {
                return a;
            }
        }
        return null;
    }

    private static boolean has(List<String> args, String... options) {
        for (String a : args) {
            for (String o : options) {
                if (a.equals(o)) {
                    return true;
                }
                // clustered short options: -xd contains -d
                if (o.length() == 2
                        && o.charAt(0) == '-'
                        && a.length() > 2
                        && a.charAt(0) == '-'
                        && a.charAt(1) != '-'
                        && a.indexOf(o.charAt(1)) > 0) {
                    return true;
                }
            }
        }
        return false;
    }
}
