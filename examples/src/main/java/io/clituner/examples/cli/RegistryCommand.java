package io.clituner.examples.cli;

import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import io.clituner.provenance.audit.AuditLog;
import io.clituner.provenance.crypto.PublicKeys;
import io.clituner.provenance.crypto.Signer;
import io.clituner.provenance.registry.AliasMove;
import io.clituner.provenance.registry.Lineage;
import io.clituner.provenance.registry.LineageMethod;
import io.clituner.provenance.registry.facade.ModelRegistry;
import io.clituner.provenance.registry.ModelVersion;
import io.clituner.provenance.registry.NewVersion;
import io.clituner.provenance.registry.RegisteredModel;
import io.clituner.provenance.registry.TargetRef;
import io.clituner.provenance.registry.VersionRef;
import io.clituner.provenance.registry.access.AccessDecision;
import io.clituner.provenance.registry.access.Caller;
import io.clituner.provenance.registry.identity.SignedRequest;
import io.clituner.provenance.registry.access.Grant;
import io.clituner.provenance.registry.access.Permission;
import io.clituner.provenance.registry.gate.PromotionRecord;
import io.clituner.provenance.registry.ManifestVerification;
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
 * store ({@code --db}) and the audit log ({@code --audit}) and acts as the principal whose private
 * key is {@code --key}: the request is signed with it (with a fresh nonce and the time) and the
 * registry checks the signature before any grant. There is no way to name a caller without its
 * key. {@code --bootstrap-admin NAME} makes the key's owner the first administrator of an empty
 * registry, once. Gates come from the policy stored in the registry ({@code registry policy set},
 * signed by an administrator); {@code promote} has no option that loosens them.
 */
@Command(name = "registry", mixinStandardHelpOptions = true,
        description = "Model registry: snapshots, lineage, gated promotion, aliases, grants and capability routing.",
        footer = {"", "Every subcommand needs --key YOUR.key (your identity; requests are signed with it).",
                "Exit codes: 0 done, 1 refused (access denied, gate failed, mismatch), 2 usage error."},
        subcommands = {
                RegistryCommand.Register.class, RegistryCommand.Snapshot.class, RegistryCommand.Derive.class,
                RegistryCommand.ListModels.class, RegistryCommand.Show.class, RegistryCommand.LineageCmd.class,
                RegistryPromotionCommands.Evaluate.class, RegistryPromotionCommands.Promote.class, RegistryCommand.Alias.class, RegistryCommand.GrantCmd.class,
                RegistryCommand.CheckAccess.class, RegistryCommand.Route.class, RegistryCommand.Verify.class,
                RegistryPromotionCommands.Approve.class, RegistryPrincipalCommand.class, RegistryPolicyCommand.class,
        })
public final class RegistryCommand extends CommandGroup {
    /** Options every subcommand shares. */
    static final class Common {
        @Option(names = "--db", defaultValue = "./.clituner/registry.db", description = "SQLite file, or a jdbc:postgresql:// URL (default: ${DEFAULT-VALUE})")
        String db;

        @Option(names = "--audit", defaultValue = "./.clituner/registry-audit.log", description = "audit log file (default: ${DEFAULT-VALUE})")
        Path audit;

        @Option(names = "--key", required = true, paramLabel = "PRIVATE.key",
                description = "your private key (PKCS#8 PEM, Ed25519 or ECDSA P-256): proves who you are; also signs manifests and approvals")
        Path key;

        @Option(names = "--trust", split = ",", paramLabel = "PUBLIC.pem",
                description = "extra public key(s) whose manifest signatures are accepted (registered principals' keys always are)")
        List<Path> trust = new ArrayList<>();

        @Option(names = "--bootstrap-admin", paramLabel = "NAME",
                description = "on an empty registry only: make NAME, known by --key, the first administrator (fails once the registry has one)")
        String bootstrapAdmin;

        @Option(names = "--json", description = "print JSON")
        boolean json;

        private Signer signer;

        Signer signer() {
            if (signer == null) {
                signer = KeyFiles.signer(key);
            }
            return signer;
        }

        <T> T run(CommandSpec spec, RegistryWork<T> work) {
            Signer me = signer();
            try (RegistryStore store = db.startsWith("jdbc:") ? RegistryStores.open(db) : RegistryStores.sqlite(Path.of(db));
                 AuditLog log = AuditLog.open(audit)) {
                List<PublicKey> keys = new ArrayList<>();
                trust.forEach(p -> keys.add(PublicKeys.read(p)));
                keys.add(me.publicKey());
                store.listPrincipals().forEach(p -> keys.add(p.publicKey()));
                ModelRegistry registry = ModelRegistry.builder(store, log).manifestKeys(keys).build();
                if (bootstrapAdmin != null) {
                    registry.access().bootstrap(Caller.parse(bootstrapAdmin), me.publicKey());
                }
                String operation = spec.qualifiedName(".").replace("clituner.", "").replace(' ', '.');
                Map<String, Object> content = Map.of("args", spec.commandLine().getParseResult().originalArgs());
                Caller caller = registry.access().authenticate(SignedRequest.sign(me, operation, content, Instant.now()), operation, content);
                return work.apply(registry, caller);
            }
        }
    }

