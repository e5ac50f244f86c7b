package io.clituner.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.clituner.core.CommandResponse;
import io.clituner.core.GenerationProvenance;
import io.clituner.core.RiskLevel;
import io.clituner.core.ValidationOutcome;
import io.clituner.core.egress.AuditEvent;
import io.clituner.core.hash.Digests;
import io.clituner.provenance.audit.AuditLog;
import io.clituner.provenance.audit.InclusionProof;
import io.clituner.provenance.crypto.FileKeyProvider;
import io.clituner.provenance.crypto.Signer;
import io.clituner.provenance.signing.ProvenanceSigners;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code clituner provenance …} and {@code clituner audit …} end to end with real keys and a real log. */
class ProvenanceAndAuditCommandTest {
    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {
        JsonNode json() throws Exception {
            return Json.MAPPER.readTree(out);
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new CliTunerApp()).setExecutionExceptionHandler(new ErrorHandler());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return new Run(cli.execute(args), out.toString(), err.toString());
    }

    @Test
    void keygenThenVerifyASignedResponseAndCatchATamperedOne() throws Exception {
        Path keys = tmp.resolve("keys");
        Run gen = run("provenance", "keygen", "--dir", keys.toString(), "--name", "prov", "--json");
        assertEquals(0, gen.code(), gen.err());
        Signer key = new FileKeyProvider(keys).signer("prov");
        assertEquals(key.keyId(), gen.json().get("keyId").asText());

        GenerationProvenance p = new GenerationProvenance(
                "req-1",
                "m",
                "v",
                Digests.sha256Hex("m"),
                "gguf",
                Instant.now(),
                null,
                Digests.sha256Hex("q"),
                null,
                "ls -la",
                Digests.sha256Hex("ls -la"),
                ValidationOutcome.RETURNED,
                RiskLevel.SAFE,
                List.of(),
                "p1",
                List.of(),
                List.of(),
                false);
        CommandResponse r = new CommandResponse("ls -la", RiskLevel.SAFE, 0.9, null, p, null);
        r = r.withSignature(ProvenanceSigners.inToto(key).sign(r));
        Path file = tmp.resolve("response.json");
        Files.writeString(file, Json.write(r)); // exactly what `translate --json` prints
        String pub = keys.resolve("prov.pub").toString();

        Run ok = run("provenance", "verify", file.toString(), "--key", pub, "--json");
        assertEquals(0, ok.code(), ok.out() + ok.err());
        assertTrue(ok.json().get("verified").asBoolean());
        assertEquals("req-1", ok.json().get("provenance").get("requestId").asText());

        Files.writeString(
                file, Files.readString(file).replaceFirst("\"command\":\"ls -la\"", "\"command\":\"ls -lA\""));
        Run bad = run("provenance", "verify", file.toString(), "--key", pub, "--json");
        assertEquals(1, bad.code());
        assertFalse(bad.json().get("verified").asBoolean());
        assertEquals("SUBJECT_MISMATCH", bad.json().get("problem").asText());

        assertEquals(2, run("provenance", "verify", file.toString()).code()); // --key is required
    }

    @Test
    void auditVerifyProveAndDetectAnEdit() throws Exception {
        Path log = tmp.resolve("audit.jsonl");
        try (AuditLog a = AuditLog.open(log)) {
            for (int i = 0; i < 12; i++) {
                a.append(new AuditEvent(
                        "generation.returned", "pipeline", Instant.EPOCH, Map.of("seq", Integer.toString(i))));
            }
        }
        Run ok = run("audit", "verify", log.toString(), "--json");
        assertEquals(0, ok.code(), ok.err());
        assertEquals(12, ok.json().get("entries").asLong());
        String root = ok.json().get("rootHash").asText();

        Run prove = run("audit", "prove", log.toString(), "5", "--json");
        assertEquals(0, prove.code(), prove.err());
        InclusionProof proof = Json.MAPPER.treeToValue(prove.json().get("proof"), InclusionProof.class);
        assertTrue(proof.verify(root));
        assertEquals("5", prove.json().get("entry").get("attributes").get("seq").asText());

        List<String> lines = Files.readAllLines(log);
        lines.set(7, lines.get(7).replace("\"seq\":\"7\"", "\"seq\":\"8\""));
        Files.writeString(log, String.join("\n", lines) + "\n");
        Run bad = run("audit", "verify", log.toString(), "--json");
        assertEquals(1, bad.code());
        assertEquals("EDITED", bad.json().get("damage").asText());
        assertEquals(7, bad.json().get("firstBadIndex").asLong());
        assertEquals(1, run("audit", "prove", log.toString(), "2").code()); // refuses to prove over a damaged log
        assertEquals(2, run("audit").code());
    }
}
