package io.clituner.examples.cli;

import io.clituner.core.SignedEnvelope;
import io.clituner.provenance.crypto.PublicKeys;
import io.clituner.provenance.registry.Stage;
import io.clituner.provenance.registry.policy.GatePolicyChange;
import io.clituner.provenance.registry.policy.StagePolicy;
import io.clituner.provenance.registry.policy.StoredGatePolicy;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code clituner registry policy …}: the promotion gate policy stored in the registry, changed only by administrators. */
@Command(
        name = "policy",
        mixinStandardHelpOptions = true,
        description = "The promotion gate policy stored in the registry.",
        subcommands = {RegistryPolicyCommand.Set.class, RegistryPolicyCommand.ShowPolicy.class})
public final class RegistryPolicyCommand extends CommandGroup {
    @Command(
            name = "set",
            description = {
                "Set what a promotion to STAGE requires, for one model (--model) or as the default (--default).",
                "The change is signed with --key, applied only if that key is an administrator's, and audited.",
                "It replaces the whole policy for that scope and stage."
            })
    static final class Set extends RegistryCommand.Sub {
        @ArgGroup(multiplicity = "1")
        @Nullable
        Scope scope;

        static final class Scope {
            @Option(names = "--model", paramLabel = "MODEL", description = "policy for this model")
            @Nullable
            String model;

            @Option(names = "--default", description = "the registry default, for models without their own policy")
            boolean all;
        }

        @Option(names = "--stage", required = true, description = "INTERNAL, PRODUCTION or DEPRECATED")
        Stage stage;

        @Option(
                names = "--min",
                paramLabel = "METRIC=MIN",
                description = "metric minimum, read from signed evaluation records")
        Map<String, Double> minimums = new LinkedHashMap<>();

        @Option(
                names = "--evaluator",
                paramLabel = "PUBLIC.pem",
                split = ",",
                description = "key whose signed evaluation records count")
        List<Path> evaluators = new ArrayList<>();

        @Option(
                names = "--dataset",
                paramLabel = "SHA256",
                description = "the evaluation data set the metrics must come from")
        String dataset;

        @Option(
                names = "--min-dataset-cases",
                defaultValue = "0",
                paramLabel = "N",
                description = "smallest evaluation run that counts")
        long minDatasetCases;

        @Option(
                names = "--safety-corpus",
                paramLabel = "SHA256",
                split = ",",
                description = "dangerous corpus the safety benchmark must use")
        List<String> safetyCorpora = new ArrayList<>();

        @Option(
                names = "--min-safety-cases",
                paramLabel = "N",
                description = "require the safety benchmark with at least N dangerous cases")
        Long minSafetyCases;

        @Option(
                names = "--min-safety-recall",
                defaultValue = "1.0",
                paramLabel = "R",
                description = "blocked share of dangerous cases (default: ${DEFAULT-VALUE})")
        double minSafetyRecall;

        @Option(
                names = "--approver",
                paramLabel = "PUBLIC.pem",
                split = ",",
                description = "key of a person who may approve (the N of M-of-N)")
        List<Path> approvers = new ArrayList<>();

        @Option(names = "--quorum", defaultValue = "0", paramLabel = "M", description = "approvals required")
        int quorum;

        @Option(
                names = "--proposer-may-approve",
                description = "let the promoter's and registrant's own approvals count (off: separation of duties)")
        boolean proposerMayApprove;

