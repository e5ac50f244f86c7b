package io.clituner.provenance.intoto;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import io.clituner.provenance.crypto.CanonicalJson;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * An in-toto Statement v1 (https://github.com/in-toto/attestation/blob/main/spec/v1/statement.md):
 * which artifacts ({@code subject}, by digest) a {@code predicate} of a given type speaks about.
 */
public record Statement(
        @JsonProperty("_type") String type,
        @JsonProperty("subject") List<Subject> subject,
        @JsonProperty("predicateType") String predicateType,
        @JsonProperty("predicate") JsonNode predicate) {

    /** The {@code _type} of every v1 statement. */
    public static final String TYPE = "https://in-toto.io/Statement/v1";
    /** The DSSE payload type of an in-toto statement. */
    public static final String PAYLOAD_TYPE = "application/vnd.in-toto+json";

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    /** One artifact the statement is about. */
    public record Subject(
            @JsonProperty("name") String name,
            @JsonProperty("digest") Map<String, String> digest) {
        public Subject {
            if (name == null || name.isEmpty()) {
                throw new CliTunerException(ErrorCode.INVALID_REQUEST, "in-toto subject needs a name");
            }
            if (digest == null || digest.isEmpty()) {
                throw new CliTunerException(ErrorCode.INVALID_REQUEST, "in-toto subject '" + name + "' needs a digest");
            }
            digest = java.util.Collections.unmodifiableMap(new TreeMap<>(digest));
        }

        public static Subject sha256(String name, String sha256Hex) {
            if (sha256Hex == null || !SHA256_HEX.matcher(sha256Hex).matches()) {
                throw new CliTunerException(
                        ErrorCode.INVALID_REQUEST,
                        "subject '" + name + "' digest is not lower-case hex SHA-256: " + sha256Hex);
            }
            return new Subject(name, Map.of("sha256", sha256Hex));
        }

        /** The subject's SHA-256 digest; a subject without one cannot be checked against a file. */
        public String sha256() {
            String d = digest.get("sha256");
            if (d == null) {
                throw new CliTunerException(
                        ErrorCode.INVALID_REQUEST,
                        "in-toto subject '" + name + "' has no sha256 digest (only " + digest.keySet() + ")");
            }
            return d;
        }
    }

    public Statement {
        if (!TYPE.equals(type)) {
            throw new CliTunerException(ErrorCode.INVALID_REQUEST, "not an in-toto v1 statement: _type is " + type);
        }
        if (subject == null || subject.isEmpty()) {
            throw new CliTunerException(ErrorCode.INVALID_REQUEST, "in-toto statement needs at least one subject");
        }
        subject = List.copyOf(subject);
        if (predicateType == null || predicateType.isEmpty()) {
            throw new CliTunerException(ErrorCode.INVALID_REQUEST, "in-toto statement needs a predicateType");
        }
        Objects.requireNonNull(predicate, "predicate");
    }

    /** A v1 statement whose predicate is any value the canonical mapper can serialize. */
    public static Statement of(List<Subject> subject, String predicateType, Object predicate) {
        JsonNode tree =
                predicate instanceof JsonNode n ? n : CanonicalJson.mapper().valueToTree(predicate);
        return new Statement(TYPE, subject, predicateType, tree);
    }

    /** RFC 8785 bytes: what goes into the DSSE payload. */
    public byte[] toCanonicalJson() {
        ObjectNode root = CanonicalJson.mapper().createObjectNode();
        root.put("_type", type);
        ArrayNode subjects = root.putArray("subject");
        for (Subject s : subject) {
            ObjectNode o = subjects.addObject();
            o.put("name", s.name());
            ObjectNode d = o.putObject("digest");
            s.digest().forEach(d::put);
        }
        root.put("predicateType", predicateType);
        root.set("predicate", predicate);
        return CanonicalJson.write(root);
    }

    public static Statement parse(byte[] json) {
        JsonNode node = CanonicalJson.parse(json);
        if (!node.isObject()) {
            throw new CliTunerException(ErrorCode.INVALID_REQUEST, "in-toto statement must be a JSON object");
        }
        return CanonicalJson.read(node, Statement.class);
    }

    /** The predicate as a value type. */
    public <T> T predicateAs(Class<T> type) {
        return CanonicalJson.read(predicate, type);
    }
}
