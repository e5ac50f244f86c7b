package io.clituner.provenance.registry.facade;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.clituner.core.egress.AuditEvent;
import io.clituner.core.egress.AuditSink;
import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import io.clituner.provenance.registry.SemVer;
import io.clituner.provenance.registry.TargetRef;
import io.clituner.provenance.registry.VersionRef;
import io.clituner.provenance.registry.access.AccessDecision;
import io.clituner.provenance.registry.access.Caller;
import io.clituner.provenance.registry.access.Grant;
import io.clituner.provenance.registry.access.Permission;
import io.clituner.provenance.registry.store.RegistryStore;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Deny-by-default access decisions over the stored grants. Nothing is allowed unless a grant names
 * the caller's service (and, if the grant names one, its agent), a permission that implies the one
 * asked for, and a target that covers what is asked for. A missing caller is denied. Every decision,
 * allow or deny, is appended to the audit sink before it is returned.
 */
final class AccessControl {
    static final String ANONYMOUS = "anonymous";

    private final AuditSink audit;
    private final Clock clock;
    /** A service's grants with their "granted …" reasons pre-built, so a cached decision allocates little. */
    private record ServiceGrants(List<Grant> grants, List<String> reasons) {
        static ServiceGrants of(List<Grant> grants) {
            return new ServiceGrants(
                    List.copyOf(grants),
                    grants.stream()
                            .map(g -> "granted " + g.permission() + " on " + g.targetText())
                            .toList());
        }
    }

    private final LoadingCache<String, ServiceGrants> grantsByService;

    public AccessControl(RegistryStore store, AuditSink audit, Clock clock, Duration cacheTtl) {
        this.audit = audit;
        this.clock = clock;
        this.grantsByService = Caffeine.newBuilder()
                .maximumSize(10_000)
                .expireAfterWrite(cacheTtl)
                .build(service -> ServiceGrants.of(store.grantsFor(service)));
    }

    /**
     * Decides and audits. {@code resolved} is the version an alias or version target stands for
     * (null for a whole-model target, or when the alias points nowhere).
     */
    public AccessDecision check(
            @Nullable Caller caller, Permission permission, @Nullable TargetRef target, @Nullable VersionRef resolved) {
        AccessDecision d = decide(caller, permission, target, resolved);
        record(d, Map.of());
        return d;
    }

    /** Like {@link #check} but throws {@code ACCESS_DENIED} (after auditing) when denied. */
    public AccessDecision require(
            @Nullable Caller caller, Permission permission, @Nullable TargetRef target, @Nullable VersionRef resolved) {
        AccessDecision d = check(caller, permission, target, resolved);
        if (!d.allowed()) {
            throw denied(d);
        }
        return d;
    }

    /** The decision alone, not audited: the router weighs several candidates and audits the outcome. */
    public AccessDecision decide(
            @Nullable Caller caller, Permission permission, @Nullable TargetRef target, @Nullable VersionRef resolved) {
        if (caller == null) {
            return new AccessDecision(null, permission, target, false, "no caller identity given", null);
        }
        ServiceGrants sg = grantsByService.get(caller.serviceId());
        List<Grant> grants = sg.grants();
        for (int i = 0; i < grants.size(); i++) {
            Grant g = grants.get(i);
            if (g.covers(caller) && g.permission().implies(permission) && covers(g.target(), target, resolved)) {
                return new AccessDecision(
                        caller, permission, target, true, sg.reasons().get(i), g);
            }
        }
        return new AccessDecision(
                caller,
                permission,
                target,
                false,
                "no grant gives " + caller + " " + permission + " on " + (target == null ? "the registry" : target),
                null);
    }

    /** Appends one decision to the audit log, with extra facts (e.g. the capability being routed). */
    public void record(AccessDecision d, Map<String, String> extra) {
        record(d, d.target() == null ? "*" : d.target().toString(), extra);
    }

    /** As {@link #record(AccessDecision, Map)}, with the target's text supplied by a caller that has it at hand. */
    public void record(AccessDecision d, String targetText, Map<String, String> extra) {
        Map<String, String> attrs = new HashMap<>(16);
        attrs.put("decision", d.allowed() ? "allow" : "deny");
        attrs.put("permission", String.valueOf(d.permission()));
        attrs.put("target", targetText);
        attrs.put("reason", d.reason());
        attrs.putAll(extra);
        audit.append(new AuditEvent(
                d.allowed() ? "registry.access.allow" : "registry.access.deny",
                d.caller() == null ? ANONYMOUS : d.caller().toString(),
                clock.instant(),
                attrs));
    }

    public static CliTunerException denied(AccessDecision d) {
        return new CliTunerException(
                ErrorCode.ACCESS_DENIED,
                "access denied: " + d.reason()
                        + (d.caller() == null
                                ? "; pass a caller (service id)"
                                : "; ask a registry administrator for a grant"));
    }

    /** Forget cached grants; called after every registry change. */
    public void invalidate() {
        grantsByService.invalidateAll();
    }

    private static boolean covers(
            @Nullable TargetRef granted, @Nullable TargetRef asked, @Nullable VersionRef resolved) {
        if (granted == null) {
            return true; // every model
        }
        if (asked == null || !granted.model().equals(asked.model())) {
            return false;
        }
        if (granted.isModel()) {
            return true;
        }
        SemVer version = granted.version();
        if (version != null) {
            return resolved != null && version.equals(resolved.version());
        }
        return Objects.equals(granted.alias(), asked.alias()); // an alias grant: both aliases set
    }
}
