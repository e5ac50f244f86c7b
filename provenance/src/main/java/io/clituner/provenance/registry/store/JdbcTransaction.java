package io.clituner.provenance.registry.store;

import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import io.clituner.provenance.crypto.PublicKeys;
import io.clituner.provenance.registry.AliasMove;
import io.clituner.provenance.registry.LineageEdge;
import io.clituner.provenance.registry.Metrics;
import io.clituner.provenance.registry.ModelVersion;
import io.clituner.provenance.registry.RegisteredModel;
import io.clituner.provenance.registry.Stage;
import io.clituner.provenance.registry.VersionRef;
import io.clituner.provenance.registry.access.Grant;
import io.clituner.provenance.registry.gate.PromotionRecord;
import io.clituner.provenance.registry.gate.StoredEvaluation;
import io.clituner.provenance.registry.identity.Principal;
import io.clituner.provenance.registry.policy.StoredGatePolicy;
import io.clituner.provenance.registry.routing.CapabilityRoute;
import io.clituner.provenance.registry.training.Dataset;
import io.clituner.provenance.registry.training.PiiApproval;
import io.clituner.provenance.registry.training.RunRecord;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One write transaction of a {@link JdbcRegistryStore}: every mutable row is updated with a
 * compare-and-set on its revision or sequence, so a writer that acted on stale state gets
 * {@code REGISTRY_CONFLICT}; the store's lock is held by the caller for the whole transaction.
 */
final class JdbcTransaction implements RegistryTransaction {
    private final JdbcRegistryStore store;

    JdbcTransaction(JdbcRegistryStore store) {
        this.store = store;
    }

    @Override
    public void insertModel(RegisteredModel m) {
        store.update(
                "INSERT INTO registry_models (name, description, created_by, created_at) VALUES (?, ?, ?, ?)",
                "model " + m.name() + " already exists",
                m.name(),
                m.description(),
                m.createdBy(),
                m.createdAt().toString());
    }

    @Override
    public void insertVersion(ModelVersion v) {
        Metrics.requireFinite(v.metrics());
        store.update(
                "INSERT INTO registry_versions (" + JdbcRegistryStore.VERSION_COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                "version " + v.ref() + " already exists; versions are immutable, register a new version number",
                v.ref().model(),
                v.ref().version().toString(),
                v.stage().name(),
                v.createdBy(),
                v.createdAt().toString(),
                v.source(),
                v.manifest().rootDigest(),
                RegistryRows.json(v.manifest()),
                RegistryRows.json(v.manifestEnvelope()),
                RegistryRows.json(v.metrics()),
                RegistryRows.json(v.capabilities()),
                RegistryRows.json(v.servingConfig()),
                v.runDigest(),
                v.revision());
    }

