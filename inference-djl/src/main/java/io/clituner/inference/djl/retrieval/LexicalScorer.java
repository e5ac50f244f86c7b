package io.clituner.inference.djl.retrieval;

import io.clituner.inference.djl.bank.CommandPrograms;
import io.clituner.inference.djl.bank.Example;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The lexical signal beside the embedding: Okapi BM25 over the bank's requests with their values
 * masked, each followed by its command's first program. A sentence embedding weighs the nouns of a
 * request as much as its verbs, so "show the first 3 lines of the notes" lands among examples about
 * notes.txt; the words the request shares with the bank's own phrasing of a task ("first", "lines")
 * and a program it names ("sha1sum", "hexdump") bring that task's examples back. Scores are
 * normalised per request by its best document, so the signal is in [0, 1] whatever the request's
 * length. Immutable and thread-safe.
 */
final class LexicalScorer {
    private final Bm25Index index;
    private final Map<String, Integer> rows = new HashMap<>();

    /** @param examples the bank with its requests masked as the engine masks a request (values → "a file", "a directory"…) */
    LexicalScorer(Collection<Example> examples) {
        List<String> documents = new ArrayList<>(examples.size());
        for (Example e : examples) {
            rows.put(e.id(), documents.size());
            documents.add(e.query() + " " + CommandPrograms.first(e.command()));
        }
        this.index = new Bm25Index(documents);
    }

    /** The scores of one request. */
    interface Scores {
        /** The normalised BM25 score of the example with this id: 1 for the request's best document, 0 when no word is shared. */
        double of(String exampleId);
    }

    Scores score(String maskedRequest) {
        double[] raw = index.scores(maskedRequest);
        if (raw == null) {
            return id -> 0.0;
        }
        double max = 0;
        for (double r : raw) {
            max = Math.max(max, r);
        }
        double top = max;
        return id -> {
            Integer row = rows.get(id);
            return row == null || top <= 0 ? 0.0 : raw[row] / top;
        };
    }
}
