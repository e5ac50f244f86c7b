package io.clituner.inference.remote.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server (the JDK's) on 127.0.0.1 that answers chat completions with a script of
 * status codes and bodies, for the failures llama-server cannot be made to produce (429, 401,
 * 503, broken JSON). Records every request's Authorization header.
 */
public final class ScriptedServer implements AutoCloseable {
    public record Reply(int status, String body, long delayMillis) {}

    private final HttpServer server;
    private final List<Reply> script;
    private final AtomicInteger chatCalls = new AtomicInteger();
    private final ConcurrentLinkedQueue<String> authorizations = new ConcurrentLinkedQueue<>();

    private ScriptedServer(List<Reply> script) throws IOException {
        this.script = List.copyOf(script);
        server = HttpServer.create(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext(
                "/v1/models",
                ex -> send(
                        ex,
                        new Reply(
                                200,
                                "{\"object\":\"list\",\"data\":[{\"id\":\"scripted\",\"object\":\"model\",\"owned_by\":\"test\"}]}",
                                0)));
        server.createContext("/v1/chat/completions", this::chat);
        server.start();
    }

    /** Replies in order; the last one repeats. */
    public static ScriptedServer of(Reply... replies) throws IOException {
        return new ScriptedServer(List.of(replies));
    }

    public static Reply ok(String text) {
        return new Reply(200, completion(text), 0);
    }

    public static Reply status(int code) {
        return new Reply(code, "{\"error\":{\"message\":\"scripted " + code + "\",\"type\":\"test\"}}", 0);
    }

    public static String completion(String text) {
        return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"scripted\",\"system_fingerprint\":\"fp_test\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + text
                + "\"},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":3,\"total_tokens\":15}}";
    }

    private void chat(HttpExchange ex) throws IOException {
        ex.getRequestBody().readAllBytes();
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        authorizations.add(auth == null ? "" : auth);
        int i = chatCalls.getAndIncrement();
        synchronized (chatCalls) {
            chatCalls.notifyAll();
        }
        Reply r = script.get(Math.min(i, script.size() - 1));
        if (r.delayMillis() > 0) {
            try {
                Thread.sleep(r.delayMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        send(ex, r);
    }

    private static void send(HttpExchange ex, Reply r) throws IOException {
        byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(r.status(), body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Blocks until the server has received at least {@code n} chat requests (a barrier, not a poll). */
    public void awaitChatCalls(int n) throws InterruptedException {
        synchronized (chatCalls) {
            while (chatCalls.get() < n) {
                chatCalls.wait();
            }
        }
    }

    public int chatCalls() {
        return chatCalls.get();
    }

    public List<String> authorizations() {
        return new ArrayList<>(authorizations);
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
