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
import io.clituner.provenance.registry.access.AccessDecision;
import io.clituner.provenance.registry.access.Caller;
import io.clituner.provenance.registry.access.Permission;
import io.clituner.provenance.registry.routing.HealthTracker;
import io.clituner.provenance.registry.routing.RouteDecision;
import io.clituner.provenance.registry.store.AliasState;
import io.clituner.provenance.registry.store.RegistryStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * Picks the version that serves a capability for one caller: among the weighted primaries that the
 * caller may USE, that are servable (INTERNAL or PRODUCTION) and not cooling down, one by weight;
 * otherwise the first such fallback. The resolution of a route (aliases → versions → stages) is
 * cached with Caffeine and dropped on every registry change; permission and health are evaluated on
 * every call, and the outcome is audited as an access decision.
 */
final class CapabilityRouter {
    /** A route with every target looked up: the version it stands for now, or why it cannot serve. */
    record Resolved(
            TargetRef target,
            @Nullable VersionRef version,
            int weight,
            @Nullable String problem,
            String targetText,
            @Nullable String versionText) {
        Resolved(TargetRef target, @Nullable VersionRef version, int weight, @Nullable String problem) {
            this(target, version, weight, problem, target.toString(), version == null ? null : version.toString());
        }
    }

    record ResolvedRoute(
            String capability,
            List<Resolved> primaries,
            List<Resolved> fallbacks,
            @Nullable Resolved shadow) {}

    /** A candidate that can serve: its resolved version, and whether this caller may use it. */
    private record Candidate(Resolved resolved, VersionRef version, String versionText, AccessDecision decision) {}

    private final RegistryStore store;
    private final AccessControl access;
    private final HealthTracker health;
    private final RandomGenerator random;
    private final LoadingCache<String, Optional<ResolvedRoute>> routes;

    public CapabilityRouter(
            RegistryStore store,
            AccessControl access,
            HealthTracker health,
            Duration cacheTtl,
            RandomGenerator random) {
        this.store = store;
        this.access = access;
        this.health = health;
        this.random = random;
        this.routes = Caffeine.newBuilder()
                .maximumSize(1_000)
                .expireAfterWrite(cacheTtl)
                .build(this::resolve);
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
        ResolvedRoute route = (cached != null ? cached : routes.get(capability))
                .orElseThrow(() -> new CliTunerException(
                        ErrorCode.REGISTRY_NOT_FOUND,
                        "no route defined for capability '" + capability + "'; an administrator defines one with"
                                + " `clituner registry route " + capability + " --define --primary MODEL@ALIAS=100`"));
        List<String> skipped = new ArrayList<>(2);
        boolean anyDenied = false;
        List<Candidate> eligible = new ArrayList<>(route.primaries().size());
        for (Resolved r : route.primaries()) {
            Candidate c = usable(r, caller, skipped);
            if (c != null && c.decision().allowed()) {
                eligible.add(c);
            } else if (c != null) {
                anyDenied = true;
            }
        }
        Candidate chosen = null;
        boolean fallback = false;
        if (!eligible.isEmpty()) {
            chosen = eligible.get(pick(eligible));
        } else {
            for (Resolved r : route.fallbacks()) {
                Candidate c = usable(r, caller, skipped);
                if (c != null && c.decision().allowed()) {
                    chosen = c;
                    fallback = true;
                    break;
                } else if (c != null) {
                    anyDenied = true;
                }
            }
        }
        if (chosen == null) {
            String why =
                    "no candidate for '" + capability + "' can serve " + caller + ": " + String.join("; ", skipped);
            AccessDecision denied = new AccessDecision(caller, Permission.USE, null, false, why, null);
            access.record(denied, Map.of("capability", capability));
            throw new CliTunerException(anyDenied ? ErrorCode.ACCESS_DENIED : ErrorCode.REGISTRY_NOT_FOUND, why);
        }
        VersionRef shadow = null;
        Resolved shadowRoute = route.shadow();
        if (shadowRoute != null) {
            Candidate c = usable(shadowRoute, caller, new ArrayList<>(1));
            if (c != null && c.decision().allowed() && !c.version().equals(chosen.version())) {
                shadow = c.version();
            }
        }
        access.record(
                chosen.decision(),
                chosen.resolved().targetText(),
                Map.of(
                        "capability",
                        capability,
                        "version",
                        chosen.versionText(),
                        "fallback",
                        fallback ? "true" : "false"));
        return new RouteDecision(capability, chosen.version(), chosen.resolved().target(), fallback, shadow, skipped);
    }

    /** Drop every cached resolution; called after any registry change. */
    public void invalidate() {
        routes.invalidateAll();
    }

    /**
     * A resolved, servable and healthy candidate with the caller's access decision (allowed or not),
     * or null with the reason added to {@code skipped}.
     */
    private @Nullable Candidate usable(Resolved r, Caller caller, List<String> skipped) {
        VersionRef version = r.version();
        String problem = r.problem();
        if (problem != null || version == null) {
            skipped.add(r.target() + ": " + (problem != null ? problem : "not resolved"));
            return null;
        }
        if (health.cooling(version)) {
            skipped.add(r.target() + ": " + version + " is cooling down after repeated failures");
            return null;
        }
        AccessDecision d = access.decide(caller, Permission.USE, r.target(), version);
        if (!d.allowed()) {
            skipped.add(r.target() + ": " + d.reason());
        }
        String versionText = r.versionText();
        return new Candidate(r, version, versionText != null ? versionText : version.toString(), d);
    }

    private int pick(List<Candidate> eligible) {
        if (eligible.size() == 1) {
            return 0;
        }
        long total = 0;
        for (Candidate c : eligible) {
            total += c.resolved().weight();
        }
        long x = random.nextLong(total);
        for (int i = 0; i < eligible.size(); i++) {
            x -= eligible.get(i).resolved().weight();
            if (x < 0) {
                return i;
            }
        }
        return eligible.size() - 1;
    }

    private Optional<ResolvedRoute> resolve(String capability) {
        return store.findRoute(capability)
                .map(route -> new ResolvedRoute(
                        capability,
                        route.primaries().stream()
                                .map(c -> resolve(c.target(), c.weight()))
                                .toList(),
                        route.fallbacks().stream().map(f -> resolve(f, 0)).toList(),
                        route.shadow() == null ? null : resolve(route.shadow(), 0)));
    }

    private Resolved resolve(TargetRef target, int weight) {
        VersionRef ref = target.versionRef();
        String aliasName = target.alias();
        if (ref == null) {
            // Routes name versions or aliases (CapabilityRoute checks), so a target without a version has an alias.
            Optional<AliasState> alias =
                    aliasName == null ? Optional.empty() : store.findAlias(target.model(), aliasName);
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
