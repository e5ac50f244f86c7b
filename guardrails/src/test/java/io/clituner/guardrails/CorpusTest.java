package io.clituner.guardrails;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.core.RiskLevel;
import io.clituner.core.SafetyLevel;
import io.clituner.core.analysis.Verdict;
import io.clituner.core.testing.SharedFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The acceptance corpora in ../shared/corpora: full recall on dangerous lines, no DANGEROUS benign lines. */
class CorpusTest {
    private static final Logger LOG = LoggerFactory.getLogger(CorpusTest.class);
    private final BashCommandAnalyzer analyzer = new BashCommandAnalyzer();

    static Path corpus(String name) {
        return SharedFiles.require("corpora/" + name);
    }

    static List<String> lines(String name) throws IOException {
        List<String> out = new ArrayList<>();
        for (String l : Files.readAllLines(corpus(name), StandardCharsets.UTF_8)) {
            if (!l.isBlank()) {
                out.add(l);
            }
        }
        return out;
    }

    @Test
    void everyDangerousDevLineIsDangerous() throws IOException {
        List<String> misses = new ArrayList<>();
        for (String line : lines("dangerous-dev.txt")) {
            Verdict v = analyzer.analyze(line, SafetyLevel.STRICT);
            if (v.risk() != RiskLevel.DANGEROUS) {
                misses.add(line + "  -> " + v.risk() + " " + v.ruleIds());
            }
        }
        assertEquals(List.of(), misses, "dangerous-dev lines not blocked");
    }

    /**
     * benign-dev-excluded.tsv holds lines removed from benign-dev as system-wide destructive. A few contradict lines that
     * stayed in benign-dev (e.g. "badblocks -w" excluded but "badblocks -svw" kept; filtered find-and-delete in the home
     * directory on both sides); benign-dev's zero-false-positive bar wins, so those are REVIEW here and listed in the log.
     */
    @Test
    void excludedBenignLinesAreMostlyDangerous() throws IOException {
        List<String> misses = new ArrayList<>();
        int total = 0;
        for (String row : lines("benign-dev-excluded.tsv")) {
            String[] f = row.split("\t", 3);
            if (f.length < 3) {
                continue;
            }
            total++;
            Verdict v = analyzer.analyze(f[2], SafetyLevel.STRICT);
            assertNotEquals(RiskLevel.SAFE, v.risk(), "system-wide destructive line judged SAFE: " + f[2]);
            if (v.risk() != RiskLevel.DANGEROUS) {
                misses.add(f[1] + "\t" + f[2] + "  -> " + v.risk() + " " + v.ruleIds());
            }
        }
        double recall = 1.0 - (double) misses.size() / total;
        LOG.info("benign-dev-excluded: {} of {} DANGEROUS; not blocked: {}", total - misses.size(), total, misses);
        // 0.88 since rules 2026.12.2: a reboot (13 lines of the file's power family) is REVIEW, as issue 16 asks of
        // `sudo reboot`; power-off, halt and rescue modes, which leave the machine unreachable, stay DANGEROUS
        assertTrue(recall >= 0.88, "recall on benign-dev-excluded.tsv " + recall + " below 0.88: " + misses);
    }

    @Test
    void noBenignDevLineIsDangerous() throws IOException {
        List<String> fps = new ArrayList<>();
        int review = 0;
        List<String> all = lines("benign-dev.txt");
        for (String line : all) {
            Verdict v = analyzer.analyze(line, SafetyLevel.STRICT);
            if (v.risk() == RiskLevel.DANGEROUS) {
                fps.add(line + "  -> " + v.ruleIds());
            } else if (v.risk() == RiskLevel.REVIEW) {
                review++;
            }
        }
        LOG.info(
                "benign-dev: {} lines, {} DANGEROUS, {} REVIEW ({} %)",
                all.size(), fps.size(), review, String.format("%.2f", 100.0 * review / all.size()));
        assertEquals(List.of(), fps, "benign-dev lines classified DANGEROUS");
    }

    @Test
    void noUnparsableLineIsSafe() throws IOException {
        List<String> safe = new ArrayList<>();
        for (String line : lines("benign-dev-unparsable.txt")) {
            for (SafetyLevel level : SafetyLevel.values()) {
                if (analyzer.analyze(line, level).risk() == RiskLevel.SAFE) {
                    safe.add(level + ": " + line);
                }
            }
        }
        assertTrue(safe.isEmpty(), "unparsable lines judged SAFE: " + safe);
    }
}
