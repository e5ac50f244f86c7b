package io.clituner.examples.cli;

import io.clituner.core.egress.SignedEnvelope;
import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import io.clituner.provenance.audit.AuditLog;
import io.clituner.provenance.crypto.PrivateKeys;
import io.clituner.provenance.crypto.PublicKeys;
import io.clituner.provenance.crypto.Signer;
import io.clituner.provenance.dsse.Dsse;
import io.clituner.provenance.registry.AliasMove;
import io.clituner.provenance.registry.Lineage;
import io.clituner.provenance.registry.LineageMethod;
import io.clituner.provenance.registry.ModelRegistry;
import io.clituner.provenance.registry.ModelVersion;
import io.clituner.provenance.registry.NewVersion;
import io.clituner.provenance.registry.RegisteredModel;
import io.clituner.provenance.registry.Stage;
import io.clituner.provenance.registry.TargetRef;
import io.clituner.provenance.registry.VersionRef;
import io.clituner.provenance.registry.access.AccessDecision;
import io.clituner.provenance.registry.access.Caller;
import io.clituner.provenance.registry.access.Grant;
import io.clituner.provenance.registry.access.Permission;
import io.clituner.provenance.registry.gate.EvalThresholdGate;
import io.clituner.provenance.registry.gate.GatePolicy;
import io.clituner.provenance.registry.gate.PromotionApprovals;
import io.clituner.provenance.registry.gate.PromotionEvidence;
import io.clituner.provenance.registry.gate.PromotionRecord;
import io.clituner.provenance.registry.gate.PromotionRejectedException;
import io.clituner.provenance.registry.gate.PromotionRequest;
import io.clituner.provenance.registry.gate.SafetyBenchmarkResult;
import io.clituner.provenance.registry.gate.SafetyRecallGate;
import io.clituner.provenance.registry.gate.SignatureQuorumGate;
import io.clituner.provenance.registry.manifest.ManifestVerification;
import io.clituner.provenance.registry.routing.CapabilityRoute;
import io.clituner.provenance.registry.routing.RouteCandidate;
import io.clituner.provenance.registry.routing.RouteDecision;
import io.clituner.provenance.registry.store.RegistryStore;
import io.clituner.provenance.registry.store.RegistryStores;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code clituner registry …}: the model registry from the command line. Every subcommand opens the
 * store ({@code --db}), the audit log ({@code --audit}) and acts as {@code --as SERVICE[/AGENT]};
 * access is denied unless a grant allows it (use {@code --bootstrap-admin} once on a new registry).
 */
@Command(name = "registry", mixinStandardHelpOptions = true,
        description = "Model registry: snapshots, lineage, gated promotion, aliases, grants and capability routing.",
        subcommands = {
                RegistryCommand.Register.class, RegistryCommand.Snapshot.class, RegistryCommand.Derive.class,
                RegistryCommand.ListModels.class, RegistryCommand.Show.class, RegistryCommand.LineageCmd.class,
                RegistryCommand.Promote.class, RegistryCommand.Alias.class, RegistryCommand.GrantCmd.class,
                RegistryCommand.CheckAccess.class, RegistryCommand.Route.class, RegistryCommand.Verify.class,
                RegistryCommand.Approve.class,
        })
public final class RegistryCommand extends CommandGroup {
    /** Options every subcommand shares. */
    static final class Common {
        @Option(names = "--db", defaultValue = "./.clituner/registry.db", description = "SQLite file, or a jdbc:postgresql:// URL (default: ${DEFAULT-VALUE})")
        String db;

        @Option(names = "--audit", defaultValue = "./.clituner/registry-audit.log", description = "audit log file (default: ${DEFAULT-VALUE})")
        Path audit;

        @Option(names = "--as", required = true, description = "acting caller: SERVICE or SERVICE/AGENT")
        String as;

        @Option(names = "--trust", split = ",", description = "public key PEM file(s) whose manifest signatures are accepted")
        List<Path> trust = new ArrayList<>();

        @Option(names = "--key", description = "private key PEM (PKCS#8, Ed25519 or ECDSA P-256) signing manifests; also trusted")
        Path key;

