package io.clituner.provenance.registry.facade;

import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import io.clituner.provenance.crypto.Signatures;
import io.clituner.provenance.registry.TargetRef;
import io.clituner.provenance.registry.VersionRef;
import io.clituner.provenance.registry.access.AccessDecision;
import io.clituner.provenance.registry.access.Caller;
import io.clituner.provenance.registry.access.Grant;
import io.clituner.provenance.registry.access.Permission;
import io.clituner.provenance.registry.identity.Principal;
import io.clituner.provenance.registry.identity.SignedRequest;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Who may do what: signed-request authentication, bootstrapping the first administrator, principals
 * (caller keys), grants, and audited access checks. Deny by default.
 */
public final class AccessAdmin extends RegistryFacade {
    /** How far a signed request's time may be from the registry's clock. */
    public static final Duration REQUEST_WINDOW = Duration.ofMinutes(5);

    AccessAdmin(Parts parts) {
        super(parts);
    }

    /** Grants a permission; needs ADMIN on the grant's target (ADMIN on every model for registry-wide grants). */
    public Grant grant(Caller actor, Grant grant) {
        access.require(
                actor,
                Permission.ADMIN,
                grant.target() == null ? null : TargetRef.model(grant.target().model()),
                null);
        if (grant.target() != null && store.findModel(grant.target().model()).isEmpty()) {
            throw new CliTunerException(
                    ErrorCode.REGISTRY_NOT_FOUND,
                    "no model named '" + grant.target().model() + "'; grants name registered models");
        }
        Grant g = grant.recorded(actor.toString(), clock.instant());
        write(tx -> {
            boolean inserted = tx.insertGrant(g);
            audit.append(
                    tx,
                    "grant.add",
                    actor,
                    "grantee",
                    new Caller(g.serviceId(), g.agentId()).toString(),
                    "target",
                    g.targetText(),
                    "permission",
                    g.permission().name(),
                    "new",
                    Boolean.toString(inserted));
            return null;
        });
        changed();
        return g;
    }

    public boolean revoke(Caller actor, Grant grant) {
        access.require(
                actor,
                Permission.ADMIN,
                grant.target() == null ? null : TargetRef.model(grant.target().model()),
                null);
        boolean removed = write(tx -> {
            boolean r = tx.deleteGrant(grant);
            audit.append(
                    tx,
                    "grant.revoke",
                    actor,
                    "grantee",
                    new Caller(grant.serviceId(), grant.agentId()).toString(),
                    "target",
                    grant.targetText(),
                    "permission",
                    grant.permission().name(),
                    "existed",
                    Boolean.toString(r));
            return r;
        });
        changed();
        return removed;
    }

    /** Decides (deny by default) and audits whether {@code caller} may exercise {@code permission} on {@code target}. */
    public AccessDecision checkAccess(Caller caller, Permission permission, TargetRef target) {
        return checkAccess(caller, caller, permission, target);
    }

    /**
     * Whether {@code subject} may exercise {@code permission} on {@code target}, asked by {@code asker}.
     * Asking about someone else needs ADMIN on the target's model (that check is audited as the
     * asker's); the decision about the subject is audited with {@code askedBy}, so the log names both.
     */
    public AccessDecision checkAccess(Caller asker, Caller subject, Permission permission, TargetRef target) {
        if (asker == null || !asker.equals(subject)) {
            access.require(asker, Permission.ADMIN, target == null ? null : TargetRef.model(target.model()), null);
        }
        VersionRef resolved = target == null || target.isModel() ? null : resolveOrNull(target);
        AccessDecision d = access.decide(subject, permission, target, resolved);
        access.record(d, Map.of("askedBy", asker.toString()));
        return d;
    }

    public List<Grant> grants(Caller caller) {
        access.require(caller, Permission.ADMIN, null, null);
        return store.listGrants();
    }

    /**
     * Checks a caller's signed request (see {@link SignedRequest}) and returns the caller its key
     * names: the key must belong to a registered principal, the signature must verify over exactly
     * {@code operation} and {@code content} (what the registry is about to act on), the request
     * time must be within {@link #REQUEST_WINDOW} of the registry's clock, and the nonce must be new
     * (replays are refused). Both outcomes are audited. Hosts that authenticate their users
     * themselves pass a {@link Caller} directly instead.
     *
     * @throws CliTunerException ACCESS_DENIED saying what failed
     */
    public Caller authenticate(SignedRequest request, String operation, Object content) {
        Objects.requireNonNull(request, "signed request");
        Instant now = clock.instant();
        Principal p = store.findPrincipal(request.keyId()).orElse(null);
        String problem = p == null
                ? "key " + request.keyId() + " is not registered with this registry; an administrator adds it with"
                        + " `clituner registry principal add NAME --public-key KEY.pub`"
                : requestProblem(p, request, operation, content, now);
        if (p != null && problem == null) {
            boolean fresh = write(tx -> {
                boolean f = tx.insertNonce(
                        request.keyId(),
                        request.nonce(),
                        request.issuedAt(),
                        now.minus(REQUEST_WINDOW.multipliedBy(2)));
                if (f) {
                    audit.append(
                            tx,
                            "auth.allow",
                            p.caller(),
                            "key",
                            request.keyId(),
                            "operation",
                            operation,
                            "nonce",
                            request.nonce(),
                            "content",
                            request.contentSha256(),
                            "issuedAt",
                            request.issuedAt().toString());
                }
                return f;
            });
            if (fresh) {
                return p.caller();
            }
            problem = "nonce " + request.nonce() + " was already used by key " + request.keyId()
                    + " (a replayed request)";
        }
        audit.appendNow(
                "auth.deny", UNAUTHENTICATED, "key", request.keyId(), "operation", operation, "reason", problem);
        throw new CliTunerException(ErrorCode.ACCESS_DENIED, "authentication failed: " + problem);
    }

