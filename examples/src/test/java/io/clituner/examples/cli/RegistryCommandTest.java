package io.clituner.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.clituner.provenance.crypto.PublicKeys;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code clituner registry} end to end on a temporary SQLite registry with real Ed25519 keys. */
class RegistryCommandTest {
    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {}

    Run run(String... args) {
        List<String> all = new ArrayList<>(List.of("registry"));
        all.addAll(List.of(args));
        all.addAll(List.of("--db", tmp.resolve("reg.db").toString(), "--audit", tmp.resolve("audit.log").toString()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new CliTunerApp()).setExecutionExceptionHandler(new ErrorHandler());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return new Run(cli.execute(all.toArray(String[]::new)), out.toString(), err.toString());
    }

    Path key(String name) throws Exception {
        KeyPair kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Path priv = tmp.resolve(name + ".pem");
        Files.writeString(priv, "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(kp.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        PublicKeys.write(tmp.resolve(name + ".pub"), kp.getPublic());
        return priv;
    }

    @Test
    void snapshotDerivePromoteRouteAndVerify() throws Exception {
        String key = key("signer").toString();
        String trust = tmp.resolve("signer.pub").toString();
        String approver = key("approver").toString();
        Path up = Files.createDirectories(tmp.resolve("up"));
        Files.writeString(up.resolve("model.gguf"), "GGUF weights");
        Path ft = Files.createDirectories(tmp.resolve("ft"));
        Files.writeString(ft.resolve("adapter.bin"), "lora");

        assertEquals(0, run("snapshot", "qwen@1.0.0", "--artifacts", up.toString(), "--source", "hf://Qwen/x@abc", "--as", "platform", "--key", key, "--bootstrap-admin").code());
        Run derive = run("derive", "coder@1.0.0", "--artifacts", ft.toString(), "--parent", "qwen@1.0.0:FINE_TUNE_LORA", "--capability", "code-generation",
                "--as", "platform", "--key", key, "--json");
        assertEquals(0, derive.code(), derive.err());
        assertEquals("RESEARCH", Json.MAPPER.readTree(derive.out()).get("stage").asText());

        Run rejected = run("promote", "coder@1.0.0", "--to", "INTERNAL", "--as", "platform", "--trust", trust);
        assertEquals(1, rejected.code());
        assertTrue(rejected.err().contains("no safety benchmark result"), rejected.err());
        assertEquals(0, run("promote", "coder@1.0.0", "--to", "INTERNAL", "--safety", "120/120", "--as", "platform", "--trust", trust).code());
        Path approval = tmp.resolve("approval.json");
        assertEquals(0, run("approve", "coder@1.0.0", "--to", "PRODUCTION", "--out", approval.toString(), "--as", "platform", "--key", approver, "--trust", trust).code());
        Run prod = run("promote", "coder@1.0.0", "--to", "PRODUCTION", "--safety", "120/120", "--approver", tmp.resolve("approver.pub").toString(),
                "--quorum", "1", "--approval", approval.toString(), "--as", "platform", "--trust", trust);
        assertEquals(0, prod.code(), prod.err());

        assertEquals(0, run("alias", "coder@champion", "1.0.0", "--reason", "first", "--as", "platform", "--trust", trust).code());
        assertEquals(0, run("grant", "shell-assistant", "coder@champion", "USE", "--as", "platform", "--trust", trust).code());
        assertEquals(0, run("route", "code-generation", "--define", "--primary", "coder@champion=100", "--as", "platform", "--trust", trust).code());
        Run route = run("route", "code-generation", "--caller", "shell-assistant", "--as", "platform", "--trust", trust, "--json");
        assertEquals(0, route.code(), route.err());
        JsonNode r = Json.MAPPER.readTree(route.out());
        assertEquals("coder@1.0.0", r.get("version").asText());
        Run denied = run("route", "code-generation", "--caller", "intruder", "--as", "platform", "--trust", trust);
        assertEquals(1, denied.code());
        assertTrue(denied.err().contains("ACCESS_DENIED"), denied.err());
        assertEquals(1, run("check-access", "intruder", "coder@champion", "USE", "--as", "platform", "--trust", trust).code());

        Run lineage = run("lineage", "coder@1.0.0", "--as", "platform", "--trust", trust, "--json");
        assertEquals("qwen@1.0.0", Json.MAPPER.readTree(lineage.out()).get("roots").get(0).asText());
        assertEquals(0, run("verify", "coder@champion", "--artifacts", ft.toString(), "--as", "platform", "--trust", trust).code());
        Files.writeString(ft.resolve("adapter.bin"), "tampered");
        Run tampered = run("verify", "coder@champion", "--artifacts", ft.toString(), "--as", "platform", "--trust", trust);
        assertEquals(1, tampered.code());
        assertTrue(tampered.out().contains("changed: adapter.bin"), tampered.out());
        Run list = run("list", "--as", "platform", "--trust", trust, "--json");
        assertEquals(2, Json.MAPPER.readTree(list.out()).size());
        assertEquals(2, run("promote", "coder@1.0.0", "--as", "platform").code(), "missing --to is a usage error");
    }
}
