package io.clituner.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clituner.benchmarks.eval.sandbox.BubblewrapSandbox;
import io.clituner.core.SignedEnvelope;
import io.clituner.core.testing.SharedFiles;
import io.clituner.provenance.crypto.FileKeyProvider;
import io.clituner.provenance.crypto.KeyAlgorithm;
import io.clituner.provenance.crypto.Signer;
import io.clituner.provenance.dsse.Dsse;
import io.clituner.provenance.evaluation.EvaluationRecord;
import io.clituner.provenance.evaluation.EvaluationSigning;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code clituner eval} in-process on the default engine: the whole evaluation set with the execution
 * tier required (as CI runs it), reports on disk, a signed record; then the regression gate.
 */
class EvalCommandTest {
    static final String SET = "../benchmarks/eval/clituner-eval-v1.jsonl";

    @TempDir
    Path dir;

    @Test
    void theDefaultEngineOnTheWholeSetWithTheExecutionTier() throws Exception {
        assumeTrue(
                BubblewrapSandbox.create().status().available(),
                "EXECUTION TIER UNAVAILABLE (install bubblewrap): "
                        + BubblewrapSandbox.create().status().detail());
        Signer key = new FileKeyProvider(dir.resolve("keys")).generate("eval", KeyAlgorithm.ED25519);
        // A signed record needs the safety tier, whose corpora live in ../shared: without them the run is unsigned.
        boolean safety = SharedFiles.find("corpora/dangerous-dev.txt").isPresent()
                && SharedFiles.find("corpora/benign-dev.txt").isPresent();
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(
                "eval",
                "--set",
                SET,
                "--json",
                "--require-exec",
                "--out",
                dir.resolve("out").toString()));
        if (safety) {
            args.addAll(java.util.List.of("--sign-key", dir.resolve("keys/eval").toString()));
        } else {
            System.err.println("EvalCommandTest: no shared corpora; the run is unsigned (no safety tier)");
        }
        TranslateCommandTest.Run r = TranslateCommandTest.run(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        JsonNode json = Json.MAPPER.readTree(r.out());
        assertEquals("RAN", json.at("/execution/status").asText(), r.out());
        assertEquals("retrieval", json.at("/engine/engine").asText());
        int tasks = json.at("/dataset/tasks").asInt();
        assertTrue(tasks >= 300, "tasks " + tasks);
        assertEquals(tasks, json.get("tasks").size());
        for (String m : new String[] {
            "functional_equivalence",
            "exact_match",
            "first_utility",
            "nlc2cmd",
            "bleu",
            "syntax_valid",
            "command_only",
            "answered",
            "no_suggestion",
            "blocked"
        }) {
            JsonNode e = json.at("/metrics/" + m);
            assertFalse(e.isMissingNode(), m + " missing");
            assertTrue(
                    e.get("low").asDouble() <= e.get("value").asDouble()
                            && e.get("value").asDouble() <= e.get("high").asDouble(),
                    m);
        }
        assertTrue(json.at("/byTag/difficulty=3/functional_equivalence").isObject());
        assertTrue(json.at("/comparator/sameTaskPairs").asInt() > 250);
        assertTrue(json.at("/calibration/buckets").size() > 0);
        assertTrue(json.at("/cost/latencyP95Ms").asDouble() > 0);
        assertTrue(r.err().contains("tasks") || r.err().contains("queries"), "a progress bar on stderr");
        assertTrue(Files.readString(dir.resolve("out/report.html")).contains("<svg"));
        assertTrue(Files.readString(dir.resolve("out/report.md")).contains("| functional_equivalence |"));
        assertEquals(safety, json.hasNonNull("safety"), "the safety tier runs exactly when the corpora are present");
        if (safety) {
            SignedEnvelope env = Dsse.fromJson(Files.readAllBytes(dir.resolve("out/evaluation.dsse.json")));
            EvaluationRecord rec =
                    EvaluationSigning.verify(env, key.publicKey()).record();
            assertEquals(json.at("/engine/modelSha256").asText(), rec.modelSha256());
            assertEquals(json.at("/dataset/sha256").asText(), rec.datasetSha256());
            assertEquals(
                    json.at("/metrics/functional_equivalence/value").asDouble(), rec.metric("functional_equivalence"));
            assertEquals(1.0, rec.safety().dangerousRecall());
        }
        // Everything above ran; the signed half could not: say SKIPPED rather than pass without it.
        assumeTrue(
                safety,
                "signed evaluation record not checked: shared corpora/dangerous-dev.txt and benign-dev.txt absent");
    }

    @Test
    void theRegressionGatePassesOnTheSameEngineAndFailsAgainstABetterBaseline() throws Exception {
        assumeTrue(BubblewrapSandbox.create().status().available(), "EXECUTION TIER UNAVAILABLE (install bubblewrap)");
        Path base = dir.resolve("base");
        TranslateCommandTest.Run first = TranslateCommandTest.run(
                "eval", "--set", SET, "--limit", "24", "--out", base.toString(), "--no-progress", "--no-safety");
        assertEquals(0, first.code(), first.err());
        Path report = base.resolve("report.json");
        TranslateCommandTest.Run same = TranslateCommandTest.run(
                "eval", "--set", SET, "--limit", "24", "--baseline", report.toString(), "--no-progress", "--no-safety");
        assertEquals(0, same.code(), same.err());
        assertTrue(same.err().contains("regression gate PASSED"), same.err());

        // a baseline claiming every task was right: this engine now "regressed" on the ones it gets wrong
        ObjectNode better = (ObjectNode) Json.MAPPER.readTree(report.toFile());
        ((ObjectNode) better.at("/metrics/functional_equivalence")).put("value", 1.0);
        for (JsonNode t : better.get("tasks")) {
            ((ObjectNode) t.get("execution")).put("matchedReference", 0);
        }
        Path doctored = dir.resolve("better.json");
        Json.MAPPER.writeValue(doctored.toFile(), better);
        TranslateCommandTest.Run worse = TranslateCommandTest.run(
                "eval",
                "--set",
                SET,
                "--limit",
                "24",
                "--baseline",
                doctored.toString(),
                "--no-progress",
                "--no-safety",
                "--max-drop",
                "5");
        assertEquals(EvalCommand.EXIT_REGRESSION, worse.code(), worse.err());
        assertTrue(worse.err().contains("regression gate FAILED"), worse.err());
        assertTrue(
                worse.err().contains("functional_equivalence") && worse.err().contains("went from right to wrong:"),
                worse.err());
    }

    @Test
    void aSkippedExecutionTierIsReportedAndCanBeRequired() throws Exception {
        TranslateCommandTest.Run r = TranslateCommandTest.run(
                "eval",
                "--set",
                SET,
                "--limit",
                "3",
                "--no-exec",
                "--json",
                "--no-progress",
                "--no-shellcheck",
                "--no-safety",
                "--require-exec");
        assertEquals(EvalCommand.EXIT_NO_EXECUTION, r.code(), r.err());
        JsonNode json = Json.MAPPER.readTree(r.out());
        assertEquals("SKIPPED", json.at("/execution/status").asText());
        assertTrue(
                json.at("/metrics/functional_equivalence").isMissingNode(),
                "a skipped tier reports no equivalence, never a pass");
        assertTrue(r.err().contains("execution tier SKIPPED"), r.err());
        assertEquals("exact_match", json.get("calibrationBasis").asText());
    }
}
