package io.clituner.provenance.registry;

import io.clituner.core.SignedEnvelope;
import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import io.clituner.provenance.crypto.Signer;
import io.clituner.provenance.registry.manifest.ArtifactManifest;
import io.clituner.provenance.registry.manifest.ManifestHasher;
import io.clituner.provenance.registry.manifest.ManifestSigning;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A version to register: its artifacts' signed manifest, what it was made from, and its metadata.
 * Built with {@link #builder}; the registry decides the stage (UPSTREAM for snapshots, RESEARCH otherwise).
 */
public record NewVersion(
        VersionRef ref,
        String description,
        ArtifactManifest manifest,
        SignedEnvelope manifestEnvelope,
        @Nullable String source,
        List<Parent> parents,
        Map<String, Double> metrics,
        List<String> capabilities,
        Map<String, String> servingConfig,
        @Nullable String runDigest) {
    /** One parent in the lineage DAG. */
    public record Parent(VersionRef ref, LineageMethod method, Map<String, String> details) {}

    public NewVersion {
        if (ref == null) {
            throw new CliTunerException(ErrorCode.REGISTRY_INVALID, "model name and version are required");
        }
        if (manifest == null || manifestEnvelope == null) {
            throw noManifest(ref);
        }
        parents = List.copyOf(parents == null ? List.of() : parents);
        metrics = Metrics.requireFinite(new TreeMap<>(metrics == null ? Map.of() : metrics));
        capabilities = List.copyOf(capabilities == null ? List.of() : capabilities);
        servingConfig = new TreeMap<>(servingConfig == null ? Map.of() : servingConfig);
        capabilities.forEach(Names::capability);
    }

    private static CliTunerException noManifest(VersionRef ref) {
        return new CliTunerException(
                ErrorCode.REGISTRY_INVALID,
                "version " + ref + " needs a signed artifact manifest; use artifacts(dir, signer)");
    }

    public static Builder builder(String model, String version) {
        return new Builder(VersionRef.of(model, version));
    }

    public static final class Builder {
        private final VersionRef ref;
        private String description = "";
        private @Nullable ArtifactManifest manifest;
        private @Nullable SignedEnvelope envelope;
        private @Nullable String source;
        private final List<Parent> parents = new ArrayList<>();
        private final Map<String, Double> metrics = new TreeMap<>();
        private final List<String> capabilities = new ArrayList<>();
        private final Map<String, String> serving = new TreeMap<>();
        private @Nullable String runDigest;

        private Builder(VersionRef ref) {
            this.ref = ref;
        }

        public Builder description(String d) {
            this.description = d;
            return this;
        }

        /** Hashes the directory or file and signs its manifest (subject {@code model@version}). */
        public Builder artifacts(Path artifacts, List<Signer> signers) {
            return artifacts(artifacts, signers, false);
        }

        /**
         * As {@link #artifacts(Path, List)}; {@code allowHardLinks} accepts files with more than one
         * hard link (see {@link ManifestHasher#hash(Path, boolean)}). System files and secrets are
         * refused either way.
         */
        public Builder artifacts(Path artifacts, List<Signer> signers, boolean allowHardLinks) {
            ArtifactManifest m = ManifestHasher.hash(artifacts, allowHardLinks);
            return signedManifest(m, ManifestSigning.sign(ref.toString(), m, signers));
        }

        public Builder signedManifest(ArtifactManifest m, SignedEnvelope env) {
            this.manifest = m;
            this.envelope = env;
            return this;
        }

        public Builder source(String uri) {
            this.source = uri;
            return this;
        }

        public Builder parent(VersionRef parent, LineageMethod method, Map<String, String> details) {
            parents.add(new Parent(parent, method, details));
            return this;
        }

        public Builder metric(String name, double value) {
            metrics.put(name, Metrics.requireFinite("metric " + name, value));
            return this;
        }

        public Builder capability(String c) {
            capabilities.add(c);
            return this;
        }

        public Builder serving(String key, String value) {
            serving.put(key, value);
            return this;
        }

        public Builder run(String digest) {
            this.runDigest = digest;
            return this;
        }

        public NewVersion build() {
            if (manifest == null || envelope == null) {
                throw noManifest(ref);
            }
            return new NewVersion(
                    ref, description, manifest, envelope, source, parents, metrics, capabilities, serving, runDigest);
        }
    }
}
