package io.clituner.guardrails;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.core.RiskLevel;
import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import io.clituner.guardrails.feedback.FeedbackEntry;
import io.clituner.guardrails.feedback.FeedbackKind;
import io.clituner.guardrails.feedback.FeedbackLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedbackLogTest {
    @TempDir
    Path dir;

    @Test
    void appendsFalsePositivesAndNegativesAsJsonLines() throws Exception {
        Path file = dir.resolve("fb/feedback.jsonl");
        FeedbackLog log = new FeedbackLog(
                file, new BashCommandAnalyzer(), Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC));
        FeedbackEntry fp = log.report("rm -rf /tmp/x", RiskLevel.SAFE, "alice", "scratch dir");
        FeedbackEntry fn = log.report("ls -la", RiskLevel.DANGEROUS, "bob", null);
        assertEquals(FeedbackKind.FALSE_POSITIVE, fp.kind());
        assertEquals(RiskLevel.REVIEW, fp.given());
        assertTrue(fp.rules().contains("review.delete-outside-tree"));
        assertEquals(FeedbackKind.FALSE_NEGATIVE, fn.kind());
        List<String> lines = Files.readAllLines(file);
        assertEquals(2, lines.size());
        assertTrue(lines.get(0).contains("\"at\":\"2026-11-23T10:00:00Z\""), lines.get(0));
        assertEquals(List.of(fp, fn), log.entries());
    }

    @Test
    void reportThatAgreesWithTheVerdictIsRejected() {
        FeedbackLog log = new FeedbackLog(dir.resolve("f.jsonl"), new BashCommandAnalyzer());
        CliTunerException e =
                assertThrows(CliTunerException.class, () -> log.report("rm -rf /", RiskLevel.DANGEROUS, "a", ""));
        assertEquals(ErrorCode.INVALID_REQUEST, e.code());
    }
}