    /** Why {@code request}, signed with {@code p}'s key, does not authorize {@code operation} on {@code content} now; null when it does. */
    private static @Nullable String requestProblem(
            Principal p, SignedRequest request, String operation, Object content, Instant now) {
        if (!request.operation().equals(operation)) {
            return "the request was signed for " + request.operation() + ", not " + operation;
        }
        if (!request.contentSha256().equals(SignedRequest.digest(content))) {
            return "the request's content is not what was signed";
        }
        if (!Signatures.verify(p.publicKey(), request.signedBytes(), request.signatureBytes())) {
            return "the request signature does not verify under key " + request.keyId();
        }
        if (Duration.between(request.issuedAt(), now).abs().compareTo(REQUEST_WINDOW) > 0) {
            return "the request was signed at " + request.issuedAt() + ", more than " + REQUEST_WINDOW.toMinutes()
                    + " minutes from the registry's time " + now + "; check the clock and sign again";
        }
        return null;
    }

    /**
     * Creates the first administrator: {@code admin} gets ADMIN on every model and is known by
     * {@code key}. Only an empty registry (no principal, no grant) can be bootstrapped; the event is
     * audited, and every later attempt fails (and is audited too).
     *
     * @throws CliTunerException ACCESS_DENIED when the registry already has principals or grants
     */
    public Principal bootstrap(Caller admin, PublicKey key) {
        Instant now = clock.instant();
        Principal p = new Principal(admin, key, "bootstrap", now);
        try {
            write(tx -> {
                if (!store.listPrincipals().isEmpty() || !store.listGrants().isEmpty()) {
                    throw new CliTunerException(
                            ErrorCode.ACCESS_DENIED,
                            "this registry already has an administrator; bootstrapping works"
                                    + " only once, on an empty registry. Ask an administrator to add your key"
                                    + " (`clituner registry principal add NAME --public-key KEY.pub`) and to grant you what you need");
                }
                tx.insertPrincipal(p);
                tx.insertGrant(Grant.of(admin, null, Permission.ADMIN).recorded("bootstrap", now));
                audit.append(
                        tx,
                        "bootstrap",
                        admin,
                        "key",
                        p.keyId(),
                        "grantee",
                        admin.toString(),
                        "target",
                        "*",
                        "permission",
                        "ADMIN");
                return null;
            });
        } catch (CliTunerException e) {
            if (e.code() == ErrorCode.ACCESS_DENIED) {
                audit.appendNow("bootstrap.refused", admin, "key", p.keyId(), "reason", String.valueOf(e.getMessage()));
            }
            throw e;
        }
        changed();
        return p;
    }

    /** The in-process form of bootstrapping ({@link ModelRegistry.Builder#bootstrapAdmin}): a no-op when the service already is administrator. */
    void ensureBootstrapAdmin(Caller admin) {
        write(tx -> {
            boolean already = store.grantsFor(admin.serviceId()).stream()
                    .anyMatch(x -> x.target() == null && x.agentId() == null && x.permission() == Permission.ADMIN);
            if (already) {
                return null;
            }
            if (!store.listPrincipals().isEmpty() || !store.listGrants().isEmpty()) {
                throw new CliTunerException(
                        ErrorCode.ACCESS_DENIED,
                        "cannot make " + admin + " the bootstrap administrator: this registry"
                                + " already has grants; an administrator must grant " + admin + " ADMIN");
            }
            tx.insertGrant(Grant.of(admin, null, Permission.ADMIN).recorded("bootstrap", clock.instant()));
            audit.append(tx, "bootstrap", admin, "grantee", admin.toString(), "target", "*", "permission", "ADMIN");
            return null;
        });
        changed();
    }

    /** Registers {@code key} as {@code who}'s; needs ADMIN on the whole registry. */
    public Principal addPrincipal(Caller actor, Caller who, PublicKey key) {
        access.require(actor, Permission.ADMIN, null, null);
        Principal p = new Principal(who, key, actor.toString(), clock.instant());
        write(tx -> {
            if (!tx.insertPrincipal(p)) {
                throw new CliTunerException(
                        ErrorCode.REGISTRY_CONFLICT,
                        "key " + p.keyId() + " is already registered to "
                                + store.findPrincipal(p.keyId())
                                        .map(x -> x.caller().toString())
                                        .orElse("another caller")
                                + "; each key names one caller");
            }
            audit.append(tx, "principal.add", actor, "principal", who.toString(), "key", p.keyId());
            return null;
        });
        return p;
    }

    /** Forgets a key; requests signed with it fail from now on. Needs ADMIN on the whole registry. */
    public boolean removePrincipal(Caller actor, String keyId) {
        access.require(actor, Permission.ADMIN, null, null);
        return write(tx -> {
            boolean r = tx.deletePrincipal(keyId);
            audit.append(tx, "principal.remove", actor, "key", keyId, "existed", Boolean.toString(r));
            return r;
        });
    }

    public List<Principal> principals(Caller caller) {
        access.require(caller, Permission.ADMIN, null, null);
        return store.listPrincipals();
    }
}
