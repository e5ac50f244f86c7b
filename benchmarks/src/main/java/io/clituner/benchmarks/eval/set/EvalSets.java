package io.clituner.benchmarks.eval.set;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import io.clituner.core.hash.Digests;
import io.clituner.provenance.crypto.CanonicalJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads an evaluation set: a JSONL file, one {@link EvalTask} per line ({@code #} lines and blank
 * lines skipped), and its fixtures, each in {@code fixtures/<id>.json} beside the set file. Every
 * problem is an {@code INVALID_REQUEST} naming the file and line.
 */
public final class EvalSets {
    /** Strict: an unknown member in a task or fixture is a typo, not something to ignore. */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private EvalSets() {}

    public static EvalSet load(Path setFile) {
        if (!Files.isRegularFile(setFile)) {
            throw new CliTunerException(ErrorCode.INVALID_REQUEST, "no evaluation set at " + setFile);
        }
        byte[] bytes = read(setFile);
        String name = setFile.getFileName().toString().replaceFirst("\\.jsonl$", "");
        List<EvalTask> tasks = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = setFile + ":" + (i + 1);
            EvalTask t;
            try {
                t = MAPPER.readValue(line, EvalTask.class);
            } catch (JsonProcessingException | RuntimeException e) {
                throw new CliTunerException(ErrorCode.INVALID_REQUEST, where + ": not a task: " + firstLine(e), e);
            }
            check(t, where);
            if (!ids.add(t.id())) {
                throw new CliTunerException(ErrorCode.INVALID_REQUEST, where + ": duplicate task id '" + t.id() + "'");
            }
            tasks.add(t);
        }
        if (tasks.isEmpty()) {
            throw new CliTunerException(ErrorCode.INVALID_REQUEST, setFile + " holds no task");
        }
        Path dir = Objects.requireNonNull(setFile.toAbsolutePath().getParent(), "a regular file has a directory")
                .resolve("fixtures");
        Map<String, Fixture> fixtures = new LinkedHashMap<>();
        Map<String, String> fixtureDigests = new TreeMap<>();
        for (EvalTask t : tasks) {
            String fixtureId = Objects.requireNonNull(t.fixture(), "check() admits no task without a fixture");
            if (!fixtures.containsKey(fixtureId)) {
                Path f = dir.resolve(fixtureId + ".json");
                if (!Files.isRegularFile(f)) {
                    throw new CliTunerException(
                            ErrorCode.INVALID_REQUEST,
                            "task '" + t.id() + "' needs fixture '" + fixtureId + "', but " + f + " does not exist");
                }
                byte[] fb = read(f);
                fixtures.put(fixtureId, loadFixture(f, fb, fixtureId));
                fixtureDigests.put(fixtureId, Digests.sha256Hex(fb));
            }
        }
        Map<String, Object> binding = new TreeMap<>();
        binding.put("set", Digests.sha256Hex(bytes));
        binding.put("fixtures", fixtureDigests);
        return new EvalSet(name, Digests.sha256Hex(CanonicalJson.write(binding)), tasks, fixtures);
    }

    /**
     * A pair corpus (natural language TAB command per line, as the shared {@code nl2bash-pairs-dev.tsv}
     * and {@code tldr-pairs.tsv}): tasks without fixtures, so only the lexical metrics apply and
     * nothing of it is ever executed (such corpora are not filtered for danger). Ids are
     * {@code <name>-<line>}; the digest is the file's SHA-256.
     */
    public static EvalSet loadPairs(Path tsv) {
        if (!Files.isRegularFile(tsv)) {
            throw new CliTunerException(ErrorCode.INVALID_REQUEST, "no pair corpus at " + tsv);
        }
        byte[] bytes = read(tsv);
        String name = tsv.getFileName().toString().replaceFirst("\\.tsv$", "");
        List<EvalTask> tasks = new ArrayList<>();
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            int tab = lines[i].indexOf('\t');
            if (tab <= 0 || tab == lines[i].length() - 1 || lines[i].indexOf('\t', tab + 1) >= 0) {
                throw new CliTunerException(
                        ErrorCode.INVALID_REQUEST, tsv + ":" + (i + 1) + ": expected 'request TAB command'");
            }
            tasks.add(new EvalTask(
                    name + "-" + (i + 1),
                    lines[i].substring(0, tab).strip(),
                    List.of(lines[i].substring(tab + 1).strip()),
                    null,
                    Map.of("source", name)));
        }
        if (tasks.isEmpty()) {
            throw new CliTunerException(ErrorCode.INVALID_REQUEST, tsv + " holds no pair");
        }
        return new EvalSet(name, Digests.sha256Hex(bytes), tasks, Map.of());
    }

    /** {@link #loadPairs} for a {@code .tsv} file, else {@link #load}. */
    public static EvalSet open(Path file) {
        return file.getFileName().toString().endsWith(".tsv") ? loadPairs(file) : load(file);
    }

    static Fixture loadFixture(Path file, byte[] bytes, String expectedId) {
        Fixture f;
        try {
            f = MAPPER.readValue(bytes, Fixture.class);
        } catch (IOException | RuntimeException e) {
            throw new CliTunerException(
                    ErrorCode.INVALID_REQUEST, file + lineOf(e) + ": not a fixture: " + firstLine(e), e);
        }
        if (!expectedId.equals(f.id())) {
            throw new CliTunerException(
                    ErrorCode.INVALID_REQUEST, file + ": fixture id '" + f.id() + "' differs from its file name");
        }
        Set<String> paths = new HashSet<>();
        for (FixtureEntry e : f.entries()) {
            String where = file + " entry '" + e.path() + "'";
            if (e.path() == null
                    || e.path().isBlank()
                    || e.path().startsWith("/")
                    || List.of(e.path().split("/")).contains("..")) {
                throw new CliTunerException(
                        ErrorCode.INVALID_REQUEST, where + ": a path must be relative and stay inside the tree");
            }
            if (!paths.add(e.path())) {
                throw new CliTunerException(ErrorCode.INVALID_REQUEST, where + ": listed twice");
            }
            if (e.mode() != null && !e.mode().matches("[0-7]{3,4}")) {
                throw new CliTunerException(
                        ErrorCode.INVALID_REQUEST, where + ": mode must be octal like 644, got " + e.mode());
            }
            if (e.typeOrDefault() == FixtureEntry.Type.symlink ? e.target() == null : e.target() != null) {
                throw new CliTunerException(
                        ErrorCode.INVALID_REQUEST, where + ": a symlink, and only a symlink, has a target");
            }
            if (e.typeOrDefault() != FixtureEntry.Type.file && (e.content() != null || e.repeat() != null)) {
                throw new CliTunerException(ErrorCode.INVALID_REQUEST, where + ": only files have content");
            }
            if (e.repeat() != null
                    && (e.repeat() < 1
                            || (long) e.repeat()
                                            * (e.content() == null
                                                    ? 0
                                                    : e.content().length())
                                    > 16_000_000)) {
                throw new CliTunerException(
                        ErrorCode.INVALID_REQUEST, where + ": repeat must be >= 1 and the file at most 16 MB");
            }
            e.ageOrDefault();
        }
        return f;
    }

    private static void check(EvalTask t, String where) {
        if (t.id() == null || t.id().isBlank()) {
            throw new CliTunerException(ErrorCode.INVALID_REQUEST, where + ": task has no id");
        }
        if (t.query() == null || t.query().isBlank()) {
            throw new CliTunerException(ErrorCode.INVALID_REQUEST, where + ": task '" + t.id() + "' has no query");
        }
        if (t.references().isEmpty() || t.references().stream().anyMatch(r -> r == null || r.isBlank())) {
            throw new CliTunerException(
                    ErrorCode.INVALID_REQUEST,
                    where + ": task '" + t.id() + "' needs at least one non-empty reference");
        }
        if (t.fixture() == null || !t.fixture().matches("[A-Za-z0-9_-]+")) {
            throw new CliTunerException(
                    ErrorCode.INVALID_REQUEST, where + ": task '" + t.id() + "' names no valid fixture id");
        }
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new CliTunerException(ErrorCode.INVALID_REQUEST, "cannot read " + p + ": " + e.getMessage(), e);
        }
    }

    /** {@code ":LINE"} where the JSON parser stopped, or nothing when it did not say. */
    static String lineOf(Exception e) {
        JsonLocation at = e instanceof JsonProcessingException j ? j.getLocation() : null;
        return at == null || at.getLineNr() < 1 ? "" : ":" + at.getLineNr();
    }

    static String firstLine(Exception e) {
        String m = e instanceof JsonProcessingException j ? j.getOriginalMessage() : String.valueOf(e.getMessage());
        return m.lines().findFirst().orElse(m);
    }
}