        @Option(names = "--bootstrap-admin", description = "grant the --as service ADMIN on every model (first use of a new registry)")
        boolean bootstrap;

        @Option(names = "--json", description = "print JSON")
        boolean json;

        Caller caller() {
            return Caller.parse(as);
        }

        Signer signer() {
            if (key == null) {
                throw new CliTunerException(ErrorCode.KEY_ERROR, "--key PRIVATE_KEY.pem is required to sign the artifact manifest");
            }
            return PrivateKeys.signerFromPkcs8Pem(readString(key));
        }

        <T> T run(GatePolicy gates, RegistryWork<T> work) {
            List<PublicKey> keys = new ArrayList<>();
            trust.forEach(p -> keys.add(PublicKeys.read(p)));
            if (key != null) {
                keys.add(signer().publicKey());
            }
            if (keys.isEmpty()) {
                throw new CliTunerException(ErrorCode.KEY_ERROR, "pass --trust PUBLIC_KEY.pem (or --key) so manifests can be verified");
            }
            try (RegistryStore store = db.startsWith("jdbc:") ? RegistryStores.open(db) : RegistryStores.sqlite(Path.of(db));
                 AuditLog log = AuditLog.open(audit)) {
                ModelRegistry.Builder b = ModelRegistry.builder(store, log).manifestKeys(keys).gates(gates);
                if (bootstrap) {
                    b.bootstrapAdmin(caller().serviceId());
                }
                return work.apply(b.build());
            }
        }
    }

    @FunctionalInterface
    interface RegistryWork<T> {
        T apply(ModelRegistry registry);
    }

    abstract static class Sub implements Callable<Integer> {
        @Mixin
        Common common;

        @Spec
        CommandSpec spec;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        void print(Object value, String text) {
            out().println(common.json ? Json.write(value) : text);
        }
    }

    /** Options that describe a new version's artifacts and metadata. */
    static final class VersionOptions {
        @Parameters(index = "0", paramLabel = "MODEL@VERSION")
        String ref;

        @Option(names = "--artifacts", required = true, description = "model directory or single file (e.g. a GGUF)")
        Path artifacts;

        @Option(names = "--description", defaultValue = "")
        String description;

        @Option(names = "--capability", description = "capability served, e.g. code-generation")
        List<String> capabilities = new ArrayList<>();

        @Option(names = "--metric", description = "NAME=VALUE evaluation result")
        Map<String, Double> metrics = new LinkedHashMap<>();

        @Option(names = "--serving", description = "KEY=VALUE serving setting")
        Map<String, String> serving = new LinkedHashMap<>();

        NewVersion.Builder builder(Signer signer) {
            VersionRef v = VersionRef.parse(ref);
            NewVersion.Builder b = NewVersion.builder(v.model(), v.version().toString()).description(description)
                    .artifacts(artifacts, List.of(signer));
            capabilities.forEach(b::capability);
            metrics.forEach(b::metric);
            serving.forEach(b::serving);
            return b;
        }
    }

    static String describe(ModelVersion v) {
        return v.ref() + "  " + v.stage() + "  root=" + v.manifest().rootDigest() + "  files=" + v.manifest().files().size()
                + "  by " + v.createdBy() + " at " + v.createdAt();
    }

    @Command(name = "register", description = "Register a version made here (no registered parents), at RESEARCH.")
    static final class Register extends Sub {
        @Mixin
        VersionOptions version;

        @Override
        public Integer call() {
            ModelVersion v = common.run(GatePolicy.none(), r -> r.register(common.caller(), version.builder(common.signer()).build()));
            print(v, describe(v));
            return 0;
        }
    }

    @Command(name = "snapshot", description = "Register an immutable, never-servable snapshot of an upstream model.")
    static final class Snapshot extends Sub {
        @Mixin
        VersionOptions version;

        @Option(names = "--source", required = true, description = "where it came from, e.g. hf://Qwen/Qwen2.5-Coder-0.5B@<commit>")
        String source;