    @Override
    public void insertLineage(LineageEdge e) {
        boolean cycle = store.sql(() -> {
            store.lockLineage(store.connection());
            try (PreparedStatement ps = store.connection()
                    .prepareStatement("WITH RECURSIVE anc(m, v) AS ("
                            + " SELECT parent_model, parent_version FROM registry_lineage WHERE child_model = ? AND child_version = ?"
                            + " UNION SELECT l.parent_model, l.parent_version FROM registry_lineage l"
                            + " JOIN anc ON l.child_model = anc.m AND l.child_version = anc.v)"
                            + " SELECT 1 FROM anc WHERE m = ? AND v = ?")) {
                JdbcRegistryStore.bind(
                        ps,
                        e.parent().model(),
                        e.parent().version().toString(),
                        e.child().model(),
                        e.child().version().toString());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
        if (cycle) {
            throw new CliTunerException(
                    ErrorCode.LINEAGE_CYCLE,
                    "edge " + e.parent() + " → " + e.child() + " would close a cycle: " + e.child()
                            + " is already an ancestor of " + e.parent());
        }
        store.update(
                "INSERT INTO registry_lineage (child_model, child_version, parent_model, parent_version, method, details_json) VALUES (?, ?, ?, ?, ?, ?)",
                "lineage edge " + e.parent() + " → " + e.child() + " already exists",
                e.child().model(),
                e.child().version().toString(),
                e.parent().model(),
                e.parent().version().toString(),
                e.method().name(),
                RegistryRows.json(e.details()));
    }

    @Override
    public ModelVersion updateStage(
            VersionRef ref, Stage expectedStage, long expectedRevision, PromotionRecord record) {
        int n = store.updateCount(
                "UPDATE registry_versions SET stage = ?, revision = revision + 1 WHERE model = ? AND version = ? AND stage = ? AND revision = ?",
                record.to().name(),
                ref.model(),
                ref.version().toString(),
                expectedStage.name(),
                expectedRevision);
        ModelVersion now = store.findVersion(ref).orElseThrow(() -> JdbcRegistryStore.notFound(ref));
        if (n != 1) {
            throw new CliTunerException(
                    ErrorCode.REGISTRY_CONFLICT,
                    ref + " changed concurrently: it is now " + now.stage()
                            + " at revision " + now.revision() + " (expected " + expectedStage + " at revision "
                            + expectedRevision
                            + "); reload and retry if the promotion still applies");
        }
        long seq = store.nextSeq(
                "SELECT COALESCE(MAX(seq), 0) + 1 FROM registry_promotions WHERE model = ? AND version = ?",
                ref.model(),
                ref.version().toString());
        store.update(
                "INSERT INTO registry_promotions (model, version, seq, from_stage, to_stage, actor, at, gates_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                "promotion of " + ref + " recorded concurrently",
                ref.model(),
                ref.version().toString(),
                seq,
                record.from().name(),
                record.to().name(),
                record.actor(),
                record.at().toString(),
                RegistryRows.json(record.gates()));
        return now;
    }

    @Override
    public ModelVersion updateMetrics(VersionRef ref, long expectedRevision, Map<String, Double> metrics) {
        Metrics.requireFinite(metrics);
        int n = store.updateCount(
                "UPDATE registry_versions SET metrics_json = ?, revision = revision + 1 WHERE model = ? AND version = ? AND revision = ?",
                RegistryRows.json(new java.util.TreeMap<>(metrics)),
                ref.model(),
                ref.version().toString(),
                expectedRevision);
        ModelVersion now = store.findVersion(ref).orElseThrow(() -> JdbcRegistryStore.notFound(ref));
        if (n != 1) {
            throw new CliTunerException(
                    ErrorCode.REGISTRY_CONFLICT,
                    ref + " changed concurrently (revision " + now.revision() + ", expected " + expectedRevision
                            + "); reload and retry");
        }
        return now;
    }

    @Override
    public AliasMove moveAlias(
            String model, String alias, long expectedSequence, VersionRef to, String actor, String reason, Instant at) {
        Optional<AliasState> current = store.findAlias(model, alias);
        long seq = current.map(AliasState::sequence).orElse(0L);
        if (seq != expectedSequence) {
            throw new CliTunerException(
                    ErrorCode.REGISTRY_CONFLICT,
                    "alias " + model + "@" + alias + " moved concurrently (now move #" + seq + " to "
                            + current.map(s -> s.version().toString()).orElse("nothing") + ", expected move #"
                            + expectedSequence + "); reload and retry");
        }
        String conflict = "alias " + model + "@" + alias + " moved concurrently; reload and retry";
        if (current.isEmpty()) {
            store.update(
                    "INSERT INTO registry_aliases (model, alias, version, seq) VALUES (?, ?, ?, ?)",
                    conflict,
                    model,
                    alias,
                    to.version().toString(),
                    seq + 1);
        } else if (store.updateCount(
                        "UPDATE registry_aliases SET version = ?, seq = ? WHERE model = ? AND alias = ? AND seq = ?",
                        to.version().toString(),
                        seq + 1,
                        model,
                        alias,
                        seq)
                != 1) {
            throw new CliTunerException(ErrorCode.REGISTRY_CONFLICT, conflict);
        }
        VersionRef from = current.map(AliasState::version).orElse(null);
        store.update(
                "INSERT INTO registry_alias_history (model, alias, seq, from_version, to_version, actor, reason, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                conflict,
                model,
                alias,
                seq + 1,
                from == null ? null : from.version().toString(),
                to.version().toString(),
                actor,
                reason,
                at.toString());
        return new AliasMove(model, alias, seq + 1, from, to, actor, reason, at);
    }

    @Override
    public void insertDataset(Dataset d) {
        store.update(
                "INSERT INTO registry_datasets (sha256, name, licence, pii, sources_json, transformations_json, registered_by, registered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                "a dataset with sha256 " + d.sha256() + " is already registered",
                d.sha256(),
                d.name(),
                d.licence(),
                d.pii() ? 1 : 0,
                RegistryRows.json(d.sourceRefs()),
                RegistryRows.json(d.transformations()),
                d.registeredBy(),
                d.registeredAt().toString());
    }

    @Override
    public void insertPiiApproval(PiiApproval a) {
        store.update(
                "INSERT INTO registry_pii_approvals (sha256, approver, reason, at) VALUES (?, ?, ?, ?)",
                a.approver() + " already approved dataset " + a.datasetSha256(),
                a.datasetSha256(),
                a.approver(),
                a.reason(),
                a.at().toString());
    }

    @Override
    public boolean insertRun(String digest, RunRecord record, String registeredBy, Instant at) {
        if (store.findRun(digest).isPresent()) {
            return false;
        }
        store.update(
                "INSERT INTO registry_runs (digest, record_json, registered_by, registered_at) VALUES (?, ?, ?, ?)",
                "run " + digest + " registered concurrently",
                digest,
                new String(record.canonicalBytes(), java.nio.charset.StandardCharsets.UTF_8),
                registeredBy,
                at.toString());
        return true;
    }

    @Override
    public boolean insertGrant(Grant g) {
        int n = store.sql(() -> {
            try (PreparedStatement ps = store.connection()
                    .prepareStatement(
                            "SELECT 1 FROM registry_grants WHERE service_id = ? AND agent_id = ? AND target = ? AND permission = ?")) {
                JdbcRegistryStore.bind(
                        ps,
                        g.serviceId(),
                        RegistryRows.agentKey(g.agentId()),
                        g.targetText(),
                        g.permission().name());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? 1 : 0;
                }
            }
        });
        if (n == 1) {
            return false;
        }
        store.update(
                "INSERT INTO registry_grants (service_id, agent_id, target, permission, granted_by, granted_at) VALUES (?, ?, ?, ?, ?, ?)",
                "grant added concurrently",
                g.serviceId(),
                RegistryRows.agentKey(g.agentId()),
                g.targetText(),
                g.permission().name(),
                g.grantedBy(),
                g.grantedAt().toString());
        return true;
    }

    @Override
    public boolean deleteGrant(Grant g) {
        return store.updateCount(
                        "DELETE FROM registry_grants WHERE service_id = ? AND agent_id = ? AND target = ? AND permission = ?",
                        g.serviceId(),
                        RegistryRows.agentKey(g.agentId()),
                        g.targetText(),
                        g.permission().name())
                == 1;
    }

    @Override
    public void putRoute(CapabilityRoute route, String actor, Instant at) {
        String doc = RegistryRows.json(RegistryRows.routeDocument(route));
        if (store.updateCount(
                        "UPDATE registry_routes SET route_json = ?, updated_by = ?, updated_at = ? WHERE capability = ?",
                        doc,
                        actor,
                        at.toString(),
                        route.capability())
                == 0) {
            store.update(
                    "INSERT INTO registry_routes (capability, route_json, updated_by, updated_at) VALUES (?, ?, ?, ?)",
                    "route " + route.capability() + " defined concurrently",
                    route.capability(),
                    doc,
                    actor,
                    at.toString());
        }
    }

    @Override
    public boolean insertPrincipal(Principal p) {
        if (store.findPrincipal(p.keyId()).isPresent()) {
            return false;
        }
        store.update(
                "INSERT INTO registry_principals (key_id, service_id, agent_id, public_key_pem, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?)",
                "key " + p.keyId() + " registered concurrently",
                p.keyId(),
                p.caller().serviceId(),
                RegistryRows.agentKey(p.caller().agentId()),
                PublicKeys.toPem(p.publicKey()),
                p.addedBy(),
                p.addedAt().toString());
        return true;
    }

    @Override
    public boolean deletePrincipal(String keyId) {
        return store.updateCount("DELETE FROM registry_principals WHERE key_id = ?", keyId) == 1;
    }

    @Override
    public boolean insertNonce(String keyId, String nonce, Instant issuedAt, Instant forgetBefore) {
        store.updateCount("DELETE FROM registry_nonces WHERE issued_at < ?", forgetBefore.toString());
        boolean seen = !store.many(
                        "SELECT 1 FROM registry_nonces WHERE key_id = ? AND nonce = ?", rs -> 1, keyId, nonce)
                .isEmpty();
        if (seen) {
            return false;
        }
        store.update(
                "INSERT INTO registry_nonces (key_id, nonce, issued_at) VALUES (?, ?, ?)",
                "nonce " + nonce + " used concurrently",
                keyId,
                nonce,
                issuedAt.toString());
        return true;
    }

    @Override
    public void putGatePolicy(StoredGatePolicy p) {
        String conflict = "gate policy " + p.scope() + " " + p.stage() + " changed concurrently; expected revision "
                + (p.revision() - 1);
        if (p.revision() == 1) {
            store.update(
                    "INSERT INTO registry_gate_policies (scope, stage, policy_json, envelope_json, revision, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    conflict + " (a policy already exists)",
                    p.scope(),
                    p.stage().name(),
                    RegistryRows.json(p.policy()),
                    RegistryRows.json(p.envelope()),
                    p.revision(),
                    p.updatedBy(),
                    p.updatedAt().toString());
        } else if (store.updateCount(
                        "UPDATE registry_gate_policies SET policy_json = ?, envelope_json = ?, revision = ?, updated_by = ?, updated_at = ?"
                                + " WHERE scope = ? AND stage = ? AND revision = ?",
                        RegistryRows.json(p.policy()),
                        RegistryRows.json(p.envelope()),
                        p.revision(),
                        p.updatedBy(),
                        p.updatedAt().toString(),
                        p.scope(),
                        p.stage().name(),
                        p.revision() - 1)
                != 1) {
            throw new CliTunerException(
                    ErrorCode.REGISTRY_CONFLICT,
                    conflict + ", now at "
                            + store.findGatePolicy(p.scope(), p.stage())
                                    .map(x -> Long.toString(x.revision()))
                                    .orElse("none")
                            + "; read the policy again and sign a change against its revision");
        }
    }

    @Override
    public boolean insertEvaluation(StoredEvaluation e) {
        if (!store.many(
                        "SELECT 1 FROM registry_evaluations WHERE model = ? AND version = ? AND digest = ?",
                        rs -> 1,
                        e.version().model(),
                        e.version().version().toString(),
                        e.digest())
                .isEmpty()) {
            return false;
        }
        store.update(
                "INSERT INTO registry_evaluations (model, version, digest, envelope_json, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?)",
                "evaluation " + e.digest() + " recorded concurrently",
                e.version().model(),
                e.version().version().toString(),
                e.digest(),
                RegistryRows.json(e.envelope()),
                e.recordedBy(),
                e.recordedAt().toString());
        return true;
    }

    @Override
    public void enqueueEvent(String eventJson) {
        long seq = store.nextSeq("SELECT COALESCE(MAX(seq), 0) + 1 FROM registry_outbox");
        store.update(
                "INSERT INTO registry_outbox (seq, event_json) VALUES (?, ?)",
                "audit outbox written concurrently",
                seq,
                eventJson);
    }

    @Override
    public void deleteEvent(long seq) {
        store.updateCount("DELETE FROM registry_outbox WHERE seq = ?", seq);
    }
}