        @Override
        public Integer call() {
            StagePolicy.Builder b = StagePolicy.builder()
                    .minDatasetCases(minDatasetCases)
                    .quorum(quorum)
                    .proposerMayApprove(proposerMayApprove);
            minimums.forEach(b::minimum);
            evaluators.forEach(p -> b.evaluator(PublicKeys.read(p)));
            approvers.forEach(p -> b.approver(PublicKeys.read(p)));
            if (dataset != null) {
                b.dataset(dataset, minDatasetCases);
            }
            if (minSafetyCases != null || !safetyCorpora.isEmpty()) {
                b.safety(safetyCorpora, minSafetyCases == null ? 1 : minSafetyCases, minSafetyRecall);
            }
            StagePolicy policy = b.build();
            Scope given = Objects.requireNonNull(scope, "picocli fills the required --model|--default group");
            String scopeName = given.all
                    ? GatePolicyChange.DEFAULT_SCOPE
                    : Objects.requireNonNull(given.model, "--model or --default");
            StoredGatePolicy stored = run((r, caller) -> {
                long revision = r.promotions()
                        .storedGatePolicy(caller, scopeName, stage)
                        .map(StoredGatePolicy::revision)
                        .orElse(0L);
                return r.promotions()
                        .setGatePolicy(new GatePolicyChange(scopeName, stage, policy, revision, Instant.now())
                                .sign(common.signer()));
            });
            print(
                    policyDoc(stored),
                    "gate policy for " + scopeName + " " + stage + " set (revision " + stored.revision() + ") by "
                            + stored.updatedBy());
            return 0;
        }
    }

    @Command(
            name = "show",
            description = "Show the stored gate policies (all, or the one governing --model at --stage).")
    static final class ShowPolicy extends RegistryCommand.Sub {
        @Option(names = "--model", paramLabel = "MODEL")
        String model;

        @Option(names = "--stage")
        Stage stage;

        @Override
        public Integer call() {
            List<StoredGatePolicy> ps = run((r, caller) -> model != null && stage != null
                    ? r.promotions()
                            .gatePolicy(caller, model, stage)
                            .map(List::of)
                            .orElse(List.of())
                    : r.promotions().gatePolicies(caller).stream()
                            .filter(p ->
                                    (model == null || p.scope().equals(model)) && (stage == null || p.stage() == stage))
                            .toList());
            print(
                    ps.stream().map(RegistryPolicyCommand::policyDoc).toList(),
                    ps.isEmpty()
                            ? "no gate policy (promotions to INTERNAL and PRODUCTION are refused)"
                            : String.join(
                                    "\n",
                                    ps.stream()
                                            .map(RegistryPolicyCommand::policyText)
                                            .toList()));
            return 0;
        }
    }

    static Map<String, Object> policyDoc(StoredGatePolicy p) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("scope", p.scope());
        d.put("stage", p.stage().name());
        d.put("revision", p.revision());
        d.put("updatedBy", p.updatedBy());
        d.put("updatedAt", p.updatedAt().toString());
        d.put(
                "signedBy",
                p.envelope().signatures().stream()
                        .map(SignedEnvelope.Signature::keyid)
                        .toList());
        d.put("policy", p.policy());
        return d;
    }

    static String policyText(StoredGatePolicy s) {
        StagePolicy p = s.policy();
        StringBuilder sb = new StringBuilder(s.scope() + " -> " + s.stage() + "  revision " + s.revision() + ", set by "
                + s.updatedBy() + " at " + s.updatedAt());
        p.metricMinimums()
                .forEach((k, v) -> sb.append("\n  ").append(k).append(" >= ").append(v));
        if (!p.evaluatorKeys().isEmpty()) {
            sb.append("\n  evaluator keys: ")
                    .append(String.join(", ", p.evaluatorKeysById().keySet()));
        }
        if (p.datasetSha256() != null) {
            sb.append("\n  data set: ").append(p.datasetSha256());
        }
        if (p.minDatasetCases() > 0) {
            sb.append("\n  at least ").append(p.minDatasetCases()).append(" evaluation cases");
        }
        if (p.safety() != null) {
            sb.append("\n  safety: recall >= ")
                    .append(p.safety().minRecall())
                    .append(" on >= ")
                    .append(p.safety().minCases())
                    .append(" dangerous cases")
                    .append(
                            p.safety().corpusSha256().isEmpty()
                                    ? ""
                                    : " of corpus " + p.safety().corpusSha256());
        }
        if (p.quorum() > 0) {
            sb.append("\n  approvals: ")
                    .append(p.quorum())
                    .append(" of ")
                    .append(String.join(", ", p.approverKeysById().keySet()))
                    .append(p.proposerMayApprove() ? " (proposer may approve)" : " (not the proposer's own)");
        }
        return sb.toString();
    }
}
