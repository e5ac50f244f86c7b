package io.clituner.benchmarks.eval.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Syntax validity by ShellCheck (Debian package {@code shellcheck}) when it is installed: one
 * process checks every command, each in its own file; a command is valid when ShellCheck reports no
 * comment of level {@code error} (parse errors and sure bugs; warnings and style notes don't count).
 */
public final class ShellCheck {
    private final String version;

    private ShellCheck(String version) {
        this.version = version;
    }

    /** The installed ShellCheck, or empty when {@code shellcheck} is not on PATH or does not run. */
    public static Optional<ShellCheck> find() {
        try {
            Process p = new ProcessBuilder("shellcheck", "--version")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return Optional.empty();
            }
            String v = out.lines()
                    .filter(l -> l.startsWith("version:"))
                    .map(l -> l.substring(8).strip())
                    .findFirst()
                    .orElse("unknown");
            return Optional.of(new ShellCheck(v));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    public String version() {
        return version;
    }

    /** For each command, whether ShellCheck found no error in it (bash dialect). */
    public List<Boolean> valid(List<String> commands) {
        List<Boolean> out = new ArrayList<>();
        if (commands.isEmpty()) {
            return out;
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("clituner-shellcheck-");
            List<String> argv = new ArrayList<>(List.of("shellcheck", "-s", "bash", "-f", "json1", "-S", "error"));
            for (int i = 0; i < commands.size(); i++) {
                Path f = dir.resolve(i + ".sh");
                Files.writeString(f, commands.get(i) + "\n");
                argv.add(f.toString());
            }
            Process p = new ProcessBuilder(argv)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            byte[] json = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new CliTunerException(ErrorCode.CONFIGURATION, "shellcheck did not finish within 120 s");
            }
            Set<String> bad = new HashSet<>();
            JsonNode root = new ObjectMapper().readTree(json);
            for (JsonNode c : root.path("comments")) {
                if ("error".equals(c.path("level").asText())) {
                    bad.add(Path.of(c.path("file").asText()).getFileName().toString());
                }
            }
            for (int i = 0; i < commands.size(); i++) {
                out.add(!bad.contains(i + ".sh"));
            }
            return out;
        } catch (IOException e) {
            throw new CliTunerException(ErrorCode.CONFIGURATION, "shellcheck failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliTunerException(ErrorCode.CONFIGURATION, "interrupted while shellcheck ran", e);
        } finally {
            if (dir != null) {
                try (var files = Files.list(dir)) {
                    for (Path f : (Iterable<Path>) files::iterator) {
                        Files.deleteIfExists(f);
                    }
                    Files.deleteIfExists(dir);
                } catch (IOException ignored) {
                    // a temp directory left behind is harmless
                }
            }
        }
    }
}
