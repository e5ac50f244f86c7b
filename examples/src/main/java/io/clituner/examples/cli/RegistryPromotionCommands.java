package io.clituner.examples.cli;

import static io.clituner.examples.cli.RegistryCommand.ordered;
import static io.clituner.examples.cli.RegistryCommand.readBytes;

import io.clituner.core.SignedEnvelope;
import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import io.clituner.provenance.crypto.Signer;
import io.clituner.provenance.dsse.Dsse;
import io.clituner.provenance.registry.AliasMove;
import io.clituner.provenance.registry.Stage;
import io.clituner.provenance.registry.TargetRef;
import io.clituner.provenance.registry.VersionRef;
import io.clituner.provenance.registry.gate.PromotionApprovals;
import io.clituner.provenance.registry.gate.PromotionEvidence;
import io.clituner.provenance.registry.gate.PromotionRecord;
import io.clituner.provenance.registry.gate.PromotionRejectedException;
import io.clituner.provenance.registry.gate.PromotionRequest;
import io.clituner.provenance.registry.gate.StoredEvaluation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The promotion subcommands of {@code clituner registry}: attach signed evaluation records, sign
 * approvals, promote through the gates of the policy stored in the registry, and move, roll back or
 * list the aliases (such as {@code champion}) that point at promoted versions.
 */
final class RegistryPromotionCommands {
    private RegistryPromotionCommands() {}

    @Command(
            name = "evaluate",
            description = {
                "Attach a signed evaluation record (from `clituner eval --sign-key KEY --record FILE`) to a version.",
                "The gate policy decides at promotion whether its signer, data set and numbers count."
            })
    static final class Evaluate extends RegistryCommand.Sub {
        @Parameters(index = "0", paramLabel = "MODEL@VERSION")
        String ref;

        @Option(
                names = "--record",
                required = true,
                paramLabel = "FILE",
                description = "the DSSE envelope JSON of the signed evaluation record")
        Path record;

        @Override
        public Integer call() {
            SignedEnvelope env = Dsse.fromJson(readBytes(record));
            StoredEvaluation e =
                    run((r, caller) -> r.promotions().attachEvaluation(caller, VersionRef.parse(ref), env));
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("version", e.version().toString());
            doc.put("digest", e.digest());
            print(doc, "evaluation " + e.digest() + " attached to " + e.version());
            return 0;
        }
    }

    @Command(
            name = "promote",
            description = {
                "Move a version one stage up through the gates of the policy stored in the registry;",
                "every failed gate is reported and nothing changes. Set gates with `registry policy set` (administrators)."
            })
    static final class Promote extends RegistryCommand.Sub {
        @Parameters(index = "0", paramLabel = "MODEL@VERSION")
        String ref;

        @Option(names = "--to", required = true, description = "${COMPLETION-CANDIDATES}")
        Stage to;

        @Option(
                names = "--approval",
                paramLabel = "FILE",
                description = "DSSE envelope JSON with a promotion approval (from `registry approve`)")
        List<Path> approvals = new ArrayList<>();

        @Option(
                names = "--expect-revision",
                description = "fail with a conflict unless the version is still at this revision")
        Long expectRevision;

        @Override
        public Integer call() {
            List<SignedEnvelope> envs =
                    approvals.stream().map(p -> Dsse.fromJson(readBytes(p))).toList();
            try {
                PromotionRecord rec = run((r, caller) -> r.promotions()
                        .promote(
                                caller,
                                new PromotionRequest(
                                        VersionRef.parse(ref), to, new PromotionEvidence(null, envs), expectRevision)));
                print(
                        rec,
                        rec.ref() + ": " + rec.from() + " -> " + rec.to() + "  gates "
                                + rec.gates().stream().map(x -> x.gateId()).toList());
                return 0;
            } catch (PromotionRejectedException e) {
                if (common.json) {
                    Map<String, Object> doc = new LinkedHashMap<>();
                    doc.put("rejected", true);
                    doc.put("reasons", e.reasons());
                    out().println(Json.write(doc));
                } else {
                    spec.commandLine().getErr().println("promotion rejected:");
                    e.reasons().forEach(x -> spec.commandLine().getErr().println("  - " + x));
                }
                return 1;
            }
        }
    }

    @Command(
            name = "approve",
            description =
                    "Sign a promotion approval of MODEL@VERSION to a stage with --key; writes the DSSE envelope for promote --approval.")
    static final class Approve extends RegistryCommand.Sub {
        @Parameters(index = "0", paramLabel = "MODEL@VERSION")
        String ref;

        @Option(names = "--to", required = true)
        Stage to;

        @Option(names = "--out", required = true, description = "where to write the envelope JSON")
        Path outFile;

        @Override
        public Integer call() {
            Signer approver = common.signer();
            SignedEnvelope env = run((r, caller) -> PromotionApprovals.sign(
                    r.versions().version(caller, TargetRef.version(VersionRef.parse(ref))), to, List.of(approver)));
            try {
                Files.write(outFile, Dsse.toJson(env));
            } catch (IOException e) {
                throw new CliTunerException(ErrorCode.STORE_IO, "cannot write " + outFile + ": " + e.getMessage(), e);
            }
            print(
                    ordered("approval", outFile.toString(), "keyid", approver.keyId()),
                    "approval of " + ref + " -> " + to + " by " + approver.keyId() + " written to " + outFile);
            return 0;
        }
    }

    @Command(name = "alias", description = "Point MODEL@ALIAS at a version, roll it back, or show its history.")
    static final class Alias extends RegistryCommand.Sub {
        @Parameters(index = "0", paramLabel = "MODEL@ALIAS")
        String alias;

        @Parameters(index = "1", arity = "0..1", paramLabel = "VERSION")
        String version;

        @Option(names = "--rollback", description = "move the alias back to where it pointed before its latest move")
        boolean rollback;

        @Option(names = "--reason", defaultValue = "")
        String reason;

        @Override
        public Integer call() {
            TargetRef t = TargetRef.parse(alias);
            String name = t.alias();
            if (name == null) {
                throw new CliTunerException(
                        ErrorCode.REGISTRY_INVALID, alias + " does not name an alias; expected MODEL@ALIAS");
            }
            if (rollback || version != null) {
                AliasMove m = run((r, caller) -> rollback
                        ? r.promotions().rollbackAlias(caller, t.model(), name, reason)
                        : r.promotions().moveAlias(caller, t.model(), name, VersionRef.of(t.model(), version), reason));
                print(m, t + ": " + m.from() + " -> " + m.to() + " (move #" + m.sequence() + ")");
            } else {
                List<AliasMove> h = run((r, caller) -> r.promotions().aliasHistory(caller, t.model(), name));
                print(
                        h,
                        String.join(
                                "\n",
                                h.stream()
                                        .map(m -> "#" + m.sequence() + " " + m.at() + " " + m.from() + " -> " + m.to()
                                                + " by " + m.actor() + ": " + m.reason())
                                        .toList()));
            }
            return 0;
        }
    }
}