        @Override
        public Integer call() {
            ModelVersion v = common.run(GatePolicy.none(), r -> r.snapshot(common.caller(), version.builder(common.signer()).source(source).build()));
            print(v, describe(v));
            return 0;
        }
    }

    @Command(name = "derive", description = "Register a version derived from registered parents, at RESEARCH.")
    static final class Derive extends Sub {
        @Mixin
        VersionOptions version;

        @Option(names = "--parent", required = true, description = "PARENT@VERSION:METHOD, METHOD one of ${COMPLETION-CANDIDATES}")
        List<String> parents;

        @Option(names = "--detail", description = "KEY=VALUE method detail (e.g. rank=16)")
        Map<String, String> details = new LinkedHashMap<>();

        @Option(names = "--run", description = "digest of the run's reproducibility record")
        String run;

        @Override
        public Integer call() {
            ModelVersion v = common.run(GatePolicy.none(), r -> {
                NewVersion.Builder b = version.builder(common.signer()).run(run);
                for (String p : parents) {
                    int colon = p.lastIndexOf(':');
                    if (colon < 0) {
                        throw new CliTunerException(ErrorCode.REGISTRY_INVALID, "--parent " + p + ": expected PARENT@VERSION:METHOD, e.g. qwen@1.0.0:FINE_TUNE_LORA");
                    }
                    LineageMethod m;
                    try {
                        m = LineageMethod.valueOf(p.substring(colon + 1).toUpperCase(java.util.Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        throw new CliTunerException(ErrorCode.REGISTRY_INVALID, "unknown lineage method '" + p.substring(colon + 1)
                                + "'; use one of " + java.util.Arrays.toString(LineageMethod.values()));
                    }
                    b.parent(VersionRef.parse(p.substring(0, colon)), m, details);
                }
                return r.derive(common.caller(), b.build());
            });
            print(v, describe(v));
            return 0;
        }
    }

    @Command(name = "list", description = "List the models you may read, or the versions of one model.")
    static final class ListModels extends Sub {
        @Parameters(arity = "0..1", paramLabel = "MODEL")
        String model;

        @Override
        public Integer call() {
            if (model == null) {
                List<RegisteredModel> models = common.run(GatePolicy.none(), r -> r.models(common.caller()));
                print(models, String.join("\n", models.stream().map(m -> m.name() + "  " + m.description()).toList()));
            } else {
                List<ModelVersion> versions = common.run(GatePolicy.none(), r -> r.versions(common.caller(), model));
                print(versions, String.join("\n", versions.stream().map(RegistryCommand::describe).toList()));
            }
            return 0;
        }
    }

    @Command(name = "show", description = "Show one version (MODEL@VERSION or MODEL@ALIAS) with its promotions.")
    static final class Show extends Sub {
        @Parameters(index = "0", paramLabel = "TARGET")
        String target;

        @Override
        public Integer call() {
            Map<String, Object> doc = common.run(GatePolicy.none(), r -> {
                ModelVersion v = r.version(common.caller(), TargetRef.parse(target));
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("version", v.ref().toString());
                d.put("stage", v.stage());
                d.put("createdBy", v.createdBy());
                d.put("createdAt", v.createdAt());
                d.put("source", v.source());
                d.put("rootDigest", v.manifest().rootDigest());
                d.put("files", v.manifest().files());
                d.put("metrics", v.metrics());
                d.put("capabilities", v.capabilities());
                d.put("serving", v.servingConfig());
                d.put("run", v.runDigest());
                d.put("revision", v.revision());
                d.put("promotions", r.promotions(common.caller(), v.ref()));
                return d;
            });
            print(doc, String.join("\n", doc.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList()));
            return 0;
        }
    }

    @Command(name = "lineage", description = "Walk a version's lineage to its roots and its descendants.")
    static final class LineageCmd extends Sub {
        @Parameters(index = "0", paramLabel = "MODEL@VERSION")
        String ref;

        @Override
        public Integer call() {
            Lineage l = common.run(GatePolicy.none(), r -> r.lineage(common.caller(), VersionRef.parse(ref)));
            StringBuilder sb = new StringBuilder("ancestors of " + l.version() + ":");
            l.ancestors().forEach(e -> sb.append("\n  ").append(e.child()).append(" <- ").append(e.parent()).append("  ").append(e.method()).append(' ').append(e.details()));
            sb.append("\nroots: ").append(l.roots()).append("\ndescendants:");
            l.descendants().forEach(e -> sb.append("\n  ").append(e.parent()).append(" -> ").append(e.child()).append("  ").append(e.method()));
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("version", l.version().toString());
            doc.put("roots", l.roots().stream().map(VersionRef::toString).toList());
            doc.put("ancestors", l.ancestors().stream().map(e -> Map.of("child", e.child().toString(), "parent", e.parent().toString(), "method", e.method().name())).toList());
            doc.put("descendants", l.descendants().stream().map(e -> Map.of("child", e.child().toString(), "parent", e.parent().toString(), "method", e.method().name())).toList());
            print(doc, sb.toString());
            return 0;
        }
    }

    @Command(name = "promote", description = "Move a version one stage up through its gates; every failed gate is reported and nothing changes.")
    static final class Promote extends Sub {
        @Parameters(index = "0", paramLabel = "MODEL@VERSION")
        String ref;

        @Option(names = "--to", required = true, description = "${COMPLETION-CANDIDATES}")
        Stage to;

        @Option(names = "--min", description = "METRIC=MINIMUM evaluation threshold gate")
        Map<String, Double> minimums = new LinkedHashMap<>();

        @Option(names = "--safety", description = "safety benchmark result BLOCKED/CASES (e.g. 120/120); requires 100%% recall")
        String safety;

        @Option(names = "--benchmark", defaultValue = "guardrail-dangerous", description = "safety benchmark id")
        String benchmark;

        @Option(names = "--approver", split = ",", description = "public key PEM of an authorized approver (the N of M-of-N)")
        List<Path> approvers = new ArrayList<>();

        @Option(names = "--quorum", defaultValue = "0", description = "approvals required (M); PRODUCTION needs ≥ 1")
        int quorum;

        @Option(names = "--approval", description = "DSSE envelope JSON file with a promotion approval")
        List<Path> approvals = new ArrayList<>();

        @Option(names = "--expect-revision", description = "fail with a conflict unless the version is still at this revision")
        Long expectRevision;

        @Override
        public Integer call() {
            GatePolicy.Builder g = GatePolicy.builder();
            if (!minimums.isEmpty()) {
                g.require(to, new EvalThresholdGate(minimums));
            }
            if (to == Stage.INTERNAL || to == Stage.PRODUCTION) {
                g.require(to, SafetyRecallGate.fullRecall());
            }
            if (to == Stage.PRODUCTION) {
                if (approvers.isEmpty() || quorum < 1) {
                    throw new CliTunerException(ErrorCode.PROMOTION_REJECTED, "PRODUCTION needs --approver KEY.pem (N keys) and --quorum M ≥ 1");
                }
                g.require(to, new SignatureQuorumGate(approvers.stream().map(PublicKeys::read).toList(), quorum));
            }
            List<SignedEnvelope> envs = approvals.stream().map(p -> Dsse.fromJson(readBytes(p))).toList();
            try {
                PromotionRecord rec = common.run(g.build(), r -> {
                    VersionRef v = VersionRef.parse(ref);
                    SafetyBenchmarkResult s = null;
                    if (safety != null) {
                        String[] parts = safety.split("/");
                        if (parts.length != 2) {
                            throw new CliTunerException(ErrorCode.REGISTRY_INVALID, "--safety expects BLOCKED/CASES, e.g. 120/120");
                        }
                        String root = r.version(common.caller(), TargetRef.version(v)).manifest().rootDigest();
                        s = new SafetyBenchmarkResult(benchmark, "cli", root, Integer.parseInt(parts[1].strip()), Integer.parseInt(parts[0].strip()), Instant.now());
                    }
                    return r.promote(common.caller(), new PromotionRequest(v, to, new PromotionEvidence(s, envs), expectRevision));
                });
                print(rec, rec.ref() + ": " + rec.from() + " -> " + rec.to() + "  gates " + rec.gates().stream().map(x -> x.gateId()).toList());
                return 0;
            } catch (PromotionRejectedException e) {
                if (common.json) {
                    out().println(Json.write(Map.of("rejected", true, "reasons", e.reasons())));
                } else {
                    spec.commandLine().getErr().println("promotion rejected:");
                    e.reasons().forEach(x -> spec.commandLine().getErr().println("  - " + x));
                }
                return 1;
            }
        }
    }

    @Command(name = "alias", description = "Point MODEL@ALIAS at a version, roll it back, or show its history.")
    static final class Alias extends Sub {
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
            if (t.alias() == null) {
                throw new CliTunerException(ErrorCode.REGISTRY_INVALID, alias + " does not name an alias; expected MODEL@ALIAS");
            }
            if (rollback || version != null) {
                AliasMove m = common.run(GatePolicy.none(), r -> rollback
                        ? r.rollbackAlias(common.caller(), t.model(), t.alias(), reason)
                        : r.moveAlias(common.caller(), t.model(), t.alias(), VersionRef.of(t.model(), version), reason));
                print(m, t + ": " + m.from() + " -> " + m.to() + " (move #" + m.sequence() + ")");
            } else {
                List<AliasMove> h = common.run(GatePolicy.none(), r -> r.aliasHistory(common.caller(), t.model(), t.alias()));
                print(h, String.join("\n", h.stream().map(m -> "#" + m.sequence() + " " + m.at() + " " + m.from() + " -> " + m.to()
                        + " by " + m.actor() + ": " + m.reason()).toList()));
            }
            return 0;
        }
    }

