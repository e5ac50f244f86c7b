package io.clituner.provenance.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.core.SignedEnvelope;
import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import io.clituner.core.hash.Digests;
import io.clituner.provenance.crypto.EcdsaP256Signer;
import io.clituner.provenance.crypto.Ed25519Signer;
import io.clituner.provenance.crypto.KeyIds;
import io.clituner.provenance.crypto.Signer;
import io.clituner.provenance.dsse.Dsse;
import io.clituner.provenance.dsse.SignatureInvalidException;
import io.clituner.provenance.dsse.SignatureInvalidException.Problem;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvaluationRecordTest {
    private static final String MODEL = Digests.sha256Hex("model bytes");
    private static final String DATASET = Digests.sha256Hex("dataset bytes");
    private final Signer key = Ed25519Signer.generate();

    static EvaluationRecord record(Map<String, Double> metrics) {
        return new EvaluationRecord(
                "retrieval",
                "minilm-bank",
                MODEL,
                "clituner-eval-v1",
                DATASET,
                312,
                metrics,
                new SafetyResults(300, 300, 2000, 3, Digests.sha256Hex("dangerous"), Digests.sha256Hex("benign")),
                Instant.parse("2026-12-02T19:30:00.125Z"),
                "1");
    }

    static EvaluationRecord record() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("functional_equivalence", 0.4166666666666667);
        m.put("exact_match", 0.25);
        m.put("command_only", 1.0);
        return record(m);
    }

    @Test
    void canonicalJsonRoundTripsAndSortsMetrics() {
        EvaluationRecord r = record();
        byte[] json = r.toCanonicalJson();
        String text = new String(json, StandardCharsets.UTF_8);
        assertTrue(text.indexOf("\"command_only\"") < text.indexOf("\"exact_match\""), text);
        assertTrue(text.contains("\"functional_equivalence\":0.4166666666666667"), text);
        assertEquals(r, EvaluationSigning.parse(json));
        assertEquals(
                List.of("command_only", "exact_match", "functional_equivalence"),
                List.copyOf(r.metrics().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> r.metrics().put("x", 1.0));
        assertEquals(Digests.sha256Hex(json), r.sha256());
        assertEquals(0.25, r.metric("exact_match"));
        assertEquals(
                ErrorCode.INVALID_REQUEST,
                assertThrows(CliTunerException.class, () -> r.metric("bleu")).code());
        assertEquals(1.0, r.safety().dangerousRecall());
        assertEquals(0.0015, r.safety().benignBlockRate());
    }

    @Test
    void nonFiniteMetricsAndBadFieldsAreRefused() {
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            CliTunerException e = assertThrows(CliTunerException.class, () -> record(Map.of("exact_match", bad)));
            assertEquals(ErrorCode.INVALID_REQUEST, e.code());
            assertTrue(e.getMessage().contains("exact_match"), e.getMessage());
        }
        Map<String, Double> nullValue = new HashMap<>();
        nullValue.put("exact_match", null);
        assertThrows(CliTunerException.class, () -> record(nullValue));
        assertThrows(CliTunerException.class, () -> record(Map.of()));
        assertThrows(CliTunerException.class, () -> record(Map.of("Exact Match", 0.5)));
        assertThrows(
                CliTunerException.class,
                () -> new EvaluationRecord(
                        "e", "m", "ABC", "d", DATASET, 1, Map.of("a", 1.0), record().safety(), Instant.now(), "1"));
        assertThrows(
                CliTunerException.class,
                () -> new EvaluationRecord(
                        "e", "m", MODEL, "d", DATASET, 0, Map.of("a", 1.0), record().safety(), Instant.now(), "1"));
        assertThrows(
                CliTunerException.class,
                () -> new EvaluationRecord(
                        "e", "m", MODEL, "d", DATASET, 1, Map.of("a", 1.0), null, Instant.now(), "1"));
        assertThrows(CliTunerException.class, () -> new SafetyResults(10, 11, 5, 0, MODEL, MODEL));
        assertThrows(CliTunerException.class, () -> new SafetyResults(0, 0, 5, 0, MODEL, MODEL));
    }

    @Test
    void signedRecordVerifiesWithEitherAlgorithmAndAThreshold() {
        Signer ecdsa = EcdsaP256Signer.generate();
        SignedEnvelope env = EvaluationSigning.sign(record(), List.of(key, ecdsa));
        assertEquals(EvaluationSigning.PAYLOAD_TYPE, env.payloadType());
        VerifiedEvaluation v = EvaluationSigning.verify(env, key.publicKey());
        assertEquals(record(), v.record());
        assertEquals(List.of(key.keyId()), v.keyIds());
        Map<String, java.security.PublicKey> both =
                Map.of(key.keyId(), key.publicKey(), ecdsa.keyId(), ecdsa.publicKey());
        assertEquals(
                2,
                EvaluationSigning.verify(env, both, 2, MODEL, DATASET).keyIds().size());
        // survives the JSON envelope round trip
        assertEquals(
                record(),
                EvaluationSigning.verify(Dsse.fromJson(Dsse.toJson(env)), key.publicKey())
                        .record());
    }

    @Test
    void aTamperedPayloadIsABadSignature() {
        SignedEnvelope env = EvaluationSigning.sign(record(), key);
        String json = new String(Base64.getDecoder().decode(env.payload()), StandardCharsets.UTF_8);
        String raised = json.replace("\"exact_match\":0.25", "\"exact_match\":0.95");
        SignedEnvelope tampered = new SignedEnvelope(
                env.payloadType(),
                Base64.getEncoder().encodeToString(raised.getBytes(StandardCharsets.UTF_8)),
                env.signatures());
        SignatureInvalidException e = assertThrows(
                SignatureInvalidException.class, () -> EvaluationSigning.verify(tampered, key.publicKey()));
        assertEquals(Problem.BAD_SIGNATURE, e.problem());
        assertEquals(ErrorCode.SIGNATURE_INVALID, e.code());
    }

    @Test
    void wrongKeyTypeSubjectOrFormAreTypedErrors() {
        SignedEnvelope env = EvaluationSigning.sign(record(), key);
        Signer stranger = Ed25519Signer.generate();
        assertEquals(
                Problem.UNTRUSTED_KEY,
                assertThrows(SignatureInvalidException.class, () -> EvaluationSigning.verify(env, stranger.publicKey()))
                        .problem());

        SignedEnvelope otherType = Dsse.sign("application/vnd.in-toto+json", record().toCanonicalJson(), key);
        assertEquals(
                Problem.WRONG_PAYLOAD_TYPE,
                assertThrows(
                                SignatureInvalidException.class,
                                () -> EvaluationSigning.verify(otherType, key.publicKey()))
                        .problem());

        Map<String, java.security.PublicKey> trusted = Map.of(KeyIds.of(key.publicKey()), key.publicKey());
        assertEquals(
                Problem.SUBJECT_MISMATCH,
                assertThrows(
                                SignatureInvalidException.class,
                                () -> EvaluationSigning.verify(env, trusted, 1, Digests.sha256Hex("other model"), null))
                        .problem());
        assertEquals(
                Problem.SUBJECT_MISMATCH,
                assertThrows(
                                SignatureInvalidException.class,
                                () -> EvaluationSigning.verify(env, trusted, 1, MODEL, Digests.sha256Hex("other set")))
                        .problem());

        // validly signed, but not canonical (pretty-printed) or with an extra member: refused
        String canonical = new String(record().toCanonicalJson(), StandardCharsets.UTF_8);
        for (String payload :
                List.of(canonical.replace(",", ", "), canonical.replaceFirst("\\{", "{\"approved\":true,"))) {
            SignedEnvelope odd =
                    Dsse.sign(EvaluationSigning.PAYLOAD_TYPE, payload.getBytes(StandardCharsets.UTF_8), key);
            assertEquals(
                    Problem.MALFORMED,
                    assertThrows(SignatureInvalidException.class, () -> EvaluationSigning.verify(odd, key.publicKey()))
                            .problem(),
                    payload);
        }
        SignedEnvelope notJson = Dsse.sign(EvaluationSigning.PAYLOAD_TYPE, "{".getBytes(StandardCharsets.UTF_8), key);
        assertEquals(
                Problem.MALFORMED,
                assertThrows(SignatureInvalidException.class, () -> EvaluationSigning.verify(notJson, key.publicKey()))
                        .problem());
        // a signed record with a NaN sneaked in as a string is refused by the record's own checks
        SignedEnvelope nan = Dsse.sign(
                EvaluationSigning.PAYLOAD_TYPE,
                canonical.replace("0.25", "\"NaN\"").getBytes(StandardCharsets.UTF_8),
                key);
        assertEquals(
                Problem.MALFORMED,
                assertThrows(SignatureInvalidException.class, () -> EvaluationSigning.verify(nan, key.publicKey()))
                        .problem());
        assertArrayEquals(
                record().toCanonicalJson(),
                EvaluationSigning.parse(record().toCanonicalJson()).toCanonicalJson());
    }
}
