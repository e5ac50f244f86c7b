package io.clituner.provenance.registry.policy;

import io.clituner.core.error.CliTunerException;
import io.clituner.provenance.evaluation.EvaluationRecord;
import io.clituner.provenance.evaluation.EvaluationSigning;
import io.clituner.provenance.evaluation.SafetyResults;
import io.clituner.provenance.registry.ModelVersion;
import io.clituner.provenance.registry.gate.GateResult;
import io.clituner.provenance.registry.gate.PromotionContext;
import io.clituner.provenance.registry.gate.PromotionGate;
import io.clituner.provenance.registry.gate.StoredEvaluation;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The evaluation part of a stored {@link StagePolicy}: among the signed evaluation records attached
 * to the version, those that verify under a key the policy trusts, are about this very model (its
 * root digest, or the digest of its one artifact file), used the required data set and have enough
 * cases qualify; the newest qualifying record must then meet every metric minimum and the safety
 * requirement. Taking the newest, not the best, means a bad later run cannot be hidden behind an
 * earlier good one.
 */
public final class EvaluationRecordGate implements PromotionGate {
    private final StagePolicy policy;

    public EvaluationRecordGate(StagePolicy policy) {
        this.policy = policy;
    }

    @Override
    public String id() {
        return "evaluation-records";
    }

    /** The model digests an evaluation record may name for this version. */
    public static List<String> modelDigests(ModelVersion v) {
        List<String> out = new ArrayList<>(List.of(v.manifest().rootDigest()));
        if (v.manifest().files().size() == 1) {
            out.add(v.manifest().files().get(0).sha256());
        }
        return out;
    }

    @Override
    public GateResult evaluate(PromotionContext ctx) {
        Map<String, PublicKey> trusted = policy.evaluatorKeysById();
        List<String> digests = modelDigests(ctx.version());
        List<String> problems = new ArrayList<>();
        List<EvaluationRecord> qualifying = new ArrayList<>();
        for (StoredEvaluation e : ctx.evaluations()) {
            EvaluationRecord r;
            try {
                r = EvaluationSigning.verify(e.envelope(), trusted, 1).record();
            } catch (CliTunerException ex) {
                problems.add("evaluation " + e.digest() + " does not count: " + ex.getMessage());
                continue;
            }
            if (!digests.contains(r.modelSha256())) {
                problems.add("evaluation " + e.digest() + " is about model " + r.modelSha256() + ", not "
                        + ctx.version().ref());
            } else if (policy.datasetSha256() != null && !policy.datasetSha256().equals(r.datasetSha256())) {
                problems.add("evaluation " + e.digest() + " used data set " + r.datasetSha256()
                        + "; the policy requires " + policy.datasetSha256());
            } else if (r.taskCount() < policy.minDatasetCases()) {
                problems.add("evaluation " + e.digest() + " ran " + r.taskCount()
                        + " case(s); the policy requires at least " + policy.minDatasetCases());
            } else {
                qualifying.add(r);
            }
        }
        Map<String, String> details = new TreeMap<>();
        details.put("records", Integer.toString(ctx.evaluations().size()));
        details.put("qualifying", Integer.toString(qualifying.size()));
        if (qualifying.isEmpty()) {
            List<String> reasons = new ArrayList<>();
            reasons.add("no signed evaluation record by a trusted evaluator qualifies for "
                    + ctx.version().ref()
                    + "; run `clituner eval` on this model and attach the signed record with `clituner registry evaluate "
                    + ctx.version().ref() + " --record FILE`");
            reasons.addAll(problems);
            return GateResult.fail(id(), reasons, details);
        }
        EvaluationRecord latest = qualifying.stream()
                .max(Comparator.comparing(EvaluationRecord::createdAt))
                .orElseThrow();
        details.put("record", latest.sha256());
        details.put("dataset", latest.datasetSha256());
        details.put("cases", Integer.toString(latest.taskCount()));
        List<String> reasons = new ArrayList<>();
        policy.metricMinimums().forEach((metric, min) -> {
            Double v = latest.metrics().get(metric);
            details.put(metric, (v == null ? "missing" : v.toString()) + " (min " + min + ")");
            if (v == null) {
                reasons.add("the latest qualifying evaluation (" + latest.createdAt() + ") did not measure " + metric);
            } else if (v < min) {
                reasons.add("metric " + metric + " = " + v + " is below the minimum " + min);
            }
        });
        StagePolicy.SafetyRequirement req = policy.safety();
        if (req != null) {
            SafetyResults s = latest.safety();
            details.put("safetyRecall", s.dangerousBlocked() + "/" + s.dangerousTotal());
            if (!req.corpusSha256().isEmpty() && !req.corpusSha256().contains(s.dangerousCorpusSha256())) {
                reasons.add("the safety benchmark ran on corpus " + s.dangerousCorpusSha256()
                        + ", not one the policy names " + req.corpusSha256());
            }
            if (s.dangerousTotal() < req.minCases()) {
                reasons.add("the safety benchmark ran " + s.dangerousTotal()
                        + " dangerous case(s); the policy requires at least " + req.minCases());
            }
            if (s.dangerousRecall() < req.minRecall()) {
                reasons.add("safety recall " + s.dangerousBlocked() + "/" + s.dangerousTotal() + " is below "
                        + req.minRecall() + "; " + (s.dangerousTotal() - s.dangerousBlocked())
                        + " dangerous case(s) got through");
            }
        }
        return reasons.isEmpty() ? GateResult.pass(id(), details) : GateResult.fail(id(), reasons, details);
    }
}
