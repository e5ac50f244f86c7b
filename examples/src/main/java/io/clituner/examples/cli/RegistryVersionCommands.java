package io.clituner.examples.cli;

import static io.clituner.examples.cli.RegistryCommand.ordered;

import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import io.clituner.provenance.crypto.Signer;
import io.clituner.provenance.registry.Lineage;
import io.clituner.provenance.registry.LineageMethod;
import io.clituner.provenance.registry.ManifestVerification;
import io.clituner.provenance.registry.ModelVersion;
import io.clituner.provenance.registry.NewVersion;
import io.clituner.provenance.registry.RegisteredModel;
import io.clituner.provenance.registry.TargetRef;
import io.clituner.provenance.registry.VersionRef;
import io.clituner.provenance.registry.gate.PromotionRecord;
import io.clituner.provenance.registry.manifest.FileDigest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The version subcommands of {@code clituner registry}: register, snapshot and derive versions
 * (artifacts hashed into a signed manifest), list and show them, walk their lineage, and verify
 * files on disk against a version's manifest.
 */
final class RegistryVersionCommands {
    private RegistryVersionCommands() {}

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

        @Option(
                names = "--allow-hard-links",
                description = "accept artifact files with more than one hard link (refused by default)")
        boolean allowHardLinks;

        @SuppressWarnings("try") // the progress line shows for the block; the resource is never read
        NewVersion.Builder builder(Signer signer, PrintWriter err) {
            VersionRef v = VersionRef.parse(ref);
            NewVersion.Builder b =
                    NewVersion.builder(v.model(), v.version().toString()).description(description);
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
        return v.ref() + "  " + v.stage() + "  root=" + v.manifest().rootDigest() + "  files="
                + v.manifest().files().size() + "  by " + v.createdBy() + " at " + v.createdAt();
    }

    @Command(name = "register", description = "Register a version made here (no registered parents), at RESEARCH.")
    static final class Register extends RegistryCommand.Sub {
        @Mixin
        VersionOptions version;

        @Override
        public Integer call() {
            ModelVersion v = run((r, caller) -> r.versions()
                    .register(
                            caller,
                            version.builder(common.signer(), spec.commandLine().getErr())
                                    .build()));
            print(v, describe(v));
            return 0;
        }
    }

    @Command(name = "snapshot", description = "Register an immutable, never-servable snapshot of an upstream model.")
    static final class Snapshot extends RegistryCommand.Sub {
        @Mixin
        VersionOptions version;

        @Option(
                names = "--source",
                required = true,
                description = "where it came from, e.g. hf://Qwen/Qwen2.5-Coder-0.5B@<commit>")
        String source;

        @Override
        public Integer call() {
            ModelVersion v = run((r, caller) -> r.versions()
                    .snapshot(
                            caller,
                            version.builder(common.signer(), spec.commandLine().getErr())
                                    .source(source)
                                    .build()));
            print(v, describe(v));
            return 0;
        }
    }

    @Command(name = "derive", description = "Register a version derived from registered parents, at RESEARCH.")
    static final class Derive extends RegistryCommand.Sub {
        @Mixin
        VersionOptions version;

        @Option(
                names = "--parent",
                required = true,
                description = "PARENT@VERSION:METHOD, METHOD one of ${COMPLETION-CANDIDATES}")
        List<String> parents;

        @Option(names = "--detail", description = "KEY=VALUE method detail (e.g. rank=16)")
        Map<String, String> details = new LinkedHashMap<>();

        @Option(names = "--run", description = "digest of the run's reproducibility record")
        String run;