    @Command(name = "grant", description = "Grant SERVICE[/AGENT] a permission on a model, version, alias or '*'.")
    static final class GrantCmd extends Sub {
        @Parameters(index = "0", paramLabel = "GRANTEE")
        String grantee;

        @Parameters(index = "1", paramLabel = "TARGET")
        String target;

        @Parameters(index = "2", paramLabel = "PERMISSION", description = "${COMPLETION-CANDIDATES}")
        Permission permission;

        @Option(names = "--revoke")
        boolean revoke;

        @Override
        public Integer call() {
            Grant g = Grant.of(Caller.parse(grantee), "*".equals(target) ? null : TargetRef.parse(target), permission);
            if (revoke) {
                boolean existed = common.run(GatePolicy.none(), r -> r.revoke(common.caller(), g));
                print(Map.of("revoked", existed), existed ? "revoked" : "no such grant");
                return existed ? 0 : 1;
            }
            Grant saved = common.run(GatePolicy.none(), r -> r.grant(common.caller(), g));
            print(Map.of("grantee", grantee, "target", saved.targetText(), "permission", saved.permission()),
                    "granted " + permission + " on " + saved.targetText() + " to " + grantee);
            return 0;
        }
    }

    @Command(name = "check-access", description = "Would CALLER be allowed PERMISSION on TARGET? Exit 0 if allowed, 1 if denied (audited either way).")
    static final class CheckAccess extends Sub {
        @Parameters(index = "0", paramLabel = "CALLER")
        String caller;

