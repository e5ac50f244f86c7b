package io.clituner.inference.djl.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.core.NormalizedRequest;
import io.clituner.core.RawModelOutput;
import io.clituner.core.SafetyLevel;
import io.clituner.core.engine.ChatMessage;
import io.clituner.core.engine.EngineSettings;
import io.clituner.core.engine.InferenceEngine;
import io.clituner.core.engine.InferenceEngines;
import io.clituner.core.engine.Prompt;
import io.clituner.core.error.ErrorCode;
import io.clituner.core.error.InferenceException;
import io.clituner.core.error.NoSuggestionException;
import io.clituner.inference.djl.internal.action.Action;
import io.clituner.inference.djl.internal.action.ActionCheck;
import io.clituner.inference.djl.internal.action.CommandEffects;
import io.clituner.inference.djl.internal.action.RequestActions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetrievalEngineTest {
    private static InferenceEngine engine;

    @BeforeAll
    static void open() {
        engine = InferenceEngines.open(EngineSettings.defaults());
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    static RawModelOutput ask(InferenceEngine e, String query) {
        NormalizedRequest request = NormalizedRequest.of(query, SafetyLevel.STRICT);
        return e.generate(new Prompt(List.of(ChatMessage.user(query)), List.of()), request);
    }

    @Test
    void defaultSettingsSelectTheRetrievalEngine() {
        assertInstanceOf(RetrievalEngine.class, engine);
        assertEquals("retrieval", engine.model().engine());
        assertEquals("all-minilm-l6-v2-q+bank", engine.model().id());
        assertTrue(engine.model().sha256().matches("[0-9a-f]{64}"));
        assertFalse(engine.usesFewShotExamples());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "find all pdf files | find . -type f -name '*.pdf'",
                "find all markdown files named with .md | find . -type f -name '*.md'",
                "find all csv files | find . -type f -name '*.csv'",
                "show the last 50 lines of the file server.log | tail -n 50 server.log",
                "make the script install.sh executable | chmod +x install.sh",
                "search for the word \"timeout\" in the file app.log | grep 'timeout' app.log",
                "list the network interfaces of this machine | ip link show",
                "show disk space | df -h",
            })
    void answersWithTheNearestExampleAdaptedToTheRequest(String query, String expectedPrefix) {
        // A prefix: the nearest example may add a harmless refinement (sorting, sizes) to the core command.
        RawModelOutput out = ask(engine, query);
        assertTrue(out.text().startsWith(expectedPrefix), out.text() + " " + out.details());
        assertEquals("retrieval-platt", out.confidenceMethod());
        assertTrue(
                out.confidence() >= ((RetrievalEngine) engine).confidenceModel().threshold()
                        && out.confidence() <= 1.0);
        assertTrue(out.details().get("exampleId").startsWith("builtin:"));
    }

    /** The failures: arguments dropped and actions inverted. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "count lines in main.py | wc -l main.py",
                "files over 100MB in /var/log | find /var/log -type f -size +100M",
                "files modified in the last 24 hours | find . -type f -mtime -1",
                "remove the file notes.txt | rm notes.txt",
                "kill the process on port 8080 | fuser -k 8080/tcp",
                "show the files in this directory | ls",
            })
    void carriesArgumentsAndKeepsTheAction(String query, String expected) {
        RawModelOutput out = ask(engine, query);
        assertEquals(expected, out.text(), out.details().toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "remove a file",
                "delete a file",
                "base64 encode a file",
                "delete node_modules folders",
                "kill the process on port 8080",
                "extract the archive backup.tar.gz",
                "compress the folder logs",
                "list the temporary files",
                "create an empty file named todo.txt",
                "stop the nginx service",
                "decode the base64 file data.b64",
                "find the log files",
                "unzip photos.zip",
                "start the docker container web",
            })
    void neverReturnsACommandThatContradictsTheRequest(String query) {
        RawModelOutput out;
        try {
            out = ask(engine, query);
        } catch (NoSuggestionException e) {
            assertTrue(e.getMessage().contains("confiden") || e.getMessage().contains("contradict"), e.getMessage());
            return; // refusing is allowed; contradicting is not
        }
        Set<Action> requested = new RequestActions().classify(query);
        CommandEffects effects = new CommandEffects();
        ActionCheck check = ActionCheck.of(requested, effects.effects(out.text()));
        assertTrue(check.agrees(), out.text() + ": " + check.reason());
        for (RawModelOutput.Candidate alt : out.alternatives()) {
            assertTrue(ActionCheck.of(requested, effects.effects(alt.text())).agrees(), "alternative " + alt.text());
            assertTrue(alt.confidence() <= out.confidence(), alt + " vs " + out.confidence());
            assertFalse(alt.text().equals(out.text()));
        }
    }

    @Test
    void unrelatedRequestsGetNoSuggestionRatherThanAWrongCommand() {
        NoSuggestionException e = assertThrows(
                NoSuggestionException.class, () -> ask(engine, "bake a chocolate cake for my grandmother"));
        assertEquals(ErrorCode.NO_SUGGESTION, e.code());
        assertTrue(e.getMessage().contains("best similarity"), e.getMessage());
    }

    @Test
    void opensAgainFromWarmCachesWithTheSameAnswer() {
        // How long this takes is RetrievalEngineStartBenchmark's (JMH) to measure, not a unit test's to assert.
        try (InferenceEngine second = InferenceEngines.open(EngineSettings.defaults())) {
            assertEquals(
                    "find . -type f -name '*.pdf'",
                    ask(second, "find all pdf files").text());
        }
    }

    @Test
    void concurrentCallersGetTheSameAnswersAsASingleOne() throws Exception {
        List<String> queries = List.of(
                "find all pdf files",
                "show disk space",
                "list running docker containers",
                "show the git log",
                "count lines in notes.txt",
                "extract backup.tar.gz");
        List<String> expected = queries.stream().map(q -> ask(engine, q).text()).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> {
                    List<String> got = List.of();
                    for (int rep = 0; rep < 5; rep++) {
                        got = queries.stream().map(q -> ask(engine, q).text()).toList();
                    }
                    return got;
                }));
            }
            for (Future<List<String>> f : futures) {
                assertEquals(expected, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void useAfterCloseIsATypedError() {
        InferenceEngine e = InferenceEngines.open(EngineSettings.defaults());
        e.close();
        InferenceException ex = assertThrows(InferenceException.class, () -> ask(e, "list files"));
        assertEquals(ErrorCode.ENGINE_CLOSED, ex.code());
    }
}