    @FunctionalInterface
    interface RegistryWork<T> {
        T apply(ModelRegistry registry, Caller caller);
    }

    @Command(mixinStandardHelpOptions = true)
    abstract static class Sub implements Callable<Integer> {
        @Mixin
        Common common;

        @Spec
        CommandSpec spec;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        <T> T run(RegistryWork<T> work) {
            return common.run(spec, work);
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

        @Option(names = "--allow-hard-links", description = "accept artifact files with more than one hard link (refused by default)")
        boolean allowHardLinks;

        @SuppressWarnings("try") // the progress line shows for the block; the resource is never read
        NewVersion.Builder builder(Signer signer, PrintWriter err) {
            VersionRef v = VersionRef.parse(ref);
            NewVersion.Builder b = NewVersion.builder(v.model(), v.version().toString()).description(description);
            try (Progress p = Progress.status(err, "hashing the artifacts at " + artifacts + "…")) {
                b.artifacts(artifacts, List.of(signer), allowHardLinks);
            }
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
            ModelVersion v = run((r, caller) -> r.versions().register(caller, version.builder(common.signer(), spec.commandLine().getErr()).build()));
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
            ModelVersion v = run((r, caller) -> r.versions().snapshot(caller, version.builder(common.signer(), spec.commandLine().getErr()).source(source).build()));
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
            ModelVersion v = run((r, caller) -> {
                NewVersion.Builder b = version.builder(common.signer(), spec.commandLine().getErr()).run(run);
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
                return r.versions().derive(caller, b.build());
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
                List<RegisteredModel> models = run((r, caller) -> r.versions().models(caller));
                print(models, String.join("\n", models.stream().map(m -> m.name() + "  " + m.description()).toList()));
            } else {
                List<ModelVersion> versions = run((r, caller) -> r.versions().versions(caller, model));
                print(versions, String.join("\n", versions.stream().map(RegistryCommand::describe).toList()));
            }
            return 0;
        }
    }

    @Command(name = "show", description = "Show one version (MODEL@VERSION or MODEL@ALIAS) with its files, evaluations and promotions.")
    static final class Show extends Sub {
        @Parameters(index = "0", paramLabel = "TARGET")
        String target;

        @Override
        public Integer call() {
            Map<String, Object> doc = run((r, caller) -> {
                ModelVersion v = r.versions().version(caller, TargetRef.parse(target));
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("version", v.ref().toString());
                d.put("stage", v.stage().name());
                d.put("createdBy", v.createdBy());
                d.put("createdAt", v.createdAt().toString());
                d.put("source", v.source());
                d.put("rootDigest", v.manifest().rootDigest());
                d.put("files", v.manifest().files());
                d.put("metrics", v.metrics());
                d.put("capabilities", v.capabilities());
                d.put("serving", v.servingConfig());
                d.put("run", v.runDigest());
                d.put("revision", v.revision());
                d.put("evaluations", r.promotions().evaluations(caller, v.ref()).stream().map(e -> ordered("digest", e.digest(),
                        "recordedBy", e.recordedBy(), "recordedAt", e.recordedAt().toString())).toList());
                d.put("promotions", r.promotions().history(caller, v.ref()));
                return d;
            });
            print(doc, showText(doc));
            return 0;
        }

        @SuppressWarnings("unchecked")
        static String showText(Map<String, Object> d) {
            StringBuilder sb = new StringBuilder();
            sb.append(d.get("version")).append("  ").append(d.get("stage")).append("  revision ").append(d.get("revision")).append('\n');
            sb.append("created by ").append(d.get("createdBy")).append(" at ").append(d.get("createdAt")).append('\n');
            if (d.get("source") != null) {
                sb.append("source: ").append(d.get("source")).append('\n');
            }
            sb.append("root digest: ").append(d.get("rootDigest")).append('\n');
            sb.append("files:\n");
            for (var f : (List<io.clituner.provenance.registry.manifest.FileDigest>) d.get("files")) {
                sb.append("  ").append(f.path()).append("  ").append(f.size()).append(" bytes  sha256 ").append(f.sha256()).append('\n');
            }
            Map<String, Double> metrics = (Map<String, Double>) d.get("metrics");
            if (!metrics.isEmpty()) {
                sb.append("metrics: ");
                metrics.forEach((k, v) -> sb.append(k).append('=').append(v).append(' '));
                sb.append('\n');
            }
            List<String> caps = (List<String>) d.get("capabilities");
            if (!caps.isEmpty()) {
                sb.append("capabilities: ").append(String.join(", ", caps)).append('\n');
            }
            if (d.get("run") != null) {
                sb.append("run: ").append(d.get("run")).append('\n');
            }
            for (var e : (List<Map<String, String>>) d.get("evaluations")) {
                sb.append("evaluation ").append(e.get("digest")).append(" attached by ").append(e.get("recordedBy")).append(" at ").append(e.get("recordedAt")).append('\n');
            }
            for (PromotionRecord p : (List<PromotionRecord>) d.get("promotions")) {
                sb.append("promoted ").append(p.from()).append(" -> ").append(p.to()).append(" by ").append(p.actor()).append(" at ").append(p.at())
                        .append(" (gates: ").append(String.join(", ", p.gates().stream().map(g -> g.gateId()).toList())).append(")\n");
            }
            return sb.toString().stripTrailing();
        }
    }

    @Command(name = "lineage", description = "Walk a version's lineage to its roots and its descendants.")
    static final class LineageCmd extends Sub {
        @Parameters(index = "0", paramLabel = "MODEL@VERSION")
        String ref;

        @Override
        public Integer call() {
            Lineage l = run((r, caller) -> r.versions().lineage(caller, VersionRef.parse(ref)));
            StringBuilder sb = new StringBuilder("ancestors of " + l.version() + ":");
            l.ancestors().forEach(e -> sb.append("\n  ").append(e.child()).append(" <- ").append(e.parent()).append("  ").append(e.method()).append(' ').append(e.details()));
            sb.append("\nroots: ").append(l.roots()).append("\ndescendants:");
            l.descendants().forEach(e -> sb.append("\n  ").append(e.parent()).append(" -> ").append(e.child()).append("  ").append(e.method()));
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("version", l.version().toString());
            doc.put("roots", l.roots().stream().map(VersionRef::toString).toList());
            doc.put("ancestors", l.ancestors().stream().map(e -> ordered("child", e.child().toString(), "parent", e.parent().toString(), "method", e.method().name())).toList());
            doc.put("descendants", l.descendants().stream().map(e -> ordered("child", e.child().toString(), "parent", e.parent().toString(), "method", e.method().name())).toList());
            print(doc, sb.toString());
            return 0;
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
                AliasMove m = run((r, caller) -> rollback
                        ? r.promotions().rollbackAlias(caller, t.model(), t.alias(), reason)
                        : r.promotions().moveAlias(caller, t.model(), t.alias(), VersionRef.of(t.model(), version), reason));
                print(m, t + ": " + m.from() + " -> " + m.to() + " (move #" + m.sequence() + ")");
            } else {
                List<AliasMove> h = run((r, caller) -> r.promotions().aliasHistory(caller, t.model(), t.alias()));
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
                boolean existed = run((r, caller) -> r.access().revoke(caller, g));
                print(ordered("revoked", existed), existed ? "revoked" : "no such grant");
                return existed ? 0 : 1;
            }
            Grant saved = run((r, caller) -> r.access().grant(caller, g));
            print(ordered("grantee", grantee, "target", saved.targetText(), "permission", saved.permission()),
                    "granted " + permission + " on " + saved.targetText() + " to " + grantee);
            return 0;
        }
    }

