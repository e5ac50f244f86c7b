package io.clituner.guardrails.feedback;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.clituner.core.RiskLevel;
import io.clituner.core.analysis.Verdict;
import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import io.clituner.guardrails.BashCommandAnalyzer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Appends false-positive and false-negative reports to a JSONL file (one JSON object per line),
 * re-analysing the command so the log holds the verdict actually given under the current rules.
 * Thread-safe: appends are serialised.
 */
public final class FeedbackLog {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path file;
    private final BashCommandAnalyzer analyzer;
    private final Clock clock;

    public FeedbackLog(Path file, BashCommandAnalyzer analyzer) {
        this(file, analyzer, Clock.systemUTC());
    }

    public FeedbackLog(Path file, BashCommandAnalyzer analyzer, Clock clock) {
        this.file = Objects.requireNonNull(file, "file");
        this.analyzer = Objects.requireNonNull(analyzer, "analyzer");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Records that {@code command} was judged wrongly.
     *
     * @throws CliTunerException INVALID_REQUEST when the report contradicts the verdict (e.g. a false positive on a
     *                           SAFE verdict), AUDIT_IO when the log cannot be written
     */
    public synchronized FeedbackEntry report(String command, RiskLevel expected, String reporter, String note) {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(expected, "expected");
        Verdict v = analyzer.analyze(command);
        FeedbackKind kind;
        int order = expected.compareTo(v.risk()); // SAFE < REVIEW < DANGEROUS
        if (order < 0) {
            kind = FeedbackKind.FALSE_POSITIVE;
        } else if (order > 0) {
            kind = FeedbackKind.FALSE_NEGATIVE;
        } else {
            throw new CliTunerException(
                    ErrorCode.INVALID_REQUEST, "the command is already judged " + v.risk() + "; nothing to report");
        }
        FeedbackEntry e = new FeedbackEntry(
                clock.instant(),
                kind,
                command,
                v.risk(),
                v.ruleIds(),
                expected,
                analyzer.policyVersion(),
                reporter,
                note);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (BufferedWriter w = Files.newBufferedWriter(
                    file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                w.write(MAPPER.writeValueAsString(e));
                w.write('\n');
            }
        } catch (IOException ex) {
            throw new CliTunerException(
                    ErrorCode.AUDIT_IO, "cannot append feedback to " + file + ": " + ex.getMessage(), ex);
        }
        return e;
    }

    /** Reads every entry back (for the review). */
    public synchronized List<FeedbackEntry> entries() {
        List<FeedbackEntry> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    out.add(MAPPER.readValue(line, FeedbackEntry.class));
                }
            }
        } catch (IOException ex) {
            throw new CliTunerException(
                    ErrorCode.AUDIT_IO, "cannot read feedback log " + file + ": " + ex.getMessage(), ex);
        }
        return out;
    }
}
