package io.clituner.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The CLI behaves like a well-made Unix tool: exit codes, JSON on every path, help, completion, feedback. */
class CliConventionsTest {
    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = CliTunerApp.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return new Run(cli.execute(args), out.toString(), err.toString());
    }

    Path file(String name, String content) throws Exception {
        return Files.writeString(tmp.resolve(name), content);
    }

    // ---------------------------------------------------------------- check

    @Test
    void checkExitsOneOnDangerousAndHonoursFailOnReview() throws Exception {
        Run safe = run(
                "check",
                "--file",
                file("safe.txt", "ls -la\nfind . -name '*.pdf'\n").toString());
        assertEquals(0, safe.code(), safe.out() + safe.err());
        Run dangerous =
                run("check", "--file", file("bad.txt", "ls -la\nrm -rf /\n").toString());
        assertEquals(1, dangerous.code(), dangerous.out());
        assertTrue(dangerous.out().contains("DANGEROUS\t"), dangerous.out());

        Path review = file("review.txt", "kill -9 1234\n");
        Run r = run("check", "--file", review.toString(), "--json");
        assertEquals("REVIEW", Json.MAPPER.readTree(r.out()).get("risk").asText(), r.out());
        assertEquals(0, r.code(), "REVIEW passes by default");
        assertEquals(
                1,
                run("check", "--file", review.toString(), "--fail-on", "review").code());
        assertEquals(
                2,
                run("check", "--file", tmp.resolve("missing.txt").toString()).code(),
                "bad input is not 'dangerous'");
        assertEquals(2, run("check", "--fail-on", "sometimes").code());
        assertTrue(run("check", "--help").out().contains("1 at least one line is DANGEROUS"));
    }

    @Test
    void checkDecodesEachLineOnItsOwn() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write("ls -la\n".getBytes(StandardCharsets.UTF_8));
        bytes.write(new byte[] {'r', 'm', ' ', (byte) 0xff, (byte) 0xfe, ' ', '/', '\n'});
        bytes.write("echo caf\u00e9\n".getBytes(StandardCharsets.UTF_8));
        Path f = Files.write(tmp.resolve("mixed.txt"), bytes.toByteArray());
        Run r = run("check", "--file", f.toString(), "--json");
        assertEquals(1, r.code(), r.err());
        String[] lines = r.out().strip().split("\n");
        assertEquals(3, lines.length, r.out());
        assertEquals("SAFE", Json.MAPPER.readTree(lines[0]).get("risk").asText());
        JsonNode bad = Json.MAPPER.readTree(lines[1]);
        assertEquals("DANGEROUS", bad.get("risk").asText());
        assertEquals(CheckCommand.INVALID_ENCODING_RULE, bad.at("/rules/0/id").asText());
        assertEquals("rm \\xff\\xfe /", bad.get("command").asText());
        assertEquals(
                "echo caf\u00e9", Json.MAPPER.readTree(lines[2]).get("command").asText());
    }

    // ---------------------------------------------------------------- translate

    @Test
    void translateJoinsUnquotedWordsAndAcceptsAnyCaseSafety() throws Exception {
        Run r = run("translate", "find", "all", "pdf", "files", "--safety", "moderate", "--json");
        assertEquals(0, r.code(), r.err());
        assertTrue(Json.MAPPER.readTree(r.out()).get("command").asText().contains("pdf"), r.out());
    }

    @Test
    void translateJsonPrintsOneErrorObjectForModelAndInputErrors() throws Exception {
        List<String> keys = List.of("command", "risk", "blocked", "reason", "rules", "error", "provenance");
        Run missing = run(
                "translate",
                "list all pdf files",
                "--model",
                tmp.resolve("none.gguf").toString(),
                "--json");
        assertEquals(2, missing.code());
        JsonNode m = Json.MAPPER.readTree(missing.out());
        assertEquals(keys, fieldNames(m));
        assertEquals(List.of("code", "message", "advice"), fieldNames(m.get("error")));
        assertEquals("MODEL_NOT_FOUND", m.at("/error/code").asText());

        Run corrupt = run(
                "translate",
                "list all pdf files",
                "--model",
                file("x.gguf", "PK\u0003\u0004 not a model").toString(),
                "--json");
        assertEquals(2, corrupt.code());
        assertEquals(
                "MODEL_CORRUPT",
                Json.MAPPER.readTree(corrupt.out()).at("/error/code").asText());
        assertEquals(keys, fieldNames(Json.MAPPER.readTree(corrupt.out())));

        // fail fast: the query is judged before the (missing) model is even looked at
        Run shortQuery =
                run("translate", "ls", "--model", tmp.resolve("none.gguf").toString(), "--json");
        assertEquals(
                "QUERY_TOO_SHORT",
                Json.MAPPER.readTree(shortQuery.out()).at("/error/code").asText());
        Run text = run("translate", "ls");
        assertEquals(2, text.code());
        assertTrue(text.err().contains("QUERY_TOO_SHORT") && text.err().contains("hint: "), text.err());
    }

    @Test
    void noSuggestionAdviceNamesWhatTheCliCanDo() throws Exception {
        Run r = run("translate", "zzqx", "vorpal", "blithe", "grimble", "snark", "--json");
        assertEquals(1, r.code());
        JsonNode e = Json.MAPPER.readTree(r.out()).get("error");
        assertEquals("NO_SUGGESTION", e.get("code").asText());
        assertTrue(
                e.get("advice").asText().contains("--bank FILE.tsv")
                        && e.get("advice").asText().contains("--min-similarity"),
                e.toString());
        assertFalse(e.get("advice").asText().contains("()"), "no Java method names");
    }

    // ---------------------------------------------------------------- audit checkpoints, provenance verify

    @Test
    void checkpointKeyMakesTruncationOfTheAuditLogDetectable() throws Exception {
        assertEquals(
                0,
                run("provenance", "keygen", "--dir", tmp.toString(), "--name", "ops")
                        .code());
        Path log = tmp.resolve("audit.jsonl");
        String key = tmp.resolve("ops.key").toString();
        for (String q : List.of("find all pdf files", "list all files in this directory")) {
            assertEquals(
                    0,
                    run("translate", q, "--audit-log", log.toString(), "--checkpoint-key", key)
                            .code());
        }
        assertEquals(
                0,
                run(
                                "audit",
                                "verify",
                                log.toString(),
                                "--key",
                                tmp.resolve("ops.pub").toString())
                        .code());
        List<String> lines = Files.readAllLines(log);
        Files.writeString(log, lines.get(0) + "\n");
        Run truncated = run(
                "audit",
                "verify",
                log.toString(),
                "--key",
                tmp.resolve("ops.pub").toString());
        assertEquals(1, truncated.code(), truncated.out());
        assertTrue(truncated.out().contains("TAMPERED"), truncated.out());

        Path plain = tmp.resolve("plain.jsonl");
        assertEquals(
                0,
                run("translate", "find all pdf files", "--audit-log", plain.toString())
                        .code());
        Run unprotected = run("audit", "verify", plain.toString());
        assertEquals(0, unprotected.code());
        assertTrue(unprotected.err().contains("cannot be detected"), unprotected.err());
        assertEquals(
                2,
                run("translate", "find all pdf files", "--checkpoint-key", key).code(),
                "--checkpoint-key needs --audit-log");
    }

    @Test
    void provenanceVerifyRefusesDuplicateKeysAndUnknownMembers() throws Exception {
        assertEquals(
                0,
                run("provenance", "keygen", "--dir", tmp.toString(), "--name", "ops")
                        .code());
        Run t = run(
                "translate",
                "find all pdf files",
                "--json",
                "--sign-key",
                tmp.resolve("ops.key").toString());
        assertEquals(0, t.code(), t.err());
        String pub = tmp.resolve("ops.pub").toString();
        String json = t.out().strip();
        assertEquals(
                0,
                run("provenance", "verify", file("ok.json", json).toString(), "--key", pub)
                        .code());
        String command = Json.MAPPER.readTree(json).get("command").asText();
        String duplicate = "{\"command\":" + Json.write("rm -rf ~") + "," + json.substring(1);
        Run dup = run("provenance", "verify", file("dup.json", duplicate).toString(), "--key", pub);
        assertEquals(1, dup.code());
        assertTrue(dup.out().contains("MALFORMED") && dup.out().contains("Duplicate"), dup.out());
        String unknown = json.substring(0, json.length() - 1) + ",\"approvedBy\":\"security\"}";
        Run extra = run("provenance", "verify", file("extra.json", unknown).toString(), "--key", pub);
        assertEquals(1, extra.code());
        assertTrue(extra.out().contains("unknown member /approvedBy"), extra.out());
        assertFalse(command.isEmpty());
    }

    // ---------------------------------------------------------------- drift

    @Test
    void driftSaysInsufficientDataAndUsesExitTwoForBadInput() throws Exception {
        Path ref = file("ref.txt", "list all pdf files\nfind large files\nshow disk usage\n");
        Path cur = file("cur.txt", "delete old logs\ncompress a folder\ncount lines in a file\n");
        Run small = run(
                "drift", "--reference", ref.toString(), "--current", cur.toString(), "--json", "--permutations", "50");
        assertEquals(0, small.code(), small.err());
        JsonNode r = Json.MAPPER.readTree(small.out());
        assertEquals("INSUFFICIENT_DATA", r.get("severity").asText());
        assertTrue(r.get("reasons").get(0).asText().contains("insufficient data"));
        assertEquals(
                2,
                run("drift", "--reference", ref.toString(), "--current", cur.toString(), "--permutations", "0")
                        .code());
        assertEquals(
                2,
                run("drift", "--reference", tmp.resolve("none").toString(), "--current", cur.toString())
                        .code());
        assertEquals(
                2,
                run("drift", "--reference", ref.toString(), "--current", cur.toString(), "--min-sample", "x")
                        .code());
    }

    // ---------------------------------------------------------------- feedback, help, completion, progress

    @Test
    void feedbackIsRecordedAndSummarizedByRule() throws Exception {
        Path log = tmp.resolve("feedback.jsonl");
        Run fp = run(
                "feedback",
                "--false-positive",
                "git",
                "push",
                "--force",
                "--note",
                "my own branch",
                "--log",
                log.toString());
        assertEquals(0, fp.code(), fp.err());
        assertTrue(fp.out().contains("FALSE_POSITIVE"), fp.out());
        assertEquals(
                0,
                run("feedback", "--false-negative", "ls", "-la", "--log", log.toString())
                        .code());
        assertEquals(
                2,
                run("feedback", "--false-positive", "ls", "-la", "--log", log.toString())
                        .code(),
                "a SAFE verdict has no false positive: bad input");
        assertEquals(
                2,
                run("feedback", "ls", "--log", log.toString()).code(),
                "one of --false-positive/--false-negative is required");
        Run summary = run("feedback", "summary", "--log", log.toString(), "--json");
        assertEquals(0, summary.code(), summary.err());
        JsonNode s = Json.MAPPER.readTree(summary.out());
        assertEquals(2, s.get("reports").asInt());
        List<String> rules = new ArrayList<>();
        s.get("rules").forEach(x -> rules.add(x.get("rule").asText()));
        assertTrue(rules.contains("(no rule)"), rules.toString());
        assertTrue(rules.stream().anyMatch(x -> x.startsWith("review.")), rules.toString());
    }

    @Test
    void helpCommandCompletionAndHelpExitCodes() {
        Run help = run("help", "registry");
        assertEquals(0, help.code());
        assertTrue(help.out().startsWith("Usage: clituner registry"), help.out());
        Run completion = run("generate-completion");
        assertEquals(0, completion.code());
        assertTrue(
                completion.out().contains("complete -F") && completion.out().contains("translate"),
                "a bash completion script");
        for (String cmd :
                List.of("translate", "check", "drift", "bench-safety", "feedback", "audit", "provenance", "registry")) {
            Run r = run(cmd, "--help");
            assertEquals(0, r.code(), cmd);
            assertTrue(r.out().startsWith("Usage: clituner " + cmd), cmd);
        }
        assertTrue(run("--help").out().contains("generate-completion"));
    }

    @Test
    void noProgressWhenNotOnATerminal() throws Exception {
        Run r = run(
                "bench-safety",
                "--dangerous",
                file("d.txt", "rm -rf /\n").toString(),
                "--benign",
                file("b.txt", "ls\n").toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err(), "stderr is not a terminal here: no progress");
    }

    static List<String> fieldNames(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
