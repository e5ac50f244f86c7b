package io.clituner.provenance.registry.facade;

import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import io.clituner.provenance.registry.ModelVersion;
import io.clituner.provenance.registry.TargetRef;
import io.clituner.provenance.registry.VersionRef;
import io.clituner.provenance.registry.access.Caller;
import io.clituner.provenance.registry.gate.GatePolicy;
import io.clituner.provenance.registry.routing.HealthTracker;
import io.clituner.provenance.registry.store.AliasState;
import io.clituner.provenance.registry.store.RegistryStore;
import io.clituner.provenance.registry.store.RegistryTransaction;
import java.security.PublicKey;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * What every facade of one {@link ModelRegistry} shares: the store, the audit outbox, the access
 * control and router caches (one instance each, so a change made through any facade invalidates
 * them for all), and the helpers that keep a change and its audit event together.
 */
abstract sealed class RegistryFacade permits Versions, Promotions, AccessAdmin, Routes, Training {
    /** The actor of audit events about requests whose signer is not (yet) known. */
    static final Caller UNAUTHENTICATED = Caller.service("unauthenticated");

    /** The registry's parts, built once by {@link ModelRegistry} and handed to each facade. */
    record Parts(
            RegistryStore store,
            RegistryAudit audit,
            Clock clock,
            GatePolicy gates,
            Map<String, PublicKey> manifestKeys,
            AccessControl access,
            HealthTracker health,
            CapabilityRouter router) {}

    final RegistryStore store;
    final RegistryAudit audit;
    final Clock clock;
    final GatePolicy gates;
    final Map<String, PublicKey> manifestKeys;
    final AccessControl access;
    final HealthTracker health;
    final CapabilityRouter router;

    RegistryFacade(Parts p) {
        this.store = p.store();
        this.audit = p.audit();
        this.clock = p.clock();
        this.gates = p.gates();
        this.manifestKeys = p.manifestKeys();
        this.access = p.access();
        this.health = p.health();
        this.router = p.router();
    }

    /** One transaction, then its audit events moved to the sink (see {@link RegistryAudit}). */
    final <T> T write(Function<RegistryTransaction, T> work) {
        T result = store.transaction(work);
        audit.drain(store);
        return result;
    }

    /** Drops cached grants and route resolutions after a change. */
    final void changed() {
        access.invalidate();
        router.invalidate();
    }

    final VersionRef resolve(TargetRef target) {
        if (target.isModel()) {
            throw new CliTunerException(
                    ErrorCode.REGISTRY_INVALID,
                    "'" + target + "' names a model; name a version (model@1.0.0) or an alias (model@champion)");
        }
        VersionRef ref = resolveOrNull(target);
        if (ref == null) {
            throw new CliTunerException(ErrorCode.REGISTRY_NOT_FOUND, "alias " + target + " is not assigned");
        }
        return ref;
    }

    /** The version {@code target} names or its alias points at; null for an unassigned alias or a whole model. */
    final @Nullable VersionRef resolveOrNull(TargetRef target) {
        VersionRef ref = target.versionRef();
        if (ref != null) {
            return ref;
        }
        String alias = target.alias();
        return alias == null
                ? null
                : store.findAlias(target.model(), alias)
                        .map(AliasState::version)
                        .orElse(null);
    }

    final ModelVersion requireVersion(VersionRef ref) {
        return store.findVersion(ref).orElseThrow(() -> notFound(ref));
    }

    static void requireServable(ModelVersion v) {
        if (!v.stage().servable()) {
            throw new CliTunerException(
                    ErrorCode.REGISTRY_INVALID,
                    v.ref() + " is " + v.stage()
                            + "; aliases point only at servable (INTERNAL or PRODUCTION) versions");
        }
    }

    static CliTunerException notFound(VersionRef ref) {
        return new CliTunerException(ErrorCode.REGISTRY_NOT_FOUND, "no version " + ref + " in the registry");
    }
}
