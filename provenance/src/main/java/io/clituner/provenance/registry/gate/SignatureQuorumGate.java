package io.clituner.provenance.registry.gate;

import io.clituner.core.SignedEnvelope;
import io.clituner.core.error.CliTunerException;
import io.clituner.provenance.crypto.KeyIds;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * M-of-N approvals: at least {@code threshold} distinct keys among the {@code authorized} ones must
 * have signed a {@link PromotionApprovals promotion approval} for this version and stage. Signatures
 * by other keys, for other versions or stages, or that do not verify, count for nothing.
 */
public final class SignatureQuorumGate implements PromotionGate {
    private final Map<String, PublicKey> authorized;
    private final int threshold;
    private final boolean proposerMayApprove;

    /** Separation of duties on: the proposers' own keys do not count toward the quorum. */
    public SignatureQuorumGate(List<PublicKey> authorizedKeys, int threshold) {
        this(authorizedKeys, threshold, false);
    }

    /**
     * @param proposerMayApprove whether signatures by the proposers' keys ({@link PromotionContext#proposerKeyIds()}:
     *                           the promoting caller's and the registrant's) count toward {@code threshold}
     */
    public SignatureQuorumGate(List<PublicKey> authorizedKeys, int threshold, boolean proposerMayApprove) {
        if (authorizedKeys == null || authorizedKeys.isEmpty()) {
            throw new IllegalArgumentException("a signature gate needs at least one authorized key");
        }
        if (threshold < 1 || threshold > authorizedKeys.size()) {
            throw new IllegalArgumentException(
                    "threshold must be between 1 and " + authorizedKeys.size() + ", was " + threshold);
        }
        Map<String, PublicKey> byId = new TreeMap<>();
        authorizedKeys.forEach(k -> byId.put(KeyIds.of(k), k));
        this.authorized = Map.copyOf(byId);
        this.threshold = threshold;
        this.proposerMayApprove = proposerMayApprove;
    }

    @Override
    public String id() {
        return "signatures-" + threshold + "-of-" + authorized.size();
    }

    @Override
    public GateResult evaluate(PromotionContext ctx) {
        Set<String> approvers = new LinkedHashSet<>();
        List<String> problems = new ArrayList<>();
        int i = 0;
        for (SignedEnvelope env : ctx.evidence().approvals()) {
            i++;
            try {
                for (String keyId : PromotionApprovals.verify(env, ctx.version(), ctx.target(), authorized)) {
                    if (!proposerMayApprove && ctx.proposerKeyIds().contains(keyId)) {
                        problems.add(
                                "approval #" + i + " by key " + keyId + " does not count: it is the proposer's own key"
                                        + " (separation of duties; the policy does not let proposers approve their own promotion)");
                    } else {
                        approvers.add(keyId);
                    }
                }
            } catch (CliTunerException e) {
                problems.add("approval #" + i + " rejected: " + e.getMessage());
            }
        }
        Map<String, String> details =
                Map.of("approvers", String.join(",", approvers), "required", threshold + " of " + authorized.size());
        if (approvers.size() >= threshold) {
            return GateResult.pass(id(), details);
        }
        List<String> reasons = new ArrayList<>();
        reasons.add(approvers.size() + " valid approval(s) by authorized keys for "
                + ctx.version().ref() + " → " + ctx.target() + "; " + threshold + " of " + authorized.size()
                + " required");
        reasons.addAll(problems);
        return GateResult.fail(id(), reasons, details);
    }
}
