package io.clituner.benchmarks;

import io.clituner.core.egress.AuditEvent;
import io.clituner.core.hash.Digests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/** Audit events shaped like the pipeline's (same attribute names, hex hashes) and temp-dir cleanup. */
final class AuditFixtures {
    private AuditFixtures() {}

    static AuditEvent pipelineEvent(long i) {
        Map<String, String> a = new HashMap<>();
        a.put("requestId", "6f1c0e4a-0000-4000-8000-" + String.format("%012d", i));
        a.put("modelSha256", Digests.sha256Hex("model"));
        a.put("engine", "gguf");
        a.put("queryHash", Digests.sha256Hex("query " + i));
        a.put("promptHash", Digests.sha256Hex("prompt " + i));
        a.put("commandHash", Digests.sha256Hex("command " + i));
        a.put("risk", "SAFE");
        a.put("policyVersion", "2026.11");
        a.put("outcome", "RETURNED");
        a.put("cacheHit", "false");
        return new AuditEvent("generation.returned", "pipeline", Instant.ofEpochMilli(1_790_000_000_000L + i), a);
    }

    static void deleteTree(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
