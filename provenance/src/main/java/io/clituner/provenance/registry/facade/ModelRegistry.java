package io.clituner.provenance.registry.facade;

import io.clituner.core.egress.AuditSink;
import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import io.clituner.provenance.crypto.KeyIds;
import io.clituner.provenance.registry.access.Caller;
import io.clituner.provenance.registry.gate.GatePolicy;
import io.clituner.provenance.registry.routing.HealthTracker;
import io.clituner.provenance.registry.store.RegistryStore;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * The model registry: models and versions with signed artifact manifests, a lineage DAG, stages
 * moved only through gates, aliases with history, datasets and reproducible runs, deny-by-default
 * grants, and capability routing. It hands out one facade per concern, all over the same store:
 * {@link #versions()} (versions and lineage), {@link #promotions()} (stages, aliases, gate
 * policies, evaluation records), {@link #access()} (authentication, principals, grants),
 * {@link #routes()} (capability routing) and {@link #training()} (datasets and runs).
 *
 * <p>Every call names its caller — proven by a {@link io.clituner.provenance.registry.identity.SignedRequest}
 * ({@link AccessAdmin#authenticate}) or vouched for by a host that authenticates its own users; every
 * access decision and every change is audited, a change's event through the store's outbox in the
 * same transaction (moved to the audit sink after the commit), so a change and its event exist
 * together or not at all. Promotion gates come from the policy stored in the registry ({@link Promotions#setGatePolicy},
 * signed by an administrator) plus any the host configures; stages without either are closed.
 *
 * <pre>{@code
 * try (RegistryStore store = RegistryStores.sqlite(Path.of(".clituner/registry.db"))) {
 *     ModelRegistry registry = ModelRegistry.builder(store, auditLog).manifestKeys(List.of(key.publicKey()))
 *             .bootstrapAdmin("platform").build();
 *     RouteDecision d = registry.routes().route("code-generation", Caller.service("shell-assistant"));
 * }
 * }</pre>
 */
public final class ModelRegistry {
    private final RegistryStore store;
    private final RegistryAudit audit;
    private final AccessControl accessControl;
    private final CapabilityRouter router;
    private final Versions versions;
    private final Promotions promotions;
    private final AccessAdmin access;
    private final Routes routes;
    private final Training training;

    private ModelRegistry(Builder b) {
        this.store = b.store;
        this.audit = new RegistryAudit(b.audit, b.clock);
        this.accessControl = new AccessControl(b.store, b.audit, b.clock, b.cacheTtl);
        HealthTracker health = new HealthTracker(b.clock, b.failureThreshold, b.coolDown);
        this.router = new CapabilityRouter(b.store, accessControl, health, b.cacheTtl, b.random);
        RegistryFacade.Parts parts = new RegistryFacade.Parts(
                store, audit, b.clock, b.gates, Map.copyOf(b.manifestKeys), accessControl, health, router);
        this.versions = new Versions(parts);
        this.promotions = new Promotions(parts);
        this.access = new AccessAdmin(parts);
        this.routes = new Routes(parts);
        this.training = new Training(parts);
    }

    public static Builder builder(RegistryStore store, AuditSink audit) {
        return new Builder(store, audit);
    }

    /** Registering versions, their metrics, and reading versions, aliases and lineage. */
    public Versions versions() {
        return versions;
    }

    /** Stage promotions through gates, alias moves and rollbacks, gate policies and evaluation records. */
    public Promotions promotions() {
        return promotions;
    }

    /** Authentication, bootstrap, principals, grants and access checks. */
    public AccessAdmin access() {
        return access;
    }

    /** Capability routes and serving health. */
    public Routes routes() {
        return routes;
    }

    /** Datasets, PII approvals and run records. */
    public Training training() {
        return training;
    }

    public RegistryStore store() {
        return store;
    }

    /**
     * Drops cached grants and route resolutions. Changes made through this instance do this by
     * themselves; call it when another process is known to have changed the registry, rather than
     * waiting for the cache TTL.
     */
    public void invalidateCaches() {
        accessControl.invalidate();
        router.invalidate();
    }

    /** Builder; store, audit sink and at least one manifest key are required. */
    public static final class Builder {
        private final RegistryStore store;
        private final AuditSink audit;
        private Clock clock = Clock.systemUTC();
        private GatePolicy gates = GatePolicy.none();
        private final Map<String, PublicKey> manifestKeys = new TreeMap<>();
        private Duration cacheTtl = Duration.ofSeconds(30);
        private int failureThreshold = 3;
        private Duration coolDown = Duration.ofMinutes(1);
        private RandomGenerator random = RandomGenerator.getDefault();
        private final List<String> bootstrapAdmins = new ArrayList<>();

        private Builder(RegistryStore store, AuditSink audit) {
            this.store = Objects.requireNonNull(store, "store");
            this.audit = Objects.requireNonNull(audit, "audit sink");
        }

        public Builder clock(Clock c) {
            this.clock = c;
            return this;
        }

        public Builder gates(GatePolicy g) {
            this.gates = g;
            return this;
        }

        /** Keys whose signatures on artifact manifests the registry accepts. */
        public Builder manifestKeys(List<PublicKey> keys) {
            keys.forEach(k -> manifestKeys.put(KeyIds.of(k), k));
            return this;
        }

        /**
         * How long cached grants and route resolutions live. Changes made through this registry
         * invalidate them at once; this bounds how long a change made by another process goes unseen.
         */
        public Builder cacheTtl(Duration ttl) {
            this.cacheTtl = ttl;
            return this;
        }

        public Builder health(int consecutiveFailures, Duration coolDownFor) {
            this.failureThreshold = consecutiveFailures;
            this.coolDown = coolDownFor;
            return this;
        }

        public Builder random(RandomGenerator r) {
            this.random = r;
            return this;
        }

        /**
         * For in-process hosts: makes this service the administrator (ADMIN on every model) of an
         * empty registry; a no-op when it already is one; {@code ACCESS_DENIED} at {@link #build()}
         * when the registry already has other grants (bootstrapping happens once).
         */
        public Builder bootstrapAdmin(String serviceId) {
            bootstrapAdmins.add(serviceId);
            return this;
        }

        public ModelRegistry build() {
            if (manifestKeys.isEmpty()) {
                throw new CliTunerException(
                        ErrorCode.CONFIGURATION, "the registry needs at least one trusted manifest key (manifestKeys)");
            }
            ModelRegistry r = new ModelRegistry(this);
            r.audit.drain(store); // a change committed by a process that died before moving its event
            for (String admin : bootstrapAdmins) {
                r.access.ensureBootstrapAdmin(Caller.service(admin));
            }
            return r;
        }
    }
}