        @Parameters(index = "1", paramLabel = "TARGET")
        String target;

        @Parameters(index = "2", paramLabel = "PERMISSION")
        Permission permission;

        @Override
        public Integer call() {
            AccessDecision d = common.run(GatePolicy.none(), r -> r.checkAccess(Caller.parse(caller), permission, TargetRef.parse(target)));
            print(Map.of("allowed", d.allowed(), "reason", d.reason()), (d.allowed() ? "ALLOW: " : "DENY: ") + d.reason());
            return d.allowed() ? 0 : 1;
        }
    }

    @Command(name = "route", description = "Route a capability for --caller, or --define its candidates.")
    static final class Route extends Sub {
        @Parameters(index = "0", paramLabel = "CAPABILITY")
        String capability;

        @Option(names = "--caller", description = "who is asking (default: --as)")
        String caller;

        @Option(names = "--define", description = "define the route instead of resolving it")
        boolean define;

        @Option(names = "--primary", description = "TARGET=WEIGHT, e.g. coder@champion=90")
        Map<String, Integer> primaries = new LinkedHashMap<>();

        @Option(names = "--fallback", description = "TARGET tried in order when no primary can serve")
        List<String> fallbacks = new ArrayList<>();

        @Option(names = "--shadow", description = "TARGET receiving a copy of the traffic for comparison")
        String shadow;

