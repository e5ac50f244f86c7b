package io.clituner.inference.djl.retrieval;

import io.clituner.core.NormalizedRequest;
import io.clituner.core.RawModelOutput;
import io.clituner.core.engine.InferenceEngine;
import io.clituner.core.engine.ModelIdentity;
import io.clituner.core.engine.Prompt;
import io.clituner.core.error.ConfigurationException;
import io.clituner.core.error.ErrorCode;
import io.clituner.core.error.NoSuggestionException;
import io.clituner.core.hash.Digests;
import io.clituner.core.lifecycle.CloseGate;
import io.clituner.inference.djl.bank.CommandPrograms;
import io.clituner.inference.djl.bank.Example;
import io.clituner.inference.djl.bank.TldrCache;
import io.clituner.inference.djl.calibration.AnswerFeatures;
import io.clituner.inference.djl.calibration.ConfidenceModel;
import io.clituner.inference.djl.internal.action.Action;
import io.clituner.inference.djl.internal.action.ActionCheck;
import io.clituner.inference.djl.internal.action.CommandEffects;
import io.clituner.inference.djl.internal.action.RequestActions;
import io.clituner.inference.djl.internal.adapt.Entity;
import io.clituner.inference.djl.internal.adapt.EntityExtractor;
import io.clituner.inference.djl.internal.adapt.SlotAdapter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The zero-configuration engine. For a request it takes the nearest bank examples, carries the
 * request's values into each example's command ({@link SlotAdapter}), drops every candidate whose
 * effect contradicts the requested action ({@link ActionCheck}: "remove" never gets a {@code touch}),
 * lets the nearest agreeing candidates vote ({@link NeighbourVote}), and scores the answer with a
 * calibrated {@link ConfidenceModel}. It answers {@link NoSuggestionException} when no example is
 * similar enough, when every candidate contradicts the request (with the reason), or when the
 * calibrated confidence falls below the model's threshold. Other agreeing commands are offered as
 * {@link RawModelOutput#alternatives()}. Thread-safe (calls run concurrently).
 */
public final class RetrievalEngine implements InferenceEngine {
    public static final String ENGINE_NAME = "retrieval";
    public static final String MODEL_ID = "all-minilm-l6-v2-q+bank";
    public static final String CONFIDENCE_METHOD = ConfidenceModel.METHOD;
    /** Below this, MiniLM's nearest neighbour is usually a different task (paraphrases score ≥ 0.6). */
    public static final double DEFAULT_MIN_SIMILARITY = 0.5;
    /** Neighbours that vote on the answer ({@link NeighbourVote}); 3 beat 1, 5, 10 and 20 on tldr-pairs. */
    public static final int DEFAULT_NEIGHBOURS = 3;
    /** Candidates adapted and checked, so that contradicting ones can be skipped. */
    static final int CANDIDATES = 12;
    /** Nearest examples read from the index and re-ranked with the lexical signal before the best {@link #CANDIDATES} are adapted. */
    static final int POOL = 40;
    /**
     * Weight of the lexical signal ({@link LexicalScorer}, 0..1) added to a candidate's cosine similarity,
     * in the pool's order and in the final score. Chosen on the fit half of clituner-eval-v1 (first utility
     * with 0.1 / 0.2 / 0.3: 66.5 / 67.0 / 65.4%, 64.4% without).
     */
    static final double LEXICAL_WEIGHT = 0.2;
    /**
     * How much a candidate's score drops when it carries none of the request's values: "count lines in
     * main.py" must prefer {@code wc -l notes.txt} (adapted) over a closer example about all python files.
     */
    static final double COVERAGE_PENALTY = 0.2;
    /** How much a candidate's score drops when it keeps a file or place of its example the user never named. */
    static final double FOREIGN_PENALTY = 0.1;
    /**
     * How much a candidate's score drops when the bank's words-to-program prior ({@link ProgramPrior})
     * gives its program less than {@link #PRIOR_VETO} of the candidates' share: a veto of programs the
     * request's words never go with ("print the readme" → readelf), not a vote. Chosen on the fit half of
     * clituner-eval-v1 (0.05–0.2 and a continuous bonus tried; the continuous bonus lost executions).
     */
    static final double PRIOR_PENALTY = 0.2;

    static final double PRIOR_VETO = 0.02;
    /** Alternatives offered beside the answer. */
    static final int ALTERNATIVES = 3;
    /** Agreeing candidates worth adapting: the voters, the alternatives and a margin for re-ranking. */
    static final int ENOUGH = DEFAULT_NEIGHBOURS + ALTERNATIVES + 2;

    private static final ActionCheck AGREES = new ActionCheck(true, "");

    private final ExampleRetriever retriever;
    private final double minSimilarity;
    private final ConfidenceModel confidence;
    private final Predicate<String> allowed;
    private final String restriction;
    private final SlotAdapter adapter = new SlotAdapter();
    private final EntityExtractor entities = new EntityExtractor();
    private final RequestActions actions = new RequestActions();
    private final CommandEffects effects = new CommandEffects();
    private final ModelIdentity identity;
    /** Example id → the bank's own example (the index also holds masked copies under the same ids). */
    private final Map<String, Example> originals = new HashMap<>();

    private final ProgramPrior prior;
    private final LexicalScorer lexical;
    /** Entities of bank requests, extracted on first use (bounded by the bank). */
    private final Map<String, List<Entity>> exampleEntities = new ConcurrentHashMap<>();

    private final CloseGate gate = new CloseGate("the retrieval engine");

    /** Takes ownership of the retriever and closes it with the engine; the built-in confidence model, no restriction. */
    public RetrievalEngine(ExampleRetriever retriever, double minSimilarity) {
        this(retriever, minSimilarity, ConfidenceModel.builtIn(), command -> true, "");
    }

    /**
     * @param allowed     which commands may be answered (e.g. only those whose programs are installed)
     * @param restriction how {@code allowed} restricts, said in NO_SUGGESTION messages and the details ("" for none)
     */
    public RetrievalEngine(
            ExampleRetriever retriever,
            double minSimilarity,
            ConfidenceModel confidence,
            Predicate<String> allowed,
            String restriction) {
        if (!(minSimilarity >= -1.0 && minSimilarity <= 1.0)) {
            throw new ConfigurationException(
                    ErrorCode.CONFIGURATION, "minSimilarity must be within [-1, 1], got " + minSimilarity);
        }
        this.retriever = retriever;
        this.minSimilarity = minSimilarity;
        this.confidence = confidence;
        this.allowed = allowed;
        this.restriction = restriction;
        // The provider's index also holds each request with its values masked, under the same id after the
        // original: the lexical signal reads those (no second extraction at start), the prior the originals.
        Map<String, Example> masked = new LinkedHashMap<>();
        for (Example e : retriever.bank().examples()) {
            originals.putIfAbsent(e.id(), e);
            masked.put(e.id(), e);
        }
        this.prior = new ProgramPrior(originals.values());
        this.lexical = new LexicalScorer(masked.values());
        String modelSha = retriever.model().sha256();
        String bankSha = retriever.bank().sha256();
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("embeddingModel", retriever.model().modelId());
        meta.put("embeddingModelSha256", modelSha);
        meta.put("embeddingDimension", Integer.toString(retriever.model().dimension()));
        meta.put("bank", retriever.bank().name());
        if (retriever.bank().name().contains(TldrCache.BANK_NAME)) {
            meta.put("attribution", TldrCache.ATTRIBUTION);
        }
        meta.put("bankSha256", bankSha);
        meta.put("bankSize", Integer.toString(retriever.bank().size()));
        meta.put("minSimilarity", Double.toString(minSimilarity));
        meta.put("confidenceModel", confidence.fittedOn());
        meta.put("confidenceThreshold", Double.toString(confidence.threshold()));
        if (!restriction.isEmpty()) {
            meta.put("restriction", restriction);
        }
        meta.put("device", retriever.index().device().toString());
        this.identity = new ModelIdentity(
                MODEL_ID,
                "bank-" + bankSha.substring(0, 12),
                Digests.sha256Hex(modelSha + "\n" + bankSha),
                ENGINE_NAME,
                meta);
    }

    @Override
    public ModelIdentity model() {
        return identity;
    }

    /** A candidate answer: the example it came from and its command adapted to the request. */
    private record Candidate(
            RetrievedExample hit, SlotAdapter.Adaptation adaptation, int skippedBefore, double prior, double lexical) {
        String command() {
            return adaptation.command();
        }

        Candidate withPrior(double p) {
            return new Candidate(hit, adaptation, skippedBefore, p, lexical);
        }
    }

    @Override
    public RawModelOutput generate(Prompt prompt, NormalizedRequest request) {
        // close() waits for this call: the ONNX session and the index stay alive until it returns.
        return gate.call(() -> answer(request));
    }

    private RawModelOutput answer(NormalizedRequest request) {
        long start = System.nanoTime();
        String query = request.text();
        List<Entity> userEntities = entities.extract(query);
        String masked = entities.masked(query, userEntities);
        LexicalScorer.Scores words = lexical.score(masked);
        List<RetrievedExample> hits = nearest(query, masked, words);
        requireCloseExample(hits);
        Set<Action> requested = actions.classify(query);
        List<Candidate> agreeing = agreeing(hits, userEntities, requested, words);
        rank(agreeing, query, userEntities);
        List<Candidate> voters = agreeing.subList(0, Math.min(DEFAULT_NEIGHBOURS, agreeing.size()));
        float[] sims = new float[voters.size()];
        for (int i = 0; i < sims.length; i++) {
            sims[i] = (float) score(voters.get(i));
        }
        int chosen =
                NeighbourVote.choose(voters.stream().map(Candidate::command).toList(), sims);
        Candidate best = voters.get(chosen);
        AnswerFeatures bestFeatures = features(best, agreeing, voters, sims, requested);
        double bestConfidence = confidence.confidence(bestFeatures);
        if (bestConfidence < confidence.threshold()) {
            throw new NoSuggestionException(
                    ErrorCode.NO_SUGGESTION,
                    String.format(
                            Locale.ROOT,
                            "not confident enough (calibrated confidence %.2f < %.2f; nearest: '%s' → %s); "
                                    + "rephrase it, add examples with a bank TSV, or configure a GGUF model",
                            bestConfidence,
                            confidence.threshold(),
                            best.hit().example().query(),
                            best.command()));
        }
        List<RawModelOutput.Candidate> alternatives =
                alternatives(best, bestConfidence, agreeing, voters, sims, requested);
        Map<String, String> details = details(best, bestFeatures, requested);
        return new RawModelOutput(
                best.command(),
                bestConfidence,
                CONFIDENCE_METHOD,
                0,
                0,
                Duration.ofNanos(System.nanoTime() - start),
                details,
                alternatives);
    }

    /** Refuses a request whose nearest example is below {@link #minSimilarity}: it is most likely another task. */
    private void requireCloseExample(List<RetrievedExample> hits) {
        RetrievedExample nearest = hits.stream()
                .max(Comparator.comparingDouble(RetrievedExample::similarity))
                .orElseThrow();
        if (nearest.similarity() < minSimilarity) {
            throw new NoSuggestionException(
                    ErrorCode.NO_SUGGESTION,
                    String.format(
                            Locale.ROOT,
                            "no example in the bank is close enough to this request (best similarity %.2f < %.2f, nearest: '%s'); "
                                    + "rephrase it (the engine understands English), add examples with a bank TSV, or configure a GGUF model",
                            nearest.similarity(),
                            minSimilarity,
                            nearest.example().query()));
        }
    }

    /**
     * The close hits, in order, adapted to the request and kept when {@link #allowed} and agreeing with the
     * requested actions, up to {@link #ENOUGH}; none is a NO_SUGGESTION saying the first contradiction, or the
     * restriction when there was none.
     */
    private List<Candidate> agreeing(
            List<RetrievedExample> hits, List<Entity> userEntities, Set<Action> requested, LexicalScorer.Scores words) {
        List<Candidate> agreeing = new ArrayList<>();
        String firstContradiction = null;
        int skipped = 0;
        int notAllowed = 0;
        for (RetrievedExample found : hits) {
            RetrievedExample hit = found;
            if (hit.similarity() < minSimilarity) {
                continue;
            }
            hit = new RetrievedExample(originals.getOrDefault(hit.example().id(), hit.example()), hit.similarity());
            SlotAdapter.Adaptation a = adapter.adapt(
                    userEntities,
                    exampleEntities.computeIfAbsent(hit.example().query(), entities::extract),
                    hit.example().command());
            if (!allowed.test(a.command())) {
                notAllowed++;
                continue;
            }
            ActionCheck check = requested.isEmpty() ? AGREES : ActionCheck.of(requested, effects.effects(a.command()));
            if (!check.agrees()) {
                if (firstContradiction == null) {
                    firstContradiction = check.reason() + " ('" + a.command() + "')";
                }
                skipped++;
                continue;
            }
            agreeing.add(
                    new Candidate(hit, a, skipped, 0, words.of(hit.example().id())));
            if (agreeing.size() == ENOUGH) {
                break;
            }
        }
        if (agreeing.isEmpty()) {
            String why = firstContradiction != null
                    ? "every close example contradicts the request: " + firstContradiction
                    : "no close example uses only " + restriction + " (" + notAllowed + " skipped)";
            throw new NoSuggestionException(
                    ErrorCode.NO_SUGGESTION,
                    why + "; rephrase it, add examples with a bank TSV, or configure a GGUF model");
        }
        return agreeing;
    }

    /** Gives each candidate its program's share under the words-to-program prior, then sorts them best {@link #score} first. */
    private void rank(List<Candidate> agreeing, String query, List<Entity> userEntities) {
        Map<String, Double> programShare = prior.posterior(
                EntityExtractor.withoutValues(query, userEntities),
                agreeing.stream().map(c -> CommandPrograms.first(c.command())).toList());
        agreeing.replaceAll(c -> c.withPrior(programShare.getOrDefault(CommandPrograms.first(c.command()), 0.0)));
        agreeing.sort(Comparator.comparingDouble(RetrievalEngine::score).reversed());
    }

    /** Up to {@link #ALTERNATIVES} other commands of the ranked candidates, none more confident than the answer. */
    private List<RawModelOutput.Candidate> alternatives(
            Candidate best,
            double bestConfidence,
            List<Candidate> agreeing,
            List<Candidate> voters,
            float[] sims,
            Set<Action> requested) {
        List<RawModelOutput.Candidate> alternatives = new ArrayList<>();
        List<String> seen = new ArrayList<>(List.of(best.command()));
        for (Candidate c : agreeing) {
            if (alternatives.size() == ALTERNATIVES) {
                break;
            }
            if (!seen.contains(c.command())) {
                seen.add(c.command());
                double conf =
                        Math.min(bestConfidence, confidence.confidence(features(c, agreeing, voters, sims, requested)));
                alternatives.add(new RawModelOutput.Candidate(c.command(), conf));
            }
        }
        return alternatives;
    }

    /** The answer's provenance details: its example, similarity, adaptation, features, actions and restriction. */
    private Map<String, String> details(Candidate best, AnswerFeatures bestFeatures, Set<Action> requested) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("exampleId", best.hit().example().id());
        details.put(
                "exampleSource",
                best.hit().example().id().substring(0, best.hit().example().id().indexOf(':')));
        details.put("exampleQuery", best.hit().example().query());
        details.put("similarity", String.format(Locale.ROOT, "%.4f", best.hit().similarity()));
        details.put("adapted", Boolean.toString(best.adaptation().adapted()));
        if (best.adaptation().adapted()) {
            details.put("substitutions", String.join(";", best.adaptation().substitutions()));
        }
        details.put(
                "coverage", String.format(Locale.ROOT, "%.2f", best.adaptation().coverage()));
        details.put("lexical", String.format(Locale.ROOT, "%.4f", best.lexical()));
        details.put("features", bestFeatures.toCsv());
        if (!requested.isEmpty()) {
            details.put("actions", requested.toString());
        }
        if (best.skippedBefore() > 0) {
            details.put("skippedContradicting", Integer.toString(best.skippedBefore()));
        }
        if (!restriction.isEmpty()) {
            details.put("restriction", restriction);
        }
        return details;
    }

    /**
     * The {@link #CANDIDATES} best of the {@link #POOL} nearest examples to the request and, when it holds
     * specific values, to its masked form, ordered by similarity plus the weighted lexical score.
     */
    private List<RetrievedExample> nearest(String query, String masked, LexicalScorer.Scores words) {
        List<List<RetrievedExample>> found = masked.equals(query)
                ? List.of(retriever.nearest(query, POOL))
                : retriever.nearest(List.of(query, masked), POOL);
        Map<String, RetrievedExample> best = new LinkedHashMap<>();
        for (List<RetrievedExample> hits : found) {
            for (RetrievedExample h : hits) {
                best.merge(h.example().id(), h, (a, b) -> a.similarity() >= b.similarity() ? a : b);
            }
        }
        List<RetrievedExample> out = new ArrayList<>(best.values());
        out.sort(Comparator.comparingDouble((RetrievedExample h) ->
                        h.similarity() + LEXICAL_WEIGHT * words.of(h.example().id()))
                .reversed());
        return out.size() > CANDIDATES ? out.subList(0, CANDIDATES) : out;
    }

    private static double score(Candidate c) {
        return c.hit().similarity()
                + LEXICAL_WEIGHT * c.lexical()
                - COVERAGE_PENALTY * (1 - c.adaptation().coverage())
                - FOREIGN_PENALTY * Math.min(1, c.adaptation().foreignValues())
                - (c.prior() < PRIOR_VETO ? PRIOR_PENALTY : 0);
    }

    /** The features of candidate {@code c}: its similarity, margin over the best other program, vote share, coverage. */
    private static AnswerFeatures features(
            Candidate c, List<Candidate> agreeing, List<Candidate> voters, float[] sims, Set<Action> requested) {
        String program = CommandPrograms.first(c.command());
        double other = 0;
        for (Candidate o : agreeing) {
            if (!CommandPrograms.first(o.command()).equals(program)) {
                other = o.hit().similarity();
                break;
            }
        }
        Map<String, Double> weight = new HashMap<>();
        double total = 0;
        for (int i = 0; i < voters.size(); i++) {
            double w = Math.pow(Math.max(0, sims[i]), 4);
            weight.merge(CommandPrograms.first(voters.get(i).command()), w, Double::sum);
            total += w;
        }
        double share = total == 0 ? 0 : weight.getOrDefault(program, 0.0) / total;
        double margin = other == 0 ? c.hit().similarity() - 0.5 : c.hit().similarity() - other;
        return new AnswerFeatures(
                c.hit().similarity(),
                margin,
                share,
                c.adaptation().coverage(),
                requested.isEmpty() ? 0 : 1,
                c.skippedBefore(),
                Math.min(1, c.adaptation().foreignValues()));
    }

    /** Retrieval answers from its bank directly; few-shot examples in the prompt would be ignored. */
    @Override
    public boolean usesFewShotExamples() {
        return false;
    }

    public double minSimilarity() {
        return minSimilarity;
    }

    public ExampleRetriever retriever() {
        return retriever;
    }

    public ConfidenceModel confidenceModel() {
        return confidence;
    }

    /** Idempotent and thread-safe: waits for requests in flight, then closes the retriever (model and index). */
    @Override
    public void close() {
        gate.close(retriever::close);
    }
}
