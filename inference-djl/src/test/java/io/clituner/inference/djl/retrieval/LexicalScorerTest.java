package io.clituner.inference.djl.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.inference.djl.bank.Example;
import io.clituner.inference.djl.internal.adapt.EntityExtractor;
import java.util.List;
import org.junit.jupiter.api.Test;

class LexicalScorerTest {
    private static final List<Example> BANK = List.of(
            new Example("t:head", "show the first 5 lines of data.csv", "head -n 5 data.csv"),
            new Example("t:cat", "show what is in notes.txt", "cat notes.txt"),
            new Example("t:sha1", "compute the digest of notes.txt", "sha1sum notes.txt"),
            new Example("t:ls", "list the folder", "ls"));
    private static final EntityExtractor ENTITIES = new EntityExtractor();
    private static final LexicalScorer SCORER = new LexicalScorer(BANK.stream()
            .map(e -> new Example(e.id(), ENTITIES.masked(e.query()), e.command()))
            .toList());

    @Test
    void theRequestsOwnTaskWordsOutweighTheFileItNames() {
        // the embedding puts this request among examples about notes.txt; the words "first" and "lines" do not
        LexicalScorer.Scores s = SCORER.score(ENTITIES.masked("show the first 3 lines of notes.txt"));
        assertEquals(1.0, s.of("t:head"), 1e-12);
        assertTrue(s.of("t:cat") < 0.5, "cat " + s.of("t:cat"));
    }

    @Test
    void aProgramTheRequestNamesCounts() {
        LexicalScorer.Scores s = SCORER.score("sha1sum report");
        assertEquals(1.0, s.of("t:sha1"), 1e-12);
        assertEquals(0.0, s.of("t:ls"), 1e-12);
    }

    @Test
    void sharedNothingOrUnknownIdScoresZero() {
        LexicalScorer.Scores none = SCORER.score("zzz qqq");
        for (Example e : BANK) {
            assertEquals(0.0, none.of(e.id()));
        }
        assertEquals(0.0, SCORER.score("show the folder").of("t:not-in-the-bank"));
    }

    @Test
    void scoresAreWithinZeroAndOne() {
        LexicalScorer.Scores s = SCORER.score("show the folder of the lines");
        for (Example e : BANK) {
            assertTrue(s.of(e.id()) >= 0 && s.of(e.id()) <= 1, e.id() + " " + s.of(e.id()));
        }
    }
}
