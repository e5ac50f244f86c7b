package io.clituner.inference.djl.internal.host;

import io.clituner.guardrails.parse.Ast.Simple;
import io.clituner.guardrails.parse.Ast.Word;
import io.clituner.inference.djl.internal.adapt.CommandSlots;
import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The programs a host can run: executables on its {@code PATH} (read once) and bash builtins. As a
 * predicate over commands it accepts those whose every program (found with the bash parser, nested
 * ones and those behind {@code sudo}, {@code xargs}, {@code find -exec} included) is available, so
 * that the engine can restrict its answers to what the host has installed. Immutable, thread-safe.
 */
public final class InstalledPrograms implements Predicate<String> {
    private static final Set<String> BUILTINS = Set.of(
            "cd",
            "echo",
            "printf",
            "export",
            "source",
            ".",
            "alias",
            "unalias",
            "history",
            "jobs",
            "fg",
            "bg",
            "type",
            "test",
            "[",
            "[[",
            "ulimit",
            "umask",
            "read",
            "set",
            "unset",
            "eval",
            "exec",
            "command",
            "pushd",
            "popd",
            "dirs",
            "wait",
            "kill",
            "true",
            "false",
            "let",
            "declare",
            "local",
            "shift",
            "trap",
            "exit",
            "return",
            "break",
            "continue",
            "times",
            "hash",
            "help",
            "getopts",
            "readonly",
            "shopt",
            "builtin",
            "disown",
            "suspend",
            "mapfile",
            "readarray",
            "compgen",
            "complete",
            "caller",
            "enable",
            "logout",
            ":");
    private static final Set<String> RUNS_NEXT_WORD =
            Set.of("sudo", "xargs", "nohup", "time", "nice", "env", "timeout", "watch", "exec", "command", "stdbuf");

    private final Set<String> names;

    private InstalledPrograms(Set<String> names) {
        this.names = Set.copyOf(names);
    }

    /** The executables on this process's {@code PATH}. */
    public static InstalledPrograms fromEnvironment() {
        return fromPath(System.getenv().getOrDefault("PATH", ""));
    }

    /** The executables in the directories of a {@code PATH}-style list. */
    public static InstalledPrograms fromPath(String path) {
        Set<String> names = new HashSet<>();
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            try (DirectoryStream<Path> files = Files.newDirectoryStream(Path.of(dir))) {
                for (Path f : files) {
                    if (Files.isExecutable(f) && !Files.isDirectory(f)) {
                        names.add(f.getFileName().toString());
                    }
                }
            } catch (IOException | RuntimeException e) {
                // a PATH entry that is missing or unreadable holds no programs
            }
        }
        return new InstalledPrograms(names);
    }

    public boolean has(String program) {
        return BUILTINS.contains(program) || names.contains(program);
    }

    /** Whether every program the command runs is installed (a command that does not parse is not). */
    @Override
    public boolean test(String command) {
        List<Simple> simples = CommandSlots.simpleCommands(command);
        if (simples == null) {
            return false;
        }
        for (Simple s : simples) {
            List<Word> words = s.words();
            boolean next = true;
            for (int i = 0; i < words.size() && next; i++) {
                String w = words.get(i).literal();
                if (w == null) {
                    break; // a program named by an expansion: nothing to check
                }
                if (w.startsWith("-") || (w.contains("=") && i > 0)) {
                    continue;
                }
                String name = w.substring(w.lastIndexOf('/') + 1);
                if (w.startsWith("./") || w.startsWith("../")) {
                    break; // the user's own script
                }
                if (!has(name)) {
                    return false;
                }
                next = RUNS_NEXT_WORD.contains(name);
            }
            for (int i = 0; i + 1 < words.size(); i++) {
                String w = words.get(i).literal();
                String prog = words.get(i + 1).literal();
                if (("-exec".equals(w) || "-execdir".equals(w))
                        && prog != null
                        && !has(prog.substring(prog.lastIndexOf('/') + 1))) {
                    return false;
                }
            }
        }
        return true;
    }

    public int size() {
        return names.size();
    }

    @Override
    public String toString() {
        return "programs installed on PATH (" + names.size() + " found)";
    }
}
