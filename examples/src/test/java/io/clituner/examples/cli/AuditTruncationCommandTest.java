package io.clituner.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.core.egress.AuditEvent;
import io.clituner.provenance.audit.AuditLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code clituner audit verify} reports a log cut inside an acknowledged entry as tampering, not as a torn tail. */
class AuditTruncationCommandTest {
    @TempDir
    Path tmp;

    @Test
    void aLogCutInsideAnEarlierEntryIsReportedAsTampered() throws Exception {
        Path log = tmp.resolve("audit.jsonl");
        try (AuditLog a = AuditLog.open(log)) {
            for (int i = 0; i < 60; i++) {
                a.append(new AuditEvent(
                        "generation.returned", "pipeline", Instant.EPOCH, Map.of("seq", Integer.toString(i))));
            }
        }
        List<String> lines = Files.readAllLines(log);
        Files.writeString(
                log,
                String.join("\n", lines.subList(0, 43)) + "\n" + lines.get(43).substring(0, 60),
                StandardCharsets.UTF_8);

        var text = ProvenanceAndAuditCommandTest.run("audit", "verify", log.toString());
        assertEquals(1, text.code(), text.err());
        assertTrue(text.out().startsWith("TAMPERED: TRUNCATED at entry 43: "), text.out());

        var json = ProvenanceAndAuditCommandTest.run("audit", "verify", log.toString(), "--json");
        assertEquals(1, json.code());
        assertEquals("TRUNCATED", json.json().get("damage").asText());
        assertTrue(json.json().get("tamper").asBoolean());
        assertEquals(43, json.json().get("firstBadIndex").asLong());
    }
}