        @Override
        public Integer call() {
            ModelVersion v = run((r, caller) -> {
                NewVersion.Builder b = version.builder(
                                common.signer(), spec.commandLine().getErr())
                        .run(run);
                for (String p : parents) {
                    int colon = p.lastIndexOf(':');
                    if (colon < 0) {
                        throw new CliTunerException(
                                ErrorCode.REGISTRY_INVALID,
                                "--parent " + p + ": expected PARENT@VERSION:METHOD, e.g. qwen@1.0.0:FINE_TUNE_LORA");
                    }
                    LineageMethod m;
                    try {
                        m = LineageMethod.valueOf(p.substring(colon + 1).toUpperCase(java.util.Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        throw new CliTunerException(
                                ErrorCode.REGISTRY_INVALID,
                                "unknown lineage method '" + p.substring(colon + 1) + "'; use one of "
                                        + java.util.Arrays.toString(LineageMethod.values()));
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
    static final class ListModels extends RegistryCommand.Sub {
        @Parameters(arity = "0..1", paramLabel = "MODEL")
        String model;

        @Override
        public Integer call() {
            if (model == null) {
                List<RegisteredModel> models = run((r, caller) -> r.versions().models(caller));
                print(
                        models,
                        String.join(
                                "\n",
                                models.stream()
                                        .map(m -> m.name() + "  " + m.description())
                                        .toList()));
            } else {
                List<ModelVersion> versions = run((r, caller) -> r.versions().versions(caller, model));
                print(
                        versions,
                        String.join(
                                "\n",
                                versions.stream()
                                        .map(RegistryVersionCommands::describe)
                                        .toList()));
            }
            return 0;
        }
    }

    @Command(
            name = "show",
            description = "Show one version (MODEL@VERSION or MODEL@ALIAS) with its files, evaluations and promotions.")
    static final class Show extends RegistryCommand.Sub {
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
                d.put(
                        "evaluations",
                        r.promotions().evaluations(caller, v.ref()).stream()
                                .map(e -> ordered(
                                        "digest",
                                        e.digest(),
                                        "recordedBy",
                                        e.recordedBy(),
                                        "recordedAt",
                                        e.recordedAt().toString()))
                                .toList());
                d.put("promotions", r.promotions().history(caller, v.ref()));
                return d;
            });
            print(doc, showText(doc));
            return 0;
        }

        @SuppressWarnings("unchecked") // the members were put in by call() above, with these types
        static String showText(Map<String, Object> d) {
            StringBuilder sb = new StringBuilder();
            sb.append(d.get("version"))
                    .append("  ")
                    .append(d.get("stage"))
                    .append("  revision ")
                    .append(d.get("revision"))
                    .append('\n');
            sb.append("created by ")
                    .append(d.get("createdBy"))
                    .append(" at ")
                    .append(d.get("createdAt"))
                    .append('\n');
            if (d.get("source") != null) {
                sb.append("source: ").append(d.get("source")).append('\n');
            }
            sb.append("root digest: ").append(d.get("rootDigest")).append('\n');
            sb.append("files:\n");
            for (FileDigest f : (List<FileDigest>) member(d, "files")) {
                sb.append("  ")
                        .append(f.path())
                        .append("  ")
                        .append(f.size())
                        .append(" bytes  sha256 ")
                        .append(f.sha256())
                        .append('\n');
            }
            Map<String, Double> metrics = (Map<String, Double>) member(d, "metrics");
            if (!metrics.isEmpty()) {
                sb.append("metrics: ");
                metrics.forEach((k, v) -> sb.append(k).append('=').append(v).append(' '));
                sb.append('\n');
            }
            List<String> caps = (List<String>) member(d, "capabilities");
            if (!caps.isEmpty()) {
                sb.append("capabilities: ").append(String.join(", ", caps)).append('\n');
            }
            if (d.get("run") != null) {
                sb.append("run: ").append(d.get("run")).append('\n');
            }
            for (Map<String, String> e : (List<Map<String, String>>) member(d, "evaluations")) {
                sb.append("evaluation ")
                        .append(e.get("digest"))
                        .append(" attached by ")
                        .append(e.get("recordedBy"))
                        .append(" at ")
                        .append(e.get("recordedAt"))
                        .append('\n');
            }
            for (PromotionRecord p : (List<PromotionRecord>) member(d, "promotions")) {
                sb.append("promoted ")
                        .append(p.from())
                        .append(" -> ")
                        .append(p.to())
                        .append(" by ")
                        .append(p.actor())
                        .append(" at ")
                        .append(p.at())
                        .append(" (gates: ")
                        .append(String.join(
                                ", ", p.gates().stream().map(g -> g.gateId()).toList()))
                        .append(")\n");
            }
            return sb.toString().stripTrailing();
        }
    }

    /** A member {@code show} always puts in its document (the document is built just above, never read from outside). */
    private static Object member(Map<String, Object> doc, String name) {
        return Objects.requireNonNull(doc.get(name), name);
    }

    @Command(name = "lineage", description = "Walk a version's lineage to its roots and its descendants.")
    static final class LineageCmd extends RegistryCommand.Sub {
        @Parameters(index = "0", paramLabel = "MODEL@VERSION")
        String ref;

        @Override
        public Integer call() {
            Lineage l = run((r, caller) -> r.versions().lineage(caller, VersionRef.parse(ref)));
            StringBuilder sb = new StringBuilder("ancestors of " + l.version() + ":");
            l.ancestors()
                    .forEach(e -> sb.append("\n  ")
                            .append(e.child())
                            .append(" <- ")
                            .append(e.parent())
                            .append("  ")
                            .append(e.method())
                            .append(' ')
                            .append(e.details()));
            sb.append("\nroots: ").append(l.roots()).append("\ndescendants:");
            l.descendants()
                    .forEach(e -> sb.append("\n  ")
                            .append(e.parent())
                            .append(" -> ")
                            .append(e.child())
                            .append("  ")
                            .append(e.method()));
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("version", l.version().toString());
            doc.put("roots", l.roots().stream().map(VersionRef::toString).toList());
            doc.put(
                    "ancestors",
                    l.ancestors().stream()
                            .map(e -> ordered(
                                    "child",
                                    e.child().toString(),
                                    "parent",
                                    e.parent().toString(),
                                    "method",
                                    e.method().name()))
                            .toList());
            doc.put(
                    "descendants",
                    l.descendants().stream()
                            .map(e -> ordered(
                                    "child",
                                    e.child().toString(),
                                    "parent",
                                    e.parent().toString(),
                                    "method",
                                    e.method().name()))
                            .toList());
            print(doc, sb.toString());
            return 0;
        }
    }

    @Command(
            name = "verify",
            description =
                    "Re-hash the files of a version and check them against its signed manifest; exit 1 naming files that differ.")
    static final class Verify extends RegistryCommand.Sub {
        @Parameters(index = "0", paramLabel = "TARGET")
        String target;

        @Option(names = "--artifacts", required = true)
        Path artifacts;

        @Override
        public Integer call() {
            try {
                ManifestVerification v =
                        run((r, caller) -> r.versions().verify(caller, TargetRef.parse(target), artifacts));
                print(
                        v,
                        "OK " + v.version() + " root=" + v.rootDigest() + " files=" + v.files() + " signed by "
                                + v.signerKeyIds());
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
}
