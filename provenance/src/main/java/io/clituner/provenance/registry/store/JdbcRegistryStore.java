package io.clituner.provenance.registry.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clituner.core.egress.SignedEnvelope;
import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import io.clituner.provenance.registry.AliasMove;
import io.clituner.provenance.registry.LineageEdge;
import io.clituner.provenance.registry.LineageMethod;
import io.clituner.provenance.registry.ModelVersion;
import io.clituner.provenance.registry.RegisteredModel;
import io.clituner.provenance.registry.Stage;
import io.clituner.provenance.registry.TargetRef;
import io.clituner.provenance.registry.VersionRef;
import io.clituner.provenance.registry.access.Grant;
import io.clituner.provenance.registry.access.Permission;
import io.clituner.provenance.registry.gate.GateResult;
import io.clituner.provenance.registry.gate.PromotionRecord;
import io.clituner.provenance.registry.identity.Principal;
import io.clituner.provenance.registry.policy.StagePolicy;
import io.clituner.provenance.registry.policy.StoredGatePolicy;
import io.clituner.provenance.crypto.PublicKeys;
import io.clituner.provenance.registry.Metrics;
import io.clituner.provenance.registry.access.Caller;
import io.clituner.provenance.registry.manifest.ArtifactManifest;
import io.clituner.provenance.registry.routing.CapabilityRoute;
import io.clituner.provenance.registry.routing.RouteCandidate;
import io.clituner.provenance.registry.training.Dataset;
import io.clituner.provenance.registry.training.PiiApproval;
import io.clituner.provenance.registry.training.RunRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The SQL both stores share: one connection, serialized by a lock within the JVM; across JVMs,
 * write transactions are serialized by the database (SQLite {@code BEGIN IMMEDIATE}, PostgreSQL row
 * and table locks) and every update of a mutable row is a compare-and-set on its revision, so a
 * writer that acted on stale state gets {@code REGISTRY_CONFLICT} instead of overwriting.
 */
abstract class JdbcRegistryStore implements RegistryStore {
    private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final TypeReference<Map<String, Double>> METRICS = new TypeReference<>() {};
    private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() {};
    private static final TypeReference<List<String>> LIST = new TypeReference<>() {};
    private static final TypeReference<List<GateResult>> GATES = new TypeReference<>() {};
    private static final String VERSION_COLUMNS = "model, version, stage, created_by, created_at, source, root_digest, manifest_json, "
            + "envelope_json, metrics_json, capabilities_json, serving_json, run_digest, revision";

    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();
    private boolean closed;

    JdbcRegistryStore(Connection connection) {
        this.connection = connection;
    }

    /** Dialect: called at the start of a write transaction, before anything is read. */
    protected abstract void beginWrite(Connection c) throws SQLException;

    /** Dialect: serialize lineage writers so two concurrent edges cannot close a cycle together. */
    protected abstract void lockLineage(Connection c) throws SQLException;

    protected abstract boolean isUniqueViolation(SQLException e);

    protected abstract boolean isForeignKeyViolation(SQLException e);

    /** Dialect: the database refused because another writer held a lock too long, or a serialization failure. */
    protected abstract boolean isContention(SQLException e);

    protected void migrate() {
        locked(() -> {
            Migrations.apply(connection, this::beginWrite);
            return null;
        });
    }

    // ---------------------------------------------------------------- transactions

