package io.clituner.provenance.registry.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clituner.core.SignedEnvelope;
import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import io.clituner.provenance.crypto.PublicKeys;
import io.clituner.provenance.registry.LineageEdge;
import io.clituner.provenance.registry.LineageMethod;
import io.clituner.provenance.registry.ModelVersion;
import io.clituner.provenance.registry.RegisteredModel;
import io.clituner.provenance.registry.Stage;
import io.clituner.provenance.registry.TargetRef;
import io.clituner.provenance.registry.VersionRef;
import io.clituner.provenance.registry.access.Caller;
import io.clituner.provenance.registry.access.Grant;
import io.clituner.provenance.registry.access.Permission;
import io.clituner.provenance.registry.gate.GateResult;
import io.clituner.provenance.registry.identity.Principal;
import io.clituner.provenance.registry.manifest.ArtifactManifest;
import io.clituner.provenance.registry.policy.StagePolicy;
import io.clituner.provenance.registry.policy.StoredGatePolicy;
import io.clituner.provenance.registry.routing.CapabilityRoute;
import io.clituner.provenance.registry.routing.RouteCandidate;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How registry records become rows and back: the JSON columns (Jackson, unknown properties ignored so
 * an older reader survives a newer writer's extra fields) and the mapping of each result set row.
 */
final class RegistryRows {
    private RegistryRows() {}

    static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    static final TypeReference<Map<String, Double>> METRICS = new TypeReference<>() {};
    static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() {};
    static final TypeReference<List<String>> LIST = new TypeReference<>() {};
    static final TypeReference<List<GateResult>> GATES = new TypeReference<>() {};

    static RegisteredModel model(ResultSet rs) throws SQLException {
        return new RegisteredModel(rs.getString(1), rs.getString(2), rs.getString(3), Instant.parse(rs.getString(4)));
    }

    static ModelVersion version(ResultSet rs) throws SQLException {
        ArtifactManifest manifest = parse(rs.getString(8), ArtifactManifest.class);
        if (!manifest.rootDigest().equals(rs.getString(7))) {
            throw new CliTunerException(
                    ErrorCode.MANIFEST_MISMATCH,
                    "stored manifest of " + rs.getString(1) + "@" + rs.getString(2)
                            + " does not match its recorded root digest; the store was edited outside the registry");
        }
        return new ModelVersion(
                VersionRef.of(rs.getString(1), rs.getString(2)),
                Stage.valueOf(rs.getString(3)),
                rs.getString(4),
                Instant.parse(rs.getString(5)),
                rs.getString(6),
                manifest,
                parse(rs.getString(9), SignedEnvelope.class),
                parse(rs.getString(10), METRICS),
                parse(rs.getString(11), LIST),
                parse(rs.getString(12), STRINGS),
                rs.getString(13),
                rs.getLong(14));
    }

    static LineageEdge edge(ResultSet rs) throws SQLException {
        return new LineageEdge(
                VersionRef.of(rs.getString(1), rs.getString(2)),
                VersionRef.of(rs.getString(3), rs.getString(4)),
                LineageMethod.valueOf(rs.getString(5)),
                parse(rs.getString(6), STRINGS));
    }

    static AliasState alias(ResultSet rs) throws SQLException {
        return new AliasState(
                rs.getString(1), rs.getString(2), VersionRef.of(rs.getString(1), rs.getString(3)), rs.getLong(4));
    }

    static Principal principal(ResultSet rs) throws SQLException {
        String agent = rs.getString(2);
        return new Principal(
                new Caller(rs.getString(1), agent.isEmpty() ? null : agent),
                PublicKeys.fromPem(rs.getString(3)),
                rs.getString(4),
                Instant.parse(rs.getString(5)));
    }

    static StoredGatePolicy gatePolicy(ResultSet rs) throws SQLException {
        return new StoredGatePolicy(
                rs.getString(1),
                Stage.valueOf(rs.getString(2)),
                parse(rs.getString(3), StagePolicy.class),
                parse(rs.getString(4), SignedEnvelope.class),
                rs.getLong(5),
                rs.getString(6),
                Instant.parse(rs.getString(7)));
    }

    static Grant grant(ResultSet rs) throws SQLException {
        String target = rs.getString(3);
        String agent = rs.getString(2);
        return new Grant(
                rs.getString(1),
                agent.isEmpty() ? null : agent,
                "*".equals(target) ? null : TargetRef.parse(target),
                Permission.valueOf(rs.getString(4)),
                rs.getString(5),
                Instant.parse(rs.getString(6)));
    }

    static String agentKey(@Nullable String agentId) {
        return agentId == null ? "" : agentId;
    }

    static Map<String, Object> routeDocument(CapabilityRoute route) {
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

    static CapabilityRoute route(String json) {
        Map<String, Object> doc = parse(json, new TypeReference<Map<String, Object>>() {});
        List<RouteCandidate> primaries = new ArrayList<>();
        List<?> storedPrimaries = routeField(doc, "primaries", List.class);
        for (Object o : storedPrimaries) {
            Map<?, ?> m = routeValue(o, "primaries[]", Map.class);
            primaries.add(RouteCandidate.parse(
                    routeField(m, "target", String.class),
                    routeField(m, "weight", Number.class).intValue()));
        }
        List<?> storedFallbacks = routeField(doc, "fallbacks", List.class);
        List<TargetRef> fallbacks = storedFallbacks.stream()
                .map(f -> TargetRef.parse(routeValue(f, "fallbacks[]", String.class)))
                .toList();
        Object shadow = doc.get("shadow");
        return new CapabilityRoute(
                routeField(doc, "capability", String.class),
                primaries,
                fallbacks,
                shadow == null ? null : TargetRef.parse(routeValue(shadow, "shadow", String.class)));
    }

    private static <T> T routeField(Map<?, ?> doc, String key, Class<T> type) {
        return routeValue(doc.get(key), key, type);
    }

    /** A stored route's field, of the type the registry wrote; anything else means the row was edited outside the registry. */
    private static <T> T routeValue(@Nullable Object value, String key, Class<T> type) {
        if (!type.isInstance(value)) {
            throw new CliTunerException(
                    ErrorCode.STORE_IO,
                    "stored route has no " + type.getSimpleName() + " '" + key
                            + "'; the store was edited outside the registry");
        }
        return type.cast(value);
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new CliTunerException(
                    ErrorCode.STORE_IO, "cannot encode " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    static <T> T parse(String json, Class<T> type) {
        try {
            return present(JSON.readValue(json, type), type.getSimpleName());
        } catch (JsonProcessingException e) {
            throw new CliTunerException(
                    ErrorCode.STORE_IO,
                    "stored " + type.getSimpleName() + " is not valid JSON: " + e.getOriginalMessage(),
                    e);
        }
    }

    static <T> T parse(String json, TypeReference<T> type) {
        try {
            return present(JSON.readValue(json, type), "document");
        } catch (JsonProcessingException e) {
            throw new CliTunerException(
                    ErrorCode.STORE_IO, "stored document is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Jackson reads the JSON literal {@code null} as null; a column the registry wrote never holds it. */
    private static <T> T present(@Nullable T value, String what) {
        if (value == null) {
            throw new CliTunerException(
                    ErrorCode.STORE_IO, "stored " + what + " is JSON null; the store was edited outside the registry");
        }
        return value;
    }
}