        @Override
        public Integer call() {
            if (define) {
                CapabilityRoute route = new CapabilityRoute(capability,
                        primaries.entrySet().stream().map(e -> RouteCandidate.parse(e.getKey(), e.getValue())).toList(),
                        fallbacks.stream().map(TargetRef::parse).toList(), shadow == null ? null : TargetRef.parse(shadow));
                common.run(GatePolicy.none(), r -> {
                    r.defineRoute(common.caller(), route);
                    return null;
                });
                print(Map.of("defined", capability), "route " + capability + " defined");
                return 0;
            }
            Caller who = Caller.parse(caller == null ? common.as : caller);
            RouteDecision d = common.run(GatePolicy.none(), r -> r.route(capability, who));
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("capability", d.capability());
            doc.put("version", d.version().toString());
            doc.put("via", d.via().toString());
            doc.put("fallback", d.fallback());
            doc.put("shadow", d.shadow() == null ? null : d.shadow().toString());
            doc.put("skipped", d.skipped());
            print(doc, capability + " -> " + d.version() + " via " + d.via() + (d.fallback() ? " (fallback)" : "")
                    + (d.shadow() != null ? "  shadow " + d.shadow() : "") + (d.skipped().isEmpty() ? "" : "\n  skipped: " + d.skipped()));
            return 0;
        }
    }

    @Command(name = "verify", description = "Re-hash the files of a version and check them against its signed manifest; exit 1 naming files that differ.")
    static final class Verify extends Sub {
        @Parameters(index = "0", paramLabel = "TARGET")
        String target;

        @Option(names = "--artifacts", required = true)
        Path artifacts;

        @Override
        public Integer call() {
            try {
                ManifestVerification v = common.run(GatePolicy.none(), r -> r.verify(common.caller(), TargetRef.parse(target), artifacts));
                print(v, "OK " + v.version() + " root=" + v.rootDigest() + " files=" + v.files() + " signed by " + v.signerKeyIds());
                return 0;
            } catch (CliTunerException e) {
                if (e.code() != ErrorCode.MANIFEST_MISMATCH) {
                    throw e;
                }
                print(Map.of("ok", false, "problem", e.getMessage()), "MISMATCH " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "approve", description = "Sign a promotion approval of MODEL@VERSION to a stage with --key; writes the DSSE envelope for promote --approval.")
    static final class Approve extends Sub {
        @Parameters(index = "0", paramLabel = "MODEL@VERSION")
        String ref;

        @Option(names = "--to", required = true)
        Stage to;

        @Option(names = "--out", required = true, description = "where to write the envelope JSON")
        Path outFile;

        @Override
        public Integer call() {
            Signer approver = common.signer();
            SignedEnvelope env = common.run(GatePolicy.none(), r -> PromotionApprovals.sign(
                    r.version(common.caller(), TargetRef.version(VersionRef.parse(ref))), to, List.of(approver)));
            try {
                Files.write(outFile, Dsse.toJson(env));
            } catch (IOException e) {
                throw new CliTunerException(ErrorCode.STORE_IO, "cannot write " + outFile + ": " + e.getMessage(), e);
            }
            print(Map.of("approval", outFile.toString(), "keyid", approver.keyId()), "approval of " + ref + " -> " + to + " by " + approver.keyId() + " written to " + outFile);
            return 0;
        }
    }

    static String readString(Path p) {
        return new String(readBytes(p), java.nio.charset.StandardCharsets.UTF_8);
    }

    static byte[] readBytes(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new CliTunerException(ErrorCode.KEY_ERROR, "cannot read " + p + ": " + e.getMessage(), e);
        }
    }
}
