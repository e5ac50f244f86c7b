package io.clituner.provenance.registry.facade;

import io.clituner.provenance.registry.TargetRef;
import io.clituner.provenance.registry.VersionRef;
import io.clituner.provenance.registry.access.Caller;
import io.clituner.provenance.registry.access.Permission;
import io.clituner.provenance.registry.routing.CapabilityRoute;
import io.clituner.provenance.registry.routing.RouteDecision;
import java.util.List;

/** Capability routes (weighted primaries, fallbacks, shadow) and the serving health that steers them. */
public final class Routes extends RegistryFacade {
    Routes(Parts parts) {
        super(parts);
    }

    public void defineRoute(Caller actor, CapabilityRoute route) {
        access.require(actor, Permission.ADMIN, null, null);
        write(tx -> {
            tx.putRoute(route, actor.toString(), clock.instant());
            audit.append(
                    tx,
                    "route.define",
                    actor,
                    "capability",
                    route.capability(),
                    "primaries",
                    String.join(
                            ",",
                            route.primaries().stream()
                                    .map(c -> c.target() + "=" + c.weight())
                                    .toList()),
                    "fallbacks",
                    String.join(
                            ",",
                            route.fallbacks().stream().map(TargetRef::toString).toList()),
                    "shadow",
                    route.shadow() == null ? "" : route.shadow().toString());
            return null;
        });
        changed();
    }

    /**
     * The version that serves {@code capability} for {@code caller} now: among the weighted primaries
     * the caller may USE that are servable and not cooling down, one by weight, else the first such
     * fallback; the outcome is audited as an access decision.
     */
    public RouteDecision route(String capability, Caller caller) {
        return router.route(capability, caller);
    }

    /** Routes on behalf of {@code subject}; asking for someone else needs ADMIN on the registry (audited as the asker's). */
    public RouteDecision route(String capability, Caller asker, Caller subject) {
        if (asker == null || !asker.equals(subject)) {
            access.require(asker, Permission.ADMIN, null, null);
        }
        if (subject != null && store.grantsFor(subject.serviceId()).isEmpty()) {
            access.require(
                    subject,
                    Permission.USE,
                    null,
                    null); // no grant at all: denied before anything about the route is revealed
        }
        return router.route(capability, subject);
    }

    public List<CapabilityRoute> routes(Caller caller) {
        access.require(caller, Permission.READ, null, null);
        return store.listRoutes();
    }

    /** Serving outcome reported by the host; repeated failures cool a version down. */
    public void reportFailure(VersionRef v) {
        health.failure(v);
    }

    public void reportSuccess(VersionRef v) {
        health.success(v);
    }
}
