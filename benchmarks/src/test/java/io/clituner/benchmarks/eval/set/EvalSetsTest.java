package io.clituner.benchmarks.eval.set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalSetsTest {
    @TempDir
    Path dir;

    private Path set(String lines, String fixture) throws IOException {
        Files.createDirectories(dir.resolve("fixtures"));
        Files.writeString(dir.resolve("fixtures/f.json"), fixture);
        Path p = dir.resolve("s.jsonl");
        Files.writeString(p, lines);
        return p;
    }

    private static final String FIXTURE =
            "{\"id\":\"f\",\"entries\":[{\"path\":\"a.txt\",\"content\":\"x\",\"age\":\"3d6h\"}]}";
    private static final String TASK =
            "{\"id\":\"t1\",\"query\":\"show a\",\"references\":[\"cat a.txt\"],\"fixture\":\"f\",\"tags\":{\"difficulty\":\"1\"}}";

    @Test
    void loadsTasksFixturesAndADigestOverBoth() throws IOException {
        EvalSet s = EvalSets.load(set("# comment\n\n" + TASK + "\n", FIXTURE));
        assertEquals("s", s.name());
        assertEquals(1, s.tasks().size());
        assertEquals("1", s.tasks().get(0).tag("difficulty"));
        assertEquals(
                Duration.ofDays(3).plusHours(6), s.fixture("f").entries().get(0).ageOrDefault());
        String before = s.sha256();
        Files.writeString(dir.resolve("fixtures/f.json"), FIXTURE.replace("\"x\"", "\"y\""));
        assertNotEquals(
                before, EvalSets.load(dir.resolve("s.jsonl")).sha256(), "a fixture change changes the data set digest");
    }

    @Test
    void aShortenedSetIsAnotherDataSet() throws IOException {
        EvalSet s = EvalSets.load(set(TASK + "\n" + TASK.replace("t1", "t2") + "\n", FIXTURE));
        EvalSet one = s.limit(1);
        assertEquals(1, one.tasks().size());
        assertEquals("s[:1]", one.name());
        assertNotEquals(s.sha256(), one.sha256());
        assertEquals(s, s.limit(5));
    }

    @Test
    void badInputNamesFileAndLine() throws IOException {
        CliTunerException e =
                assertThrows(CliTunerException.class, () -> EvalSets.load(set(TASK + "\n{not json\n", FIXTURE)));
        assertEquals(ErrorCode.INVALID_REQUEST, e.code());
        assertTrue(e.getMessage().contains("s.jsonl:2"), e.getMessage());
        assertTrue(assertThrows(CliTunerException.class, () -> EvalSets.load(set(TASK + "\n" + TASK + "\n", FIXTURE)))
                .getMessage()
                .contains("duplicate task id 't1'"));
        assertTrue(assertThrows(
                        CliTunerException.class,
                        () -> EvalSets.load(set(
                                TASK.replace("\"f\"}", "\"g\"}").replace("\"fixture\":\"f\"", "\"fixture\":\"g\""),
                                FIXTURE)))
                .getMessage()
                .contains("fixture 'g'"));
        assertTrue(assertThrows(
                        CliTunerException.class,
                        () -> EvalSets.load(set(TASK.replace("\"query\"", "\"qeury\""), FIXTURE)))
                .getMessage()
                .contains("qeury"));
        assertTrue(assertThrows(
                        CliTunerException.class,
                        () -> EvalSets.load(set(TASK.replace("[\"cat a.txt\"]", "[]"), FIXTURE)))
                .getMessage()
                .contains("reference"));
        assertTrue(assertThrows(
                        CliTunerException.class, () -> EvalSets.load(set(TASK, FIXTURE.replace("a.txt", "../a.txt"))))
                .getMessage()
                .contains("inside the tree"));
        assertTrue(assertThrows(
                        CliTunerException.class, () -> EvalSets.load(set(TASK, FIXTURE.replace("3d6h", "three days"))))
                .getMessage()
                .contains("fixture age"));
        assertTrue(assertThrows(
                        CliTunerException.class,
                        () -> EvalSets.load(set(TASK, FIXTURE.replace("\"age\"", "\"mode\":\"999\",\"age\""))))
                .getMessage()
                .contains("octal"));
        assertTrue(assertThrows(CliTunerException.class, () -> EvalSets.load(dir.resolve("absent.jsonl")))
                .getMessage()
                .contains("no evaluation set"));
    }

    @Test
    void aBrokenFixtureIsNamedWithItsLine() throws IOException {
        String broken = "{\n  \"id\": \"f\",\n  \"entries\": [{\"path\": \"a.txt\", \"contnet\": \"x\"}]\n}";
        CliTunerException e = assertThrows(CliTunerException.class, () -> EvalSets.load(set(TASK, broken)));
        assertTrue(e.getMessage().startsWith(dir.resolve("fixtures/f.json") + ":3: not a fixture"), e.getMessage());
    }
}