    @Command(name = "check-access", description = {"Would CALLER be allowed PERMISSION on TARGET? Exit 0 if allowed, 1 if denied.",
            "Asking about another caller needs ADMIN; the audit log records both the asker and CALLER."})
    static final class CheckAccess extends Sub {
        @Parameters(index = "0", paramLabel = "CALLER")
        String caller;

        @Parameters(index = "1", paramLabel = "TARGET")
        String target;

        @Parameters(index = "2", paramLabel = "PERMISSION")
        Permission permission;

        @Override
        public Integer call() {
            AccessDecision d = run((r, asker) -> r.access().checkAccess(asker, Caller.parse(caller), permission, TargetRef.parse(target)));
            print(ordered("allowed", d.allowed(), "reason", d.reason()), (d.allowed() ? "ALLOW: " : "DENY: ") + d.reason());
            return d.allowed() ? 0 : 1;
        }
    }

    @Command(name = "route", description = "Route a capability for --caller, or --define its candidates.")
    static final class Route extends Sub {
        @Parameters(index = "0", paramLabel = "CAPABILITY")
        String capability;

        @Option(names = "--caller", description = "route for this caller (default: you; another caller needs ADMIN)")
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
                run((r, caller) -> {
                    r.routes().defineRoute(caller, route);
                    return null;
                });
                print(ordered("defined", capability), "route " + capability + " defined");
                return 0;
            }
            RouteDecision d = run((r, asker) -> r.routes().route(capability, asker, this.caller == null ? asker : Caller.parse(this.caller)));
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
                ManifestVerification v = run((r, caller) -> r.versions().verify(caller, TargetRef.parse(target), artifacts));
                print(v, "OK " + v.version() + " root=" + v.rootDigest() + " files=" + v.files() + " signed by " + v.signerKeyIds());
                return 0;
            } catch (CliTunerException e) {
                if (e.code() != ErrorCode.MANIFEST_MISMATCH) {
                    throw e;
                }
                print(ordered("ok", false, "problem", e.getMessage()), "MISMATCH " + e.getMessage());
                return 1;
            }
        }
    }

    /** A JSON object with its members in the order given (Map.of has none). */
    static Map<String, Object> ordered(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
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