    @Override
    public <T> T transaction(Function<RegistryTransaction, T> work) {
        return locked(() -> {
            connection.setAutoCommit(false);
            try {
                beginWrite(connection);
                T result = work.apply(new Tx());
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollbackQuietly(e);
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        });
    }

    private void rollbackQuietly(Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private final class Tx implements RegistryTransaction {
        @Override
        public void insertModel(RegisteredModel m) {
            update("INSERT INTO registry_models (name, description, created_by, created_at) VALUES (?, ?, ?, ?)",
                    "model " + m.name() + " already exists", m.name(), m.description(), m.createdBy(), m.createdAt().toString());
        }

        @Override
        public void insertVersion(ModelVersion v) {
            Metrics.requireFinite(v.metrics());
            update("INSERT INTO registry_versions (" + VERSION_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    "version " + v.ref() + " already exists; versions are immutable, register a new version number",
                    v.ref().model(), v.ref().version().toString(), v.stage().name(), v.createdBy(), v.createdAt().toString(),
                    v.source(), v.manifest().rootDigest(), json(v.manifest()), json(v.manifestEnvelope()), json(v.metrics()),
                    json(v.capabilities()), json(v.servingConfig()), v.runDigest(), v.revision());
        }

        @Override
        public void insertLineage(LineageEdge e) {
            sql(() -> {
                lockLineage(connection);
                boolean cycle;
                try (PreparedStatement ps = connection.prepareStatement(
                        "WITH RECURSIVE anc(m, v) AS ("
                                + " SELECT parent_model, parent_version FROM registry_lineage WHERE child_model = ? AND child_version = ?"
                                + " UNION SELECT l.parent_model, l.parent_version FROM registry_lineage l"
                                + " JOIN anc ON l.child_model = anc.m AND l.child_version = anc.v)"
                                + " SELECT 1 FROM anc WHERE m = ? AND v = ?")) {
                    bind(ps, e.parent().model(), e.parent().version().toString(), e.child().model(), e.child().version().toString());
                    try (ResultSet rs = ps.executeQuery()) {
                        cycle = rs.next();
                    }
                }
                if (cycle) {
                    throw new CliTunerException(ErrorCode.LINEAGE_CYCLE, "edge " + e.parent() + " → " + e.child()
                            + " would close a cycle: " + e.child() + " is already an ancestor of " + e.parent());
                }
                return null;
            });
            update("INSERT INTO registry_lineage (child_model, child_version, parent_model, parent_version, method, details_json) VALUES (?, ?, ?, ?, ?, ?)",
                    "lineage edge " + e.parent() + " → " + e.child() + " already exists",
                    e.child().model(), e.child().version().toString(), e.parent().model(), e.parent().version().toString(),
                    e.method().name(), json(e.details()));
        }

        @Override
        public ModelVersion updateStage(VersionRef ref, Stage expectedStage, long expectedRevision, PromotionRecord record) {
            int n = updateCount("UPDATE registry_versions SET stage = ?, revision = revision + 1 WHERE model = ? AND version = ? AND stage = ? AND revision = ?",
                    record.to().name(), ref.model(), ref.version().toString(), expectedStage.name(), expectedRevision);
            ModelVersion now = findVersion(ref).orElseThrow(() -> notFound(ref));
            if (n != 1) {
                throw new CliTunerException(ErrorCode.REGISTRY_CONFLICT, ref + " changed concurrently: it is now " + now.stage()
                        + " at revision " + now.revision() + " (expected " + expectedStage + " at revision " + expectedRevision
                        + "); reload and retry if the promotion still applies");
            }
            long seq = nextSeq("SELECT COALESCE(MAX(seq), 0) + 1 FROM registry_promotions WHERE model = ? AND version = ?",
                    ref.model(), ref.version().toString());
            update("INSERT INTO registry_promotions (model, version, seq, from_stage, to_stage, actor, at, gates_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    "promotion of " + ref + " recorded concurrently", ref.model(), ref.version().toString(), seq,
                    record.from().name(), record.to().name(), record.actor(), record.at().toString(), json(record.gates()));
            return now;
        }

        @Override
        public ModelVersion updateMetrics(VersionRef ref, long expectedRevision, Map<String, Double> metrics) {
            Metrics.requireFinite(metrics);
            int n = updateCount("UPDATE registry_versions SET metrics_json = ?, revision = revision + 1 WHERE model = ? AND version = ? AND revision = ?",
                    json(new java.util.TreeMap<>(metrics)), ref.model(), ref.version().toString(), expectedRevision);
            ModelVersion now = findVersion(ref).orElseThrow(() -> notFound(ref));
            if (n != 1) {
                throw new CliTunerException(ErrorCode.REGISTRY_CONFLICT, ref + " changed concurrently (revision " + now.revision()
                        + ", expected " + expectedRevision + "); reload and retry");
            }
            return now;
        }

        @Override
        public AliasMove moveAlias(String model, String alias, long expectedSequence, VersionRef to, String actor, String reason, Instant at) {
            Optional<AliasState> current = findAlias(model, alias);
            long seq = current.map(AliasState::sequence).orElse(0L);
            if (seq != expectedSequence) {
                throw new CliTunerException(ErrorCode.REGISTRY_CONFLICT, "alias " + model + "@" + alias + " moved concurrently (now move #" + seq
                        + " to " + current.map(s -> s.version().toString()).orElse("nothing") + ", expected move #" + expectedSequence + "); reload and retry");
            }
            String conflict = "alias " + model + "@" + alias + " moved concurrently; reload and retry";
            if (current.isEmpty()) {
                update("INSERT INTO registry_aliases (model, alias, version, seq) VALUES (?, ?, ?, ?)", conflict,
                        model, alias, to.version().toString(), seq + 1);
            } else if (updateCount("UPDATE registry_aliases SET version = ?, seq = ? WHERE model = ? AND alias = ? AND seq = ?",
                    to.version().toString(), seq + 1, model, alias, seq) != 1) {
                throw new CliTunerException(ErrorCode.REGISTRY_CONFLICT, conflict);
            }
            VersionRef from = current.map(AliasState::version).orElse(null);
            update("INSERT INTO registry_alias_history (model, alias, seq, from_version, to_version, actor, reason, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    conflict, model, alias, seq + 1, from == null ? null : from.version().toString(), to.version().toString(), actor, reason, at.toString());
            return new AliasMove(model, alias, seq + 1, from, to, actor, reason, at);
        }

        @Override
        public void insertDataset(Dataset d) {
            update("INSERT INTO registry_datasets (sha256, name, licence, pii, sources_json, transformations_json, registered_by, registered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    "a dataset with sha256 " + d.sha256() + " is already registered", d.sha256(), d.name(), d.licence(), d.pii() ? 1 : 0,
                    json(d.sourceRefs()), json(d.transformations()), d.registeredBy(), d.registeredAt().toString());
        }

        @Override
        public void insertPiiApproval(PiiApproval a) {
            update("INSERT INTO registry_pii_approvals (sha256, approver, reason, at) VALUES (?, ?, ?, ?)",
                    a.approver() + " already approved dataset " + a.datasetSha256(), a.datasetSha256(), a.approver(), a.reason(), a.at().toString());
        }

        @Override
        public boolean insertRun(String digest, RunRecord record, String registeredBy, Instant at) {
            if (findRun(digest).isPresent()) {
                return false;
            }
            update("INSERT INTO registry_runs (digest, record_json, registered_by, registered_at) VALUES (?, ?, ?, ?)",
                    "run " + digest + " registered concurrently", digest,
                    new String(record.canonicalBytes(), java.nio.charset.StandardCharsets.UTF_8), registeredBy, at.toString());
            return true;
        }

        @Override
        public boolean insertGrant(Grant g) {
            int n = sql(() -> {
                try (PreparedStatement ps = connection.prepareStatement(
                        "SELECT 1 FROM registry_grants WHERE service_id = ? AND agent_id = ? AND target = ? AND permission = ?")) {
                    bind(ps, g.serviceId(), agentKey(g.agentId()), g.targetText(), g.permission().name());
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? 1 : 0;
                    }
                }
            });
            if (n == 1) {
                return false;
            }
            update("INSERT INTO registry_grants (service_id, agent_id, target, permission, granted_by, granted_at) VALUES (?, ?, ?, ?, ?, ?)",
                    "grant added concurrently", g.serviceId(), agentKey(g.agentId()), g.targetText(), g.permission().name(),
                    g.grantedBy(), g.grantedAt().toString());
            return true;
        }

        @Override
        public boolean deleteGrant(Grant g) {
            return updateCount("DELETE FROM registry_grants WHERE service_id = ? AND agent_id = ? AND target = ? AND permission = ?",
                    g.serviceId(), agentKey(g.agentId()), g.targetText(), g.permission().name()) == 1;
        }

        @Override
        public void putRoute(CapabilityRoute route, String actor, Instant at) {
            String doc = json(routeDocument(route));
            if (updateCount("UPDATE registry_routes SET route_json = ?, updated_by = ?, updated_at = ? WHERE capability = ?",
                    doc, actor, at.toString(), route.capability()) == 0) {
                update("INSERT INTO registry_routes (capability, route_json, updated_by, updated_at) VALUES (?, ?, ?, ?)",
                        "route " + route.capability() + " defined concurrently", route.capability(), doc, actor, at.toString());
            }
        }

        @Override
        public boolean insertPrincipal(Principal p) {
            if (findPrincipal(p.keyId()).isPresent()) {
                return false;
            }
            update("INSERT INTO registry_principals (key_id, service_id, agent_id, public_key_pem, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?)",
                    "key " + p.keyId() + " registered concurrently", p.keyId(), p.caller().serviceId(), agentKey(p.caller().agentId()),
                    PublicKeys.toPem(p.publicKey()), p.addedBy(), p.addedAt().toString());
            return true;
        }

        @Override
        public boolean deletePrincipal(String keyId) {
            return updateCount("DELETE FROM registry_principals WHERE key_id = ?", keyId) == 1;
        }

        @Override
        public boolean insertNonce(String keyId, String nonce, Instant issuedAt, Instant forgetBefore) {
            updateCount("DELETE FROM registry_nonces WHERE issued_at < ?", forgetBefore.toString());
            boolean seen = !many("SELECT 1 FROM registry_nonces WHERE key_id = ? AND nonce = ?", rs -> 1, keyId, nonce).isEmpty();
            if (seen) {
                return false;
            }
            update("INSERT INTO registry_nonces (key_id, nonce, issued_at) VALUES (?, ?, ?)", "nonce " + nonce + " used concurrently",
                    keyId, nonce, issuedAt.toString());
            return true;
        }

        @Override
        public void putGatePolicy(StoredGatePolicy p) {
            String conflict = "gate policy " + p.scope() + " " + p.stage() + " changed concurrently; expected revision " + (p.revision() - 1);
            if (p.revision() == 1) {
                update("INSERT INTO registry_gate_policies (scope, stage, policy_json, envelope_json, revision, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        conflict + " (a policy already exists)", p.scope(), p.stage().name(), json(p.policy()), json(p.envelope()), p.revision(),
                        p.updatedBy(), p.updatedAt().toString());
            } else if (updateCount("UPDATE registry_gate_policies SET policy_json = ?, envelope_json = ?, revision = ?, updated_by = ?, updated_at = ?"
                    + " WHERE scope = ? AND stage = ? AND revision = ?", json(p.policy()), json(p.envelope()), p.revision(), p.updatedBy(),
                    p.updatedAt().toString(), p.scope(), p.stage().name(), p.revision() - 1) != 1) {
                throw new CliTunerException(ErrorCode.REGISTRY_CONFLICT, conflict + ", now at " + findGatePolicy(p.scope(), p.stage())
                        .map(x -> Long.toString(x.revision())).orElse("none") + "; read the policy again and sign a change against its revision");
            }
        }

        @Override
        public boolean insertEvaluation(StoredEvaluation e) {
            if (!many("SELECT 1 FROM registry_evaluations WHERE model = ? AND version = ? AND digest = ?", rs -> 1,
                    e.version().model(), e.version().version().toString(), e.digest()).isEmpty()) {
                return false;
            }
            update("INSERT INTO registry_evaluations (model, version, digest, envelope_json, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?)",
                    "evaluation " + e.digest() + " recorded concurrently", e.version().model(), e.version().version().toString(), e.digest(),
                    json(e.envelope()), e.recordedBy(), e.recordedAt().toString());
            return true;
        }

        @Override
        public void enqueueEvent(String eventJson) {
            long seq = nextSeq("SELECT COALESCE(MAX(seq), 0) + 1 FROM registry_outbox");
            update("INSERT INTO registry_outbox (seq, event_json) VALUES (?, ?)", "audit outbox written concurrently", seq, eventJson);
        }

        @Override
        public void deleteEvent(long seq) {
            updateCount("DELETE FROM registry_outbox WHERE seq = ?", seq);
        }
    }

    private long nextSeq(String sql, Object... args) {
        return sql(() -> {
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                bind(ps, args);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    // ---------------------------------------------------------------- reads

    @Override
    public Optional<RegisteredModel> findModel(String name) {
        return one("SELECT name, description, created_by, created_at FROM registry_models WHERE name = ?", this::model, name);
    }

    @Override
    public List<RegisteredModel> listModels() {
        return many("SELECT name, description, created_by, created_at FROM registry_models ORDER BY name", this::model);
    }

    @Override
    public Optional<ModelVersion> findVersion(VersionRef ref) {
        return one("SELECT " + VERSION_COLUMNS + " FROM registry_versions WHERE model = ? AND version = ?", this::version,
                ref.model(), ref.version().toString());
    }

    @Override
    public List<ModelVersion> listVersions(String model) {
        List<ModelVersion> out = new ArrayList<>(many("SELECT " + VERSION_COLUMNS + " FROM registry_versions WHERE model = ?", this::version, model));
        out.sort(Comparator.comparing(v -> v.ref().version()));
        return out;
    }

    @Override
    public List<LineageEdge> parents(VersionRef child) {
        return many("SELECT child_model, child_version, parent_model, parent_version, method, details_json FROM registry_lineage"
                + " WHERE child_model = ? AND child_version = ? ORDER BY parent_model, parent_version", this::edge, child.model(), child.version().toString());
    }

    @Override
    public List<LineageEdge> children(VersionRef parent) {
        return many("SELECT child_model, child_version, parent_model, parent_version, method, details_json FROM registry_lineage"
                + " WHERE parent_model = ? AND parent_version = ? ORDER BY child_model, child_version", this::edge, parent.model(), parent.version().toString());
    }

    @Override
    public Optional<AliasState> findAlias(String model, String alias) {
        return one("SELECT model, alias, version, seq FROM registry_aliases WHERE model = ? AND alias = ?", this::alias, model, alias);
    }

    @Override
    public List<AliasState> aliases(String model) {
        return many("SELECT model, alias, version, seq FROM registry_aliases WHERE model = ? ORDER BY alias", this::alias, model);
    }

    @Override
    public List<AliasMove> aliasHistory(String model, String alias) {
        return many("SELECT model, alias, seq, from_version, to_version, actor, reason, at FROM registry_alias_history"
                + " WHERE model = ? AND alias = ? ORDER BY seq", rs -> new AliasMove(rs.getString(1), rs.getString(2), rs.getLong(3),
                rs.getString(4) == null ? null : VersionRef.of(rs.getString(1), rs.getString(4)), VersionRef.of(rs.getString(1), rs.getString(5)),
                rs.getString(6), rs.getString(7), Instant.parse(rs.getString(8))), model, alias);
    }

    @Override
    public List<PromotionRecord> promotions(VersionRef ref) {
        return many("SELECT from_stage, to_stage, actor, at, gates_json FROM registry_promotions WHERE model = ? AND version = ? ORDER BY seq",
                rs -> new PromotionRecord(ref, Stage.valueOf(rs.getString(1)), Stage.valueOf(rs.getString(2)), rs.getString(3),
                        Instant.parse(rs.getString(4)), parse(rs.getString(5), GATES)), ref.model(), ref.version().toString());
    }

    @Override
    public Optional<Dataset> findDataset(String sha256) {
        return one("SELECT name, sha256, sources_json, transformations_json, licence, pii, registered_by, registered_at FROM registry_datasets WHERE sha256 = ?",
                rs -> new Dataset(rs.getString(1), rs.getString(2), parse(rs.getString(3), LIST), parse(rs.getString(4), LIST), rs.getString(5),
                        rs.getInt(6) != 0, rs.getString(7), Instant.parse(rs.getString(8))), sha256);
    }

    @Override
    public List<PiiApproval> piiApprovals(String sha256) {
        return many("SELECT sha256, approver, reason, at FROM registry_pii_approvals WHERE sha256 = ? ORDER BY at, approver",
                rs -> new PiiApproval(rs.getString(1), rs.getString(2), rs.getString(3), Instant.parse(rs.getString(4))), sha256);
    }

    @Override
    public Optional<StoredRun> findRun(String digest) {
        return one("SELECT digest, record_json, registered_by, registered_at FROM registry_runs WHERE digest = ?",
                rs -> new StoredRun(rs.getString(1), parse(rs.getString(2), RunRecord.class), rs.getString(3), Instant.parse(rs.getString(4))), digest);
    }

    @Override
    public List<Grant> grantsFor(String serviceId) {
        return many("SELECT service_id, agent_id, target, permission, granted_by, granted_at FROM registry_grants WHERE service_id = ?", this::grant, serviceId);
    }

    @Override
    public List<Grant> listGrants() {
        return many("SELECT service_id, agent_id, target, permission, granted_by, granted_at FROM registry_grants ORDER BY service_id, agent_id, target, permission", this::grant);
    }

    @Override
    public Optional<CapabilityRoute> findRoute(String capability) {
        return one("SELECT route_json FROM registry_routes WHERE capability = ?", rs -> route(rs.getString(1)), capability);
    }

    @Override
    public List<CapabilityRoute> listRoutes() {
        return many("SELECT route_json FROM registry_routes ORDER BY capability", rs -> route(rs.getString(1)));
    }

    @Override
    public Optional<Principal> findPrincipal(String keyId) {
        return one("SELECT service_id, agent_id, public_key_pem, added_by, added_at FROM registry_principals WHERE key_id = ?", this::principal, keyId);
    }

    @Override
    public List<Principal> listPrincipals() {
        return many("SELECT service_id, agent_id, public_key_pem, added_by, added_at FROM registry_principals ORDER BY service_id, agent_id, key_id", this::principal);
    }

    @Override
    public Optional<StoredGatePolicy> findGatePolicy(String scope, Stage stage) {
        return one("SELECT scope, stage, policy_json, envelope_json, revision, updated_by, updated_at FROM registry_gate_policies WHERE scope = ? AND stage = ?",
                this::gatePolicy, scope, stage.name());
    }

    @Override
    public List<StoredGatePolicy> listGatePolicies() {
        return many("SELECT scope, stage, policy_json, envelope_json, revision, updated_by, updated_at FROM registry_gate_policies ORDER BY scope, stage", this::gatePolicy);
    }

    @Override
    public List<StoredEvaluation> evaluations(VersionRef ref) {
        return many("SELECT digest, envelope_json, recorded_by, recorded_at FROM registry_evaluations WHERE model = ? AND version = ? ORDER BY recorded_at, digest",
                rs -> new StoredEvaluation(ref, rs.getString(1), parse(rs.getString(2), SignedEnvelope.class), rs.getString(3),
                        Instant.parse(rs.getString(4))), ref.model(), ref.version().toString());
    }

    @Override
    public List<PendingEvent> pendingEvents() {
        return many("SELECT seq, event_json FROM registry_outbox ORDER BY seq", rs -> new PendingEvent(rs.getLong(1), rs.getString(2)));
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                connection.close();
            }
        } catch (SQLException e) {
            throw new CliTunerException(ErrorCode.STORE_IO, "closing registry store " + description() + " failed: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- row mapping

    private RegisteredModel model(ResultSet rs) throws SQLException {
        return new RegisteredModel(rs.getString(1), rs.getString(2), rs.getString(3), Instant.parse(rs.getString(4)));
    }

    private ModelVersion version(ResultSet rs) throws SQLException {
        ArtifactManifest manifest = parse(rs.getString(8), ArtifactManifest.class);
        if (!manifest.rootDigest().equals(rs.getString(7))) {
            throw new CliTunerException(ErrorCode.MANIFEST_MISMATCH, "stored manifest of " + rs.getString(1) + "@" + rs.getString(2)
                    + " does not match its recorded root digest; the store was edited outside the registry");
        }
        return new ModelVersion(VersionRef.of(rs.getString(1), rs.getString(2)), Stage.valueOf(rs.getString(3)), rs.getString(4),
                Instant.parse(rs.getString(5)), rs.getString(6), manifest, parse(rs.getString(9), SignedEnvelope.class),
                parse(rs.getString(10), METRICS), parse(rs.getString(11), LIST), parse(rs.getString(12), STRINGS),
                rs.getString(13), rs.getLong(14));
    }

    private LineageEdge edge(ResultSet rs) throws SQLException {
        return new LineageEdge(VersionRef.of(rs.getString(1), rs.getString(2)), VersionRef.of(rs.getString(3), rs.getString(4)),
                LineageMethod.valueOf(rs.getString(5)), parse(rs.getString(6), STRINGS));
    }

    private AliasState alias(ResultSet rs) throws SQLException {
        return new AliasState(rs.getString(1), rs.getString(2), VersionRef.of(rs.getString(1), rs.getString(3)), rs.getLong(4));
    }

    private Principal principal(ResultSet rs) throws SQLException {
        String agent = rs.getString(2);
        return new Principal(new Caller(rs.getString(1), agent.isEmpty() ? null : agent), PublicKeys.fromPem(rs.getString(3)),
                rs.getString(4), Instant.parse(rs.getString(5)));
    }

    private StoredGatePolicy gatePolicy(ResultSet rs) throws SQLException {
        return new StoredGatePolicy(rs.getString(1), Stage.valueOf(rs.getString(2)), parse(rs.getString(3), StagePolicy.class),
                parse(rs.getString(4), SignedEnvelope.class), rs.getLong(5), rs.getString(6), Instant.parse(rs.getString(7)));
    }

    private Grant grant(ResultSet rs) throws SQLException {
        String target = rs.getString(3);
        String agent = rs.getString(2);
        return new Grant(rs.getString(1), agent.isEmpty() ? null : agent, "*".equals(target) ? null : TargetRef.parse(target),
                Permission.valueOf(rs.getString(4)), rs.getString(5), Instant.parse(rs.getString(6)));
    }

    private static String agentKey(String agentId) {
        return agentId == null ? "" : agentId;
    }

    private static Map<String, Object> routeDocument(CapabilityRoute route) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("capability", route.capability());
        List<Map<String, Object>> primaries = new ArrayList<>();
        for (RouteCandidate c : route.primaries()) {
            primaries.add(Map.of("target", c.target().toString(), "weight", c.weight()));
        }
        doc.put("primaries", primaries);
        doc.put("fallbacks", route.fallbacks().stream().map(TargetRef::toString).toList());
        doc.put("shadow", route.shadow() == null ? null : route.shadow().toString());
        return doc;
    }

    private static CapabilityRoute route(String json) {
        Map<String, Object> doc = parse(json, new TypeReference<Map<String, Object>>() {});
        List<RouteCandidate> primaries = new ArrayList<>();
        for (Object o : (List<?>) doc.get("primaries")) {
            Map<?, ?> m = (Map<?, ?>) o;
            primaries.add(RouteCandidate.parse((String) m.get("target"), ((Number) m.get("weight")).intValue()));
        }
        List<TargetRef> fallbacks = ((List<?>) doc.get("fallbacks")).stream().map(f -> TargetRef.parse((String) f)).toList();
        Object shadow = doc.get("shadow");
        return new CapabilityRoute((String) doc.get("capability"), primaries, fallbacks, shadow == null ? null : TargetRef.parse((String) shadow));
    }

    // ---------------------------------------------------------------- JDBC plumbing

    @FunctionalInterface
    private interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run() throws SQLException;
    }

    private <T> Optional<T> one(String sql, Row<T> row, Object... args) {
        List<T> all = many(sql, row, args);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    private <T> List<T> many(String sql, Row<T> row, Object... args) {
        return locked(() -> {
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                bind(ps, args);
                try (ResultSet rs = ps.executeQuery()) {
                    List<T> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(row.map(rs));
                    }
                    return out;
                }
            }
        });
    }

    private void update(String sql, String conflictMessage, Object... args) {
        try {
            sqlRaw(() -> {
                try (PreparedStatement ps = connection.prepareStatement(sql)) {
                    bind(ps, args);
                    return ps.executeUpdate();
                }
            });
        } catch (SQLException e) {
            if (isUniqueViolation(e)) {
                throw new CliTunerException(ErrorCode.REGISTRY_CONFLICT, conflictMessage, e);
            }
            if (isForeignKeyViolation(e)) {
                throw new CliTunerException(ErrorCode.REGISTRY_NOT_FOUND, "a referenced model, version or dataset does not exist (" + e.getMessage() + ")", e);
            }
            throw translate(e);
        }
    }

    private int updateCount(String sql, Object... args) {
        return sql(() -> {
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                bind(ps, args);
                return ps.executeUpdate();
            }
        });
    }

    private <T> T sql(SqlWork<T> work) {
        try {
            return sqlRaw(work);
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    private <T> T sqlRaw(SqlWork<T> work) throws SQLException {
        lock.lock();
        try {
            ensureOpen();
            return work.run();
        } finally {
            lock.unlock();
        }
    }

    private <T> T locked(SqlWork<T> work) {
        lock.lock();
        try {
            ensureOpen();
            return work.run();
        } catch (SQLException e) {
            throw translate(e);
        } finally {
            lock.unlock();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new CliTunerException(ErrorCode.STORE_IO, "registry store " + description() + " is closed");
        }
    }

    private CliTunerException translate(SQLException e) {
        if (isContention(e)) {
            return new CliTunerException(ErrorCode.REGISTRY_CONFLICT, "another writer holds the registry " + description()
                    + " (" + e.getMessage() + "); retry", e);
        }
        return new CliTunerException(ErrorCode.STORE_IO, "registry store " + description() + " failed: " + e.getMessage(), e);
    }

    private static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a == null) {
                ps.setNull(i + 1, java.sql.Types.VARCHAR);
            } else if (a instanceof Long l) {
                ps.setLong(i + 1, l);
            } else if (a instanceof Integer n) {
                ps.setInt(i + 1, n);
            } else {
                ps.setString(i + 1, a.toString());
            }
        }
    }

    private static CliTunerException notFound(VersionRef ref) {
        return new CliTunerException(ErrorCode.REGISTRY_NOT_FOUND, "no version " + ref + " in the registry");
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new CliTunerException(ErrorCode.STORE_IO, "cannot encode " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private static <T> T parse(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new CliTunerException(ErrorCode.STORE_IO, "stored " + type.getSimpleName() + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static <T> T parse(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new CliTunerException(ErrorCode.STORE_IO, "stored document is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
