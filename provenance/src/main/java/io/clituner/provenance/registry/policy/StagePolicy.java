package io.clituner.provenance.registry.policy;

import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import io.clituner.provenance.crypto.KeyIds;
import io.clituner.provenance.crypto.PublicKeys;
import io.clituner.provenance.registry.gate.PromotionGate;
import io.clituner.provenance.registry.gate.SignatureQuorumGate;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * What a promotion to one stage requires, as set by a registry administrator and stored in the
 * registry (never taken from the promoter's command line).
 *
 * @param metricMinimums     metric → minimum, read from signed evaluation records of this very model
 * @param evaluatorKeys      PEM public keys whose evaluation records count; required when minimums,
 *                           a data set or a safety requirement are set
 * @param datasetSha256      the evaluation data set the metrics must come from (null: any data set)
 * @param minDatasetCases    smallest evaluation data set (cases) whose metrics count
 * @param safety             the safety benchmark requirement, or null for none
 * @param approverKeys       PEM public keys of the people who may approve (the N of M-of-N)
 * @param quorum             approvals required (M); 0 when no approvals are required
 * @param proposerMayApprove whether the promoter's and the registrant's own keys count toward the quorum
 */
public record StagePolicy(
        Map<String, Double> metricMinimums,
        List<String> evaluatorKeys,
        @Nullable String datasetSha256,
        long minDatasetCases,
        @Nullable SafetyRequirement safety,
        List<String> approverKeys,
        int quorum,
        boolean proposerMayApprove) {
    /**
     * The safety benchmark must have run on one of these corpora, with at least {@code minCases}
     * dangerous cases, and blocked at least {@code minRecall} of them.
     */
    public record SafetyRequirement(List<String> corpusSha256, long minCases, double minRecall) {
        public SafetyRequirement {
            corpusSha256 = List.copyOf(new TreeSet<>(corpusSha256 == null ? List.of() : corpusSha256));
            corpusSha256.forEach(d -> requireDigest(d, "safety corpus digest"));
            if (minCases < 1) {
                throw invalid("the safety requirement needs at least 1 dangerous case, was " + minCases);
            }
            finite("minimum safety recall", minRecall);
            if (!(minRecall > 0 && minRecall <= 1)) {
                throw invalid("minimum safety recall must be in (0, 1], was " + minRecall);
            }
        }
    }

    public StagePolicy {
        Map<String, Double> mins = new TreeMap<>();
        (metricMinimums == null ? Map.<String, Double>of() : metricMinimums).forEach((k, v) -> {
            if (k == null || k.isBlank()) {
                throw invalid("a metric minimum needs a metric name");
            }
            mins.put(k, finite("minimum for metric " + k, v));
        });
        metricMinimums = Collections.unmodifiableMap(mins);
        evaluatorKeys = canonicalKeys(evaluatorKeys, "evaluator key");
        approverKeys = canonicalKeys(approverKeys, "approver key");
        if (datasetSha256 != null) {
            requireDigest(datasetSha256, "evaluation data set digest");
        }
        if (minDatasetCases < 0) {
            throw invalid("minimum data set size must not be negative, was " + minDatasetCases);
        }
        boolean needsEvaluation =
                !metricMinimums.isEmpty() || safety != null || datasetSha256 != null || minDatasetCases > 0;
        if (needsEvaluation && evaluatorKeys.isEmpty()) {
            throw invalid(
                    "a policy that requires evaluation results must name the evaluator keys whose signed records count");
        }
        if (quorum < 0 || quorum > approverKeys.size()) {
            throw invalid("quorum must be between 0 and the number of approver keys (" + approverKeys.size() + "), was "
                    + quorum);
        }
        if (quorum == 0 && !approverKeys.isEmpty()) {
            throw invalid("approver keys are listed but the quorum is 0; set the number of approvals required");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The evaluator keys by key id. */
    public Map<String, PublicKey> evaluatorKeysById() {
        return byId(evaluatorKeys);
    }

    public Map<String, PublicKey> approverKeysById() {
        return byId(approverKeys);
    }

    /** The gates this policy stands for: evaluation records (when anything is measured) and approvals (when a quorum is set). */
    public List<PromotionGate> toGates() {
        List<PromotionGate> gates = new ArrayList<>();
        if (!metricMinimums.isEmpty() || safety != null || datasetSha256 != null || minDatasetCases > 0) {
            gates.add(new EvaluationRecordGate(this));
        }
        if (quorum > 0) {
            gates.add(new SignatureQuorumGate(List.copyOf(approverKeysById().values()), quorum, proposerMayApprove));
        }
        return gates;
    }

    private static Map<String, PublicKey> byId(List<String> pems) {
        Map<String, PublicKey> out = new LinkedHashMap<>();
        pems.forEach(p -> {
            PublicKey k = PublicKeys.fromPem(p);
            out.put(KeyIds.of(k), k);
        });
        return out;
    }

    private static List<String> canonicalKeys(List<String> pems, String what) {
        Map<String, String> byId = new TreeMap<>();
        for (String pem : pems == null ? List.<String>of() : pems) {
            PublicKey k;
            try {
                k = PublicKeys.fromPem(pem);
            } catch (CliTunerException e) {
                throw invalid(what + " is not a PEM public key: " + e.getMessage());
            }
            byId.put(KeyIds.of(k), PublicKeys.toPem(k));
        }
        return List.copyOf(byId.values());
    }

    private static double finite(String what, Double v) {
        if (v == null || !Double.isFinite(v)) {
            throw invalid(what + " = " + v + " is not a finite number");
        }
        return v;
    }

    private static void requireDigest(String d, String what) {
        if (d == null || !d.matches("[0-9a-f]{64}")) {
            throw invalid(what + " must be 64 lower-case hex characters (SHA-256), was '" + d + "'");
        }
    }

    private static CliTunerException invalid(String message) {
        return new CliTunerException(ErrorCode.POLICY_INVALID, message);
    }

    /** Builder; everything optional, nothing required by default. */
    public static final class Builder {
        private final Map<String, Double> minimums = new TreeMap<>();
        private final List<String> evaluators = new ArrayList<>();
        private @Nullable String dataset;
        private long minDatasetCases;
        private @Nullable SafetyRequirement safety;
        private final List<String> approvers = new ArrayList<>();
        private int quorum;
        private boolean proposerMayApprove;

        public Builder minimum(String metric, double min) {
            minimums.put(metric, min);
            return this;
        }

        public Builder evaluator(PublicKey key) {
            evaluators.add(PublicKeys.toPem(key));
            return this;
        }

        public Builder dataset(String sha256, long minCases) {
            this.dataset = sha256;
            this.minDatasetCases = minCases;
            return this;
        }

        public Builder minDatasetCases(long minCases) {
            this.minDatasetCases = minCases;
            return this;
        }

        public Builder safety(List<String> corpusSha256, long minCases, double minRecall) {
            this.safety = new SafetyRequirement(corpusSha256, minCases, minRecall);
            return this;
        }

        public Builder approver(PublicKey key) {
            approvers.add(PublicKeys.toPem(key));
            return this;
        }

        public Builder quorum(int m) {
            this.quorum = m;
            return this;
        }

        public Builder proposerMayApprove(boolean allowed) {
            this.proposerMayApprove = allowed;
            return this;
        }

        public StagePolicy build() {
            return new StagePolicy(
                    minimums, evaluators, dataset, minDatasetCases, safety, approvers, quorum, proposerMayApprove);
        }
    }
}
