package io.clituner.inference.djl.eval;

import io.clituner.core.error.ConfigurationException;
import io.clituner.core.error.ErrorCode;
import io.clituner.core.hash.Digests;
import io.clituner.inference.djl.bank.BankEmbeddings;
import io.clituner.inference.djl.bank.CommandPrograms;
import io.clituner.inference.djl.bank.Example;
import io.clituner.inference.djl.bank.ExampleBank;
import io.clituner.inference.djl.embedding.EmbeddingModel;
import io.clituner.inference.djl.retrieval.Bm25Index;
import io.clituner.inference.djl.retrieval.CosineIndex;
import io.clituner.inference.djl.retrieval.NeighbourVote;
import io.clituner.inference.djl.retrieval.SearchHit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Measures retrieval quality on a {@code description TAB command} corpus (e.g. tldr-pairs.tsv).
 * The split is deterministic and by description: a description whose SHA-256 starts with a byte
 * {@code < 26} (≈10%) is a query, every other pair goes into the bank, so no query text is in the
 * bank. A query's references are all commands listed for its description. Optionally a fixed
 * subsample of queries (those with the smallest description hash) keeps test runs short; the bank
 * is always the full 90%.
 */
public final class RetrievalEvaluation {
    /** First hash byte below this → query side: 26/256 ≈ 10.2%. */
    private static final int QUERY_BYTE_LIMIT = 26;

    private static final int QUERY_BATCH = 256;

    private final EmbeddingModel model;
    private final Path embeddingCache;
    private final int neighbours;

    /**
     * @param neighbours how many nearest examples vote on the answer ({@link NeighbourVote}); 1 is plain
     *                   nearest-neighbour retrieval. BM25 always answers with its single best match.
     */
    public RetrievalEvaluation(EmbeddingModel model, Path embeddingCache, int neighbours) {
        if (neighbours < 1) {
            throw new ConfigurationException(ErrorCode.CONFIGURATION, "neighbours must be >= 1, got " + neighbours);
        }
        this.model = model;
        this.embeddingCache = embeddingCache;
        this.neighbours = neighbours;
    }

    /** Evaluates every held-out description when {@code maxQueries <= 0}, else the first {@code maxQueries} by hash. */
    public EvaluationReport run(Path corpus, int maxQueries) {
        Map<String, Set<String>> queryRefs = new LinkedHashMap<>();
        List<String[]> bankPairs = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(corpus, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigurationException(
                    ErrorCode.CONFIGURATION, "cannot read evaluation corpus " + corpus + ": " + e.getMessage(), e);
        }
        for (String line : lines) {
            String[] cols = line.split("\t", -1);
            if (cols.length < 2 || cols[0].isBlank() || cols[1].isBlank()) {
                continue;
            }
            String description = cols[0].strip();
            String command = normalize(cols[1]);
            if (isQuery(description)) {
                queryRefs
                        .computeIfAbsent(description, k -> new LinkedHashSet<>())
                        .add(command);
            } else {
                bankPairs.add(new String[] {description, command});
            }
        }
        if (bankPairs.isEmpty() || queryRefs.isEmpty()) {
            throw new ConfigurationException(
                    ErrorCode.CONFIGURATION, corpus + " holds too few 'description<TAB>command' lines to split");
        }
        List<String> queries = new ArrayList<>(queryRefs.keySet());
        queries.sort(Comparator.comparing(Digests::sha256Hex));
        if (maxQueries > 0 && queries.size() > maxQueries) {
            queries = queries.subList(0, maxQueries);
        }
        ExampleBank bank = ExampleBank.of("eval-bank", bankPairs);

        long t0 = System.nanoTime();
        float[][] bankVectors = BankEmbeddings.load(model, bank, embeddingCache);
        long bankMillis = (System.nanoTime() - t0) / 1_000_000;

        Bm25Index bm25 = new Bm25Index(bank.queries());
        int embExact = 0;
        int embProgram = 0;
        int bmExact = 0;
        int bmProgram = 0;
        long t1 = System.nanoTime();
        try (CosineIndex index = CosineIndex.of(bankVectors)) {
            for (int from = 0; from < queries.size(); from += QUERY_BATCH) {
                List<String> batch = queries.subList(from, Math.min(queries.size(), from + QUERY_BATCH));
                List<List<SearchHit>> hits = index.search(model.embedAll(batch), neighbours);
                for (int i = 0; i < batch.size(); i++) {
                    Set<String> refs =
                            Objects.requireNonNull(queryRefs.get(batch.get(i)), "queries are queryRefs' keys");
                    Example emb = bank.get(vote(bank, hits.get(i)));
                    embExact += refs.contains(emb.command()) ? 1 : 0;
                    embProgram += sameProgram(emb.command(), refs) ? 1 : 0;
                    int b = bm25.best(batch.get(i));
                    if (b >= 0) {
                        Example lex = bank.get(b);
                        bmExact += refs.contains(lex.command()) ? 1 : 0;
                        bmProgram += sameProgram(lex.command(), refs) ? 1 : 0;
                    }
                }
            }
        }
        long queryMillis = (System.nanoTime() - t1) / 1_000_000;
        double n = queries.size();
        return new EvaluationReport(
                bank.size(),
                queries.size(),
                embExact / n,
                embProgram / n,
                bmExact / n,
                bmProgram / n,
                bankMillis,
                queryMillis);
    }

    private static int vote(ExampleBank bank, List<SearchHit> hits) {
        List<String> commands = new ArrayList<>(hits.size());
        float[] sims = new float[hits.size()];
        for (int j = 0; j < hits.size(); j++) {
            commands.add(bank.get(hits.get(j).index()).command());
            sims[j] = hits.get(j).score();
        }
        return hits.get(NeighbourVote.choose(commands, sims)).index();
    }

    static boolean isQuery(String description) {
        int firstByte = Integer.parseInt(Digests.sha256Hex(description).substring(0, 2), 16);
        return firstByte < QUERY_BYTE_LIMIT;
    }

    private static boolean sameProgram(String command, Set<String> refs) {
        String p = CommandPrograms.first(command);
        for (String r : refs) {
            if (CommandPrograms.first(r).equals(p)) {
                return true;
            }
        }
        return false;
    }

    private static String normalize(String command) {
        return command.strip().replaceAll("\\s+", " ");
    }
}
