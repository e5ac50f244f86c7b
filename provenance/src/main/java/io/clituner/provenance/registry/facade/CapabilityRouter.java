package io.clituner.provenance.registry.facade;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import io.clituner.provenance.registry.ModelVersion;
import io.clituner.provenance.registry.Names;
import io.clituner.provenance.registry.Stage;
import io.clituner.provenance.registry.TargetRef;
import io.clituner.provenance.registry.VersionRef;
import io.clituner.provenance.registry.facade.AccessControl;
import io.clituner.provenance.registry.access.AccessDecision;
import io.clituner.provenance.registry.access.Caller;
import io.clituner.provenance.registry.access.Permission;
import io.clituner.provenance.registry.store.AliasState;
import io.clituner.provenance.registry.store.RegistryStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import io.clituner.provenance.registry.routing.HealthTracker;
import io.clituner.provenance.registry.routing.RouteDecision;

/**
 * Picks the version that serves a capability for one caller: among the weighted primaries that the
 * caller may USE, that are servable (INTERNAL or PRODUCTION) and not cooling down, one by weight;
 * otherwise the first such fallback. The resolution of a route (aliases → versions → stages) is
 * cached with Caffeine and dropped on every registry change; permission and health are evaluated on
 * every call, and the outcome is audited as an access decision.
 */
final class CapabilityRouter {
    /** A route with every target looked up: the version it stands for now, or why it cannot serve. */
    record Resolved(TargetRef target, VersionRef version, int weight, String problem, String targetText, String versionText) {
        Resolved(TargetRef target, VersionRef version, int weight, String problem) {
            this(target, version, weight, problem, target.toString(), version == null ? null : version.toString());
        }
    }

    record ResolvedRoute(String capability, List<Resolved> primaries, List<Resolved> fallbacks, Resolved shadow) {}

    private final RegistryStore store;
    private final AccessControl access;
    private final HealthTracker health;
    private final RandomGenerator random;
    private final LoadingCache<String, Optional<ResolvedRoute>> routes;

    public CapabilityRouter(RegistryStore store, AccessControl access, HealthTracker health, Duration cacheTtl, RandomGenerator random) {
        this.store = store;
        this.access = access;
        this.health = health;
        this.random = random;
        this.routes = Caffeine.newBuilder().maximumSize(1_000).expireAfterWrite(cacheTtl).build(this::resolve);
    }

    public RouteDecision route(String capability, Caller caller) {
        Optional<ResolvedRoute> cached = capability == null ? null : routes.getIfPresent(capability);
        if (cached == null) {
            Names.capability(capability); // validated once, when the route is first resolved
        }
        if (caller == null) {
            AccessDecision d = access.decide(null, Permission.USE, null, null);
            access.record(d, Map.of("capability", capability));
            throw AccessControl.denied(d);
        }
        ResolvedRoute route = (cached != null ? cached : routes.get(capability)).orElseThrow(() -> new CliTunerException(ErrorCode.REGISTRY_NOT_FOUND,
                "no route defined for capability '" + capability + "'; an administrator defines one with"
                        + " `clituner registry route " + capability + " --define --primary MODEL@ALIAS=100`"));
        List<String> skipped = new ArrayList<>(2);
        boolean anyDenied = false;
        List<Resolved> eligible = new ArrayList<>(route.primaries().size());
        List<AccessDecision> allowed = new ArrayList<>(route.primaries().size());
        for (Resolved r : route.primaries()) {
            AccessDecision d = usable(r, caller, skipped);
            if (d != null && d.allowed()) {
                eligible.add(r);
                allowed.add(d);
            } else if (d != null) {
                anyDenied = true;
            }
        }
        Resolved chosen = null;
        AccessDecision decision = null;
        boolean fallback = false;
        if (!eligible.isEmpty()) {
            int i = pick(eligible);
            chosen = eligible.get(i);
            decision = allowed.get(i);
        } else {
            for (Resolved r : route.fallbacks()) {
                AccessDecision d = usable(r, caller, skipped);
                if (d != null && d.allowed()) {
                    chosen = r;
                    decision = d;
                    fallback = true;
                    break;
                } else if (d != null) {
                    anyDenied = true;
                }
            }
        }
        if (chosen == null) {
            String why = "no candidate for '" + capability + "' can serve " + caller + ": " + String.join("; ", skipped);
            AccessDecision denied = new AccessDecision(caller, Permission.USE, null, false, why, null);
            access.record(denied, Map.of("capability", capability));
            throw new CliTunerException(anyDenied ? ErrorCode.ACCESS_DENIED : ErrorCode.REGISTRY_NOT_FOUND, why);
        }
        VersionRef shadow = null;
        if (route.shadow() != null) {
            AccessDecision d = usable(route.shadow(), caller, new ArrayList<>(1));
            if (d != null && d.allowed() && !route.shadow().version().equals(chosen.version())) {
                shadow = route.shadow().version();
            }
        }
        access.record(decision, chosen.targetText(), Map.of("capability", capability, "version", chosen.versionText(),
                "fallback", fallback ? "true" : "false"));
        return new RouteDecision(capability, chosen.version(), chosen.target(), fallback, shadow, skipped);
    }

    /** Drop every cached resolution; called after any registry change. */
    public void invalidate() {
        routes.invalidateAll();
    }

    /** @return the access decision for a servable, healthy candidate, or null (reason added to skipped) */
    private AccessDecision usable(Resolved r, Caller caller, List<String> skipped) {
        if (r.problem() != null) {
            skipped.add(r.target() + ": " + r.problem());
            return null;
        }
        if (health.cooling(r.version())) {
            skipped.add(r.target() + ": " + r.version() + " is cooling down after repeated failures");
            return null;
        }
        AccessDecision d = access.decide(caller, Permission.USE, r.target(), r.version());
        if (!d.allowed()) {
            skipped.add(r.target() + ": " + d.reason());
        }
        return d;
    }

    private int pick(List<Resolved> eligible) {
        if (eligible.size() == 1) {
            return 0;
        }
        long total = 0;
        for (Resolved r : eligible) {
            total += r.weight();
        }
        long x = random.nextLong(total);
        for (int i = 0; i < eligible.size(); i++) {
            x -= eligible.get(i).weight();
            if (x < 0) {
                return i;
            }
        }
        return eligible.size() - 1;
    }

    private Optional<ResolvedRoute> resolve(String capability) {
        return store.findRoute(capability).map(route -> new ResolvedRoute(capability,
                route.primaries().stream().map(c -> resolve(c.target(), c.weight())).toList(),
                route.fallbacks().stream().map(f -> resolve(f, 0)).toList(),
                route.shadow() == null ? null : resolve(route.shadow(), 0)));
    }

    private Resolved resolve(TargetRef target, int weight) {
        VersionRef ref = target.versionRef();
        if (ref == null) {
            Optional<AliasState> alias = store.findAlias(target.model(), target.alias());
            if (alias.isEmpty()) {
                return new Resolved(target, null, weight, "alias is not assigned");
            }
            ref = alias.get().version();
        }
        Optional<ModelVersion> v = store.findVersion(ref);
        if (v.isEmpty()) {
            return new Resolved(target, ref, weight, ref + " is not registered");
        }
        Stage stage = v.get().stage();
        return new Resolved(target, ref, weight, stage.servable() ? null : ref + " is " + stage + " and not servable");
    }
}
