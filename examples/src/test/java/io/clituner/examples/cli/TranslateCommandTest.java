package io.clituner.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.clituner.core.testing.SharedFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code clituner translate} in-process, on the default engine and on a real GGUF file. */
class TranslateCommandTest {
    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new CliTunerApp()).setExecutionExceptionHandler(new ErrorHandler());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void installedOnlyAndBankFilesReachTheDefaultEngine(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path bank = dir.resolve("team.tsv");
        java.nio.file.Files.writeString(bank, "frobnicate the widgets of the team\techo frobnicated\n");
        Run r = run("translate", "frobnicate the widgets of the team", "--bank", bank.toString(), "--installed-only");
        assertEquals(0, r.code(), r.err());
        assertEquals("echo frobnicated", r.out().strip());
    }

    @Test
    void defaultEngineAnswersWithASafeCommand() throws Exception {
        Run r = run("translate", "find all pdf files", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode json = Json.MAPPER.readTree(r.out());
        assertEquals("SAFE", json.get("risk").asText());
        assertTrue(json.get("command").asText().contains("pdf"), r.out());
        assertEquals("RETURNED", json.at("/provenance/outcome").asText());
        for (JsonNode alt : json.get("alternatives")) { // validated choices, never DANGEROUS
            assertTrue(
                    alt.get("risk").asText().equals("SAFE")
                            || alt.get("risk").asText().equals("REVIEW"),
                    alt.toString());
            assertTrue(
                    alt.get("confidence").asDouble() <= json.get("confidence").asDouble(), alt.toString());
        }
        assertEquals(64, json.at("/provenance/modelSha256").asText().length());
    }

    @Test
    void ggufModelGivesACompleteJsonAnswer() throws Exception {
        Path model = SharedFiles.require("models/llama-2-tiny-random.gguf");
        Run r = run("translate", "list all pdf files", "--model", model.toString(), "--json");
        JsonNode json = Json.MAPPER.readTree(r.out());
        // random weights: the command may be gibberish, blocked or rejected, but the answer is complete JSON
        assertTrue(json.has("command") && json.has("risk"), r.out());
        if (r.code() == 0) {
            assertEquals(
                    "81f226c62d28ed4a1a9b9fa080fcd9f0cc40e0f9d5680036583ff98fbcd035cb",
                    json.at("/provenance/modelSha256").asText());
            assertEquals("gguf", json.at("/provenance/engine").asText());
        } else {
            assertTrue(json.has("blocked") || json.has("error"), r.out());
            assertEquals(
                    "81f226c62d28ed4a1a9b9fa080fcd9f0cc40e0f9d5680036583ff98fbcd035cb",
                    json.at("/provenance/modelSha256").asText(),
                    r.out());
        }
    }

    @Test
    void engineAndOutputModeAreSelectable() throws Exception {
        Path model = SharedFiles.require("models/stories260K.gguf");
        for (String[] choice : new String[][] {{"gguf", "parser"}, {"java-llama.cpp", "grammar"}}) {
            Run r = run(
                    "translate",
                    "list all pdf files",
                    "--model",
                    model.toString(),
                    "--engine",
                    choice[0],
                    "--output-mode",
                    choice[1],
                    "--threads",
                    "1",
                    "--json");
            JsonNode json = Json.MAPPER.readTree(r.out());
            assertEquals(choice[0], json.at("/provenance/engine").asText(), r.out());
        }
    }

    @Test
    void signedResponseAndAuditLogVerifyThroughTheCli(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        assertEquals(
                0,
                run("provenance", "keygen", "--dir", dir.toString(), "--name", "ops")
                        .code());
        Path log = dir.resolve("audit.jsonl");
        Run r = run(
                "translate",
                "find all pdf files",
                "--json",
                "--sign-key",
                dir.resolve("ops").toString(),
                "--audit-log",
                log.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode json = Json.MAPPER.readTree(r.out());
        assertEquals(
                "application/vnd.in-toto+json",
                json.at("/signature/payloadType").asText(),
                r.out());
        Path response = dir.resolve("response.json");
        Files.writeString(response, r.out());
        Run verified = run(
                "provenance",
                "verify",
                response.toString(),
                "--key",
                dir.resolve("ops.pub").toString());
        assertEquals(0, verified.code(), verified.out() + verified.err());

        // a tampered command no longer matches the signed subject
        Files.writeString(response, r.out().replace(json.get("command").asText().replace("\"", "\\\""), "rm -rf ~"));
        assertEquals(
                1,
                run(
                                "provenance",
                                "verify",
                                response.toString(),
                                "--key",
                                dir.resolve("ops.pub").toString())
                        .code());

        assertEquals(1, Files.readAllLines(log).size());
        assertEquals(0, run("audit", "verify", log.toString()).code());
    }

    @Test
    void engineOptionErrorsAreUsageErrorsThatNameTheKey() {
        // the default engine reads its options before it starts: each of these ends at once with exit 2
        Run misspelled = run("translate", "list all pdf files", "--option", "minSimilarty=0.5");
        assertEquals(2, misspelled.code(), misspelled.err());
        assertTrue(
                misspelled
                        .err()
                        .contains(
                                "unknown option 'minSimilarty' for the retrieval engine; did you mean 'minSimilarity'?"),
                misspelled.err());
        assertTrue(misspelled.err().contains("Accepted: bank, builtinBank, minSimilarity"), misspelled.err());
        Run bad = run("translate", "list all pdf files", "--option", "installedOnly=ture");
        assertEquals(2, bad.code(), bad.err());
        assertTrue(bad.err().contains("option installedOnly must be true or false, got 'ture'"), bad.err());
        Run twice = run("translate", "list all pdf files", "--min-similarity", "0.5", "--option", "minSimilarity=0.6");
        assertEquals(2, twice.code(), twice.err());
        assertTrue(twice.err().contains("engine option minSimilarity is given twice"), twice.err());
        Run noEquals = run("translate", "list all pdf files", "--option", "installedOnly");
        assertEquals(2, noEquals.code(), noEquals.err());
        assertTrue(noEquals.err().contains("--option takes KEY=VALUE"), noEquals.err());
    }

    @Test
    void missingModelFileIsATypedError() {
        Run r = run("translate", "list all pdf files", "--model", "/nonexistent/model.gguf");
        assertEquals(2, r.code(), "bad input");
        assertTrue(r.err().contains("MODEL_NOT_FOUND"), r.err());
    }

    @Test
    void tooShortQueryIsRejectedWithItsCode() {
        Run r = run("translate", "ls");
        assertEquals(2, r.code(), "bad input");
        assertTrue(r.err().contains("QUERY_TOO_SHORT"), r.err());
    }
}
