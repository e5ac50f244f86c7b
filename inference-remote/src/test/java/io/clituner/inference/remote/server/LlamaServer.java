package io.clituner.inference.remote.server;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A real llama.cpp {@code llama-server} process on a free 127.0.0.1 port, serving one GGUF model
 * under an alias. The binary is the one {@code .ci/build-llama-server.sh} builds from the
 * upstream source tree carried by the npm package node-llama-cpp.
 */
public final class LlamaServer implements AutoCloseable {
    /** Where .ci/build-llama-server.sh caches the binary when CLITUNER_LLAMA_SERVER is not set. */
    static final String CACHE_SUBPATH = "clituner/llama-server/node-llama-cpp-3.22.1/bin/llama-server";

    private final Process process;
    private final int port;
    private final String alias;
    private final Path log;

    private LlamaServer(Process process, int port, String alias, Path log) {
        this.process = process;
        this.port = port;
        this.alias = alias;
        this.log = log;
    }

    /** The binary from system property clituner.llamaServer, env CLITUNER_LLAMA_SERVER, or the build cache. */
    public static Optional<Path> binary() {
        List<String> candidates = new ArrayList<>();
        candidates.add(System.getProperty("clituner.llamaServer"));
        candidates.add(System.getenv("CLITUNER_LLAMA_SERVER"));
        String xdg = System.getenv("XDG_CACHE_HOME");
        String home = System.getProperty("user.home");
        candidates.add(xdg != null && !xdg.isBlank() ? xdg + "/" + CACHE_SUBPATH : home + "/.cache/" + CACHE_SUBPATH);
        for (String c : candidates) {
            if (c != null && !c.isBlank() && !c.startsWith("${") && Files.isExecutable(Path.of(c))) {
                return Optional.of(Path.of(c));
            }
        }
        return Optional.empty();
    }

    /**
     * Starts the server and waits until {@code /health} answers 200.
     *
     * @param parallel slots (requests decoded at once)
     * @param extra    further command-line arguments
     */
    public static LlamaServer start(
            Path binary, Path model, String alias, int parallel, List<String> extra, Path logDir) throws IOException {
        int port = freePort();
        List<String> cmd = new ArrayList<>(List.of(
                binary.toString(),
                "-m",
                model.toString(),
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--alias",
                alias,
                "-c",
                "2048",
                "-np",
                Integer.toString(parallel),
                "-t",
                "1",
                "--no-webui"));
        cmd.addAll(extra);
        Files.createDirectories(logDir);
        Path log = logDir.resolve("llama-server-" + port + ".log");
        Process p = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        LlamaServer server = new LlamaServer(p, port, alias, log);
        server.awaitHealthy(Duration.ofSeconds(60));
        return server;
    }

    private void awaitHealthy(Duration limit) throws IOException {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("llama-server exited with " + process.exitValue() + ": " + logTail());
            }
            try {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for llama-server", e);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for llama-server", e);
            }
        }
        close();
        throw new IOException("llama-server did not become healthy within " + limit + ": " + logTail());
    }

    public String logTail() {
        try {
            String s = Files.readString(log);
            return s.length() > 2000 ? s.substring(s.length() - 2000) : s;
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** {@code http://127.0.0.1:PORT/v1} */
    public String baseUrl() {
        return "http://127.0.0.1:" + port + "/v1";
    }

    public int port() {
        return port;
    }

    public String alias() {
        return alias;
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** Kills the process (SIGKILL): in-flight requests see their connection drop. */
    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
