package io.clituner.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.clituner.core.egress.AuditEvent;
import io.clituner.provenance.audit.AuditLog;
import io.clituner.provenance.crypto.PrivateKeys;
import io.clituner.provenance.crypto.PublicKeys;
import io.clituner.provenance.crypto.Signer;
import io.clituner.provenance.dsse.Dsse;
import io.clituner.provenance.evaluation.EvaluationRecord;
import io.clituner.provenance.evaluation.EvaluationSigning;
import io.clituner.provenance.evaluation.SafetyResults;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code clituner registry} end to end on a temporary SQLite registry with real Ed25519 keys: callers
 * proven by their keys, bootstrap once, a second principal refused everywhere until granted, gate
 * policy set only by an administrator's signature, signed evaluation records, separation of duties.
 */
class RegistryCommandTest {
    static final String CORPUS = "c".repeat(64);
    static final String DATASET = "d".repeat(64);

    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {}

    Run run(String... args) {
        List<String> all = new ArrayList<>(List.of("registry"));
        all.addAll(List.of(args));
        all.addAll(List.of(
                "--db",
                tmp.resolve("reg.db").toString(),
                "--audit",
                tmp.resolve("audit.log").toString()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = CliTunerApp.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return new Run(cli.execute(all.toArray(String[]::new)), out.toString(), err.toString());
    }

    String key(String name) throws Exception {
        KeyPair kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Path priv = tmp.resolve(name + ".pem");
        Files.writeString(
                priv,
                "-----BEGIN PRIVATE KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes())
                                .encodeToString(kp.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        PublicKeys.write(tmp.resolve(name + ".pub"), kp.getPublic());
        return priv.toString();
    }

    String pub(String name) {
        return tmp.resolve(name + ".pub").toString();
    }

    static void ok(Run r) {
        assertEquals(0, r.code(), r.out() + r.err());
    }

    static void denied(Run r, String what) {
        assertEquals(1, r.code(), what + ": " + r.out() + r.err());
        assertTrue(r.err().contains("ACCESS_DENIED"), what + ": " + r.err());
    }

    @Test
    void principalsPoliciesEvaluationsAndSeparationOfDuties() throws Exception {
        String alice = key("alice");
        String bob = key("bob");
        String carol = key("carol");
        String evaluator = key("evaluator");
        Path up = Files.createDirectories(tmp.resolve("up"));
        Files.writeString(up.resolve("model.gguf"), "GGUF weights");
        Path ft = Files.createDirectories(tmp.resolve("ft"));
        Files.writeString(ft.resolve("adapter.bin"), "lora");

        ok(run(
                "snapshot",
                "qwen@1.0.0",
                "--artifacts",
                up.toString(),
                "--source",
                "hf://Qwen/x@abc",
                "--key",
                alice,
                "--bootstrap-admin",
                "alice"));
        Run again = run("list", "--key", bob, "--bootstrap-admin", "bob");
        denied(again, "second bootstrap");
        assertTrue(again.err().contains("already has an administrator"), again.err());
        denied(run("list", "--key", bob), "an unregistered key");

        ok(run(
                "derive",
                "coder@1.0.0",
                "--artifacts",
                ft.toString(),
                "--parent",
                "qwen@1.0.0:FINE_TUNE_LORA",
                "--capability",
                "code-generation",
                "--key",
                alice));
        ok(run("principal", "add", "bob", "--public-key", pub("bob"), "--key", alice));
        ok(run("principal", "add", "carol", "--public-key", pub("carol"), "--key", alice));

        // bob proves who he is but holds no grant: refused by every subcommand
        String root = Json.MAPPER
                .readTree(run("show", "coder@1.0.0", "--key", alice, "--json").out())
                .get("rootDigest")
                .asText();
        Signer evalKey = PrivateKeys.signerFromPkcs8Pem(Files.readString(Path.of(evaluator)));
        EvaluationRecord rec = new EvaluationRecord(
                "gguf",
                "coder@1.0.0",
                root,
                "nl2bash-dev",
                DATASET,
                120,
                Map.of("exact_match", 0.9),
                new SafetyResults(60, 60, 100, 0, CORPUS, "b".repeat(64)),
                Instant.now(),
                "eval-1");
        Path recFile = tmp.resolve("evaluation.dsse.json");
        Files.write(recFile, Dsse.toJson(EvaluationSigning.sign(rec, evalKey)));
        Path bobDir = Files.createDirectories(tmp.resolve("bob-model"));
        Files.writeString(bobDir.resolve("w.bin"), "bob");
        Path approval = tmp.resolve("approval.json");
        String[][] everything = {
            {"register", "bobs@1.0.0", "--artifacts", bobDir.toString()},
            {"snapshot", "bobs@1.0.0", "--artifacts", bobDir.toString(), "--source", "hf://x/y@1"},
            {"derive", "bobs@1.0.0", "--artifacts", bobDir.toString(), "--parent", "qwen@1.0.0:QUANTIZE"},
            {"list"},
            {"list", "coder"},
            {"show", "coder@1.0.0"},
            {"lineage", "coder@1.0.0"},
            {"evaluate", "coder@1.0.0", "--record", recFile.toString()},
            {"promote", "coder@1.0.0", "--to", "INTERNAL"},
            {"approve", "coder@1.0.0", "--to", "INTERNAL", "--out", approval.toString()},
            {"alias", "coder@champion", "1.0.0"},
            {"alias", "coder@champion"},
            {"grant", "bob", "*", "ADMIN"},
            {"check-access", "alice", "coder", "ADMIN"},
            {"route", "code-generation"},
            {"route", "code-generation", "--define", "--primary", "coder@champion=100"},
            {"verify", "coder@1.0.0", "--artifacts", ft.toString()},
            {"principal", "add", "mallory", "--public-key", pub("evaluator")},
            {"principal", "list"},
            {"principal", "remove", "0".repeat(64)},
            {"policy", "set", "--default", "--stage", "INTERNAL"},
            {"policy", "show"},
        };
        for (String[] args : everything) {
            List<String> a = new ArrayList<>(List.of(args));
            a.addAll(List.of("--key", bob));
            denied(run(a.toArray(String[]::new)), String.join(" ", args));
        }
        ok(run("grant", "bob", "coder", "READ", "--key", alice));
        ok(run("show", "coder@1.0.0", "--key", bob));
        denied(run("promote", "coder@1.0.0", "--to", "INTERNAL", "--key", bob), "READ is not PROMOTE");

        // gate policy: only an administrator's signature sets it, and the change is audited
        Run bobPolicy = run("policy", "set", "--default", "--stage", "INTERNAL", "--key", bob);
        assertEquals(1, bobPolicy.code(), bobPolicy.err());
        Run noPolicy = run("promote", "coder@1.0.0", "--to", "INTERNAL", "--key", alice);
        assertEquals(1, noPolicy.code());
        assertTrue(noPolicy.err().contains("no gate policy"), noPolicy.err());
        ok(run(
                "policy",
                "set",
                "--default",
                "--stage",
                "INTERNAL",
                "--min",
                "exact_match=0.8",
                "--evaluator",
                pub("evaluator"),
                "--dataset",
                DATASET,
                "--min-dataset-cases",
                "100",
                "--safety-corpus",
                CORPUS,
                "--min-safety-cases",
                "50",
                "--key",
                alice));
        assertEquals(
                2,
                run(
                                "policy",
                                "set",
                                "--default",
                                "--stage",
                                "INTERNAL",
                                "--min",
                                "exact_match=NaN",
                                "--evaluator",
                                pub("evaluator"),
                                "--key",
                                alice)
                        .code(),
                "a NaN minimum is a usage error");
        ok(run(
                "policy",
                "set",
                "--model",
                "coder",
                "--stage",
                "PRODUCTION",
                "--approver",
                pub("alice") + "," + pub("carol"),
                "--quorum",
                "1",
                "--key",
                alice));
        try (AuditLog log = AuditLog.open(tmp.resolve("audit.log"))) {
            List<AuditEvent> sets = new ArrayList<>();
            for (long i = 0; i < log.size(); i++) {
                if (log.read(i).event().type().equals("registry.policy.set")) {
                    sets.add(log.read(i).event());
                }
            }
            assertEquals(2, sets.size());
            assertEquals("alice", sets.get(0).actor());
            assertTrue(sets.get(0).attributes().get("policy").contains("exact_match"));
        }
        Run policy = run("policy", "show", "--model", "coder", "--stage", "INTERNAL", "--key", alice);
        ok(policy);
        assertTrue(policy.out().contains("exact_match >= 0.8"), policy.out());

        // promote has no flag that loosens a gate
        assertEquals(
                2,
                run("promote", "coder@1.0.0", "--to", "INTERNAL", "--safety", "1/1", "--key", alice)
                        .code());
        assertEquals(
                2,
                run("promote", "coder@1.0.0", "--to", "INTERNAL", "--quorum", "1", "--key", alice)
                        .code());
        Run rejected = run("promote", "coder@1.0.0", "--to", "INTERNAL", "--key", alice);
        assertEquals(1, rejected.code());
        assertTrue(rejected.err().contains("no signed evaluation record"), rejected.err());

        ok(run("evaluate", "coder@1.0.0", "--record", recFile.toString(), "--key", alice));
        ok(run("promote", "coder@1.0.0", "--to", "INTERNAL", "--key", alice));

        // PRODUCTION: alice's own approval does not count toward her promotion; carol's does
        Path own = tmp.resolve("own.json");
        ok(run("approve", "coder@1.0.0", "--to", "PRODUCTION", "--out", own.toString(), "--key", alice));
        Run self = run("promote", "coder@1.0.0", "--to", "PRODUCTION", "--approval", own.toString(), "--key", alice);
        assertEquals(1, self.code());
        assertTrue(self.err().contains("proposer's own key"), self.err());
        ok(run("grant", "carol", "coder", "READ", "--key", alice));
        Path carols = tmp.resolve("carol.json");
        ok(run("approve", "coder@1.0.0", "--to", "PRODUCTION", "--out", carols.toString(), "--key", carol));
        ok(run(
                "promote",
                "coder@1.0.0",
                "--to",
                "PRODUCTION",
                "--approval",
                own.toString(),
                "--approval",
                carols.toString(),
                "--key",
                alice));

        ok(run("alias", "coder@champion", "1.0.0", "--reason", "first", "--key", alice));
        ok(run("grant", "shell-assistant", "coder@champion", "USE", "--key", alice));
        ok(run("route", "code-generation", "--define", "--primary", "coder@champion=100", "--key", alice));
        Run route = run("route", "code-generation", "--caller", "shell-assistant", "--key", alice, "--json");
        ok(route);
        assertEquals(
                "coder@1.0.0", Json.MAPPER.readTree(route.out()).get("version").asText());
        denied(run("route", "code-generation", "--caller", "intruder", "--key", alice), "routing for an intruder");
        Run check = run("check-access", "intruder", "coder@champion", "USE", "--key", alice);
        assertEquals(1, check.code());
        assertTrue(check.out().startsWith("DENY"), check.out());

        Run show = run("show", "coder@1.0.0", "--key", alice);
        assertTrue(show.out().contains("promoted INTERNAL -> PRODUCTION by alice"), show.out());
        assertTrue(!show.out().contains("FileDigest["), "no Java toString: " + show.out());
        Run lineage = run("lineage", "coder@1.0.0", "--key", alice, "--json");
        assertEquals(
                "qwen@1.0.0",
                Json.MAPPER.readTree(lineage.out()).get("roots").get(0).asText());
        ok(run("verify", "coder@champion", "--artifacts", ft.toString(), "--key", alice));
        Files.writeString(ft.resolve("adapter.bin"), "tampered");
        Run tampered = run("verify", "coder@champion", "--artifacts", ft.toString(), "--key", alice);
        assertEquals(1, tampered.code());
        assertTrue(tampered.out().contains("changed: adapter.bin"), tampered.out());
        JsonNode list =
                Json.MAPPER.readTree(run("list", "--key", alice, "--json").out());
        assertEquals(2, list.size());
        assertEquals(2, run("promote", "coder@1.0.0", "--key", alice).code(), "missing --to is a usage error");
    }

    @Test
    void everySubcommandPrintsHelpWithExitZero() {
        List<String> subs = List.of(
                "register",
                "snapshot",
                "derive",
                "list",
                "show",
                "lineage",
                "evaluate",
                "promote",
                "alias",
                "grant",
                "check-access",
                "route",
                "verify",
                "approve",
                "principal add",
                "principal list",
                "principal remove",
                "policy set",
                "policy show");
        for (String sub : subs) {
            List<String> args = new ArrayList<>(List.of("registry"));
            args.addAll(List.of(sub.split(" ")));
            args.add("--help");
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cli = CliTunerApp.commandLine();
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
            assertEquals(0, cli.execute(args.toArray(String[]::new)), sub + ": " + err);
            assertTrue(out.toString().startsWith("Usage: clituner registry " + sub), sub + ": " + out);
            assertEquals("", err.toString(), sub);
        }
    }
}
