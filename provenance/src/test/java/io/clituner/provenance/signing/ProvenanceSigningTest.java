package io.clituner.provenance.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.core.CommandResponse;
import io.clituner.core.GenerationProvenance;
import io.clituner.core.RiskLevel;
import io.clituner.core.SignedEnvelope;
import io.clituner.core.ValidationOutcome;
import io.clituner.core.hash.Digests;
import io.clituner.provenance.crypto.CanonicalJson;
import io.clituner.provenance.crypto.Ed25519Signer;
import io.clituner.provenance.crypto.Signer;
import io.clituner.provenance.dsse.Dsse;
import io.clituner.provenance.dsse.SignatureInvalidException;
import io.clituner.provenance.dsse.SignatureInvalidException.Problem;
import io.clituner.provenance.intoto.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProvenanceSigningTest {
    private final Signer key = Ed25519Signer.generate();
    private final ProvenanceVerifier verifier = ProvenanceVerifier.trusting(key.publicKey());

    static CommandResponse response(String command) {
        GenerationProvenance p = new GenerationProvenance(
                "7f1c0e4a-0000-4000-8000-000000000001",
                "qwen2.5-coder-0.5b",
                "q4_k_m",
                Digests.sha256Hex("model"),
                "gguf",
                Instant.parse("2026-11-23T10:15:30.123Z"),
                null,
                Digests.sha256Hex("list files"),
                Digests.sha256Hex("prompt"),
                command,
                Digests.sha256Hex(command),
                ValidationOutcome.RETURNED,
                RiskLevel.SAFE,
                List.of(),
                "policy-1",
                List.of(),
                List.of("ex-1", "ex-2"),
                false);
        return new CommandResponse(command, RiskLevel.SAFE, 0.87, null, p, null);
    }

    @Test
    void signedResponseVerifiesAndCarriesAnInTotoStatement() {
        CommandResponse r = response("ls -la");
        CommandResponse signed = r.withSignature(ProvenanceSigners.inToto(key).sign(r));
        VerifiedProvenance v = verifier.verify(signed);
        assertEquals(r.provenance(), v.provenance());
        assertEquals(List.of(key.keyId()), v.keyIds());
        Statement st = Statement.parse(
                java.util.Base64.getDecoder().decode(signed.signature().payload()));
        assertEquals(Statement.TYPE, st.type());
        assertEquals(PredicateTypes.GENERATION, st.predicateType());
        assertEquals(
                Digests.sha256Hex(ResponseDigest.canonicalBytes(r)),
                st.subject().get(0).sha256());
        assertEquals(Statement.PAYLOAD_TYPE, signed.signature().payloadType());
    }

    @Test
    void aResponseChangedAfterSigningIsCaught() {
        CommandResponse r = response("ls -la");
        SignedEnvelope env = ProvenanceSigners.inToto(key).sign(r);
        CommandResponse swapped = new CommandResponse("rm -rf ~", RiskLevel.SAFE, 0.87, null, r.provenance(), env);
        SignatureInvalidException e = assertThrows(SignatureInvalidException.class, () -> verifier.verify(swapped));
        assertEquals(Problem.SUBJECT_MISMATCH, e.problem());
        CommandResponse lessConfident = new CommandResponse("ls -la", RiskLevel.SAFE, 0.5, null, r.provenance(), env);
        assertEquals(
                Problem.SUBJECT_MISMATCH,
                assertThrows(SignatureInvalidException.class, () -> verifier.verify(lessConfident))
                        .problem());
    }

    @Test
    void anotherKeyOrNoSignatureIsRejected() {
        CommandResponse r = response("ls");
        CommandResponse signedByOther = r.withSignature(
                ProvenanceSigners.inToto(Ed25519Signer.generate()).sign(r));
        assertEquals(
                Problem.UNTRUSTED_KEY,
                assertThrows(SignatureInvalidException.class, () -> verifier.verify(signedByOther))
                        .problem());
        assertEquals(
                Problem.NO_SIGNATURES,
                assertThrows(SignatureInvalidException.class, () -> verifier.verify(r))
                        .problem());
    }

    @Test
    void theEnvelopeSurvivesJsonTransport() {
        CommandResponse r = response("du -sh .");
        CommandResponse signed = r.withSignature(ProvenanceSigners.inToto(key).sign(r));
        byte[] json = CanonicalJson.write(signed);
        CommandResponse back = CanonicalJson.read(CanonicalJson.parse(json), CommandResponse.class);
        assertEquals(r.provenance(), verifier.verify(back).provenance());
        SignedEnvelope env = Dsse.fromJson(Dsse.toJson(signed.signature()));
        assertEquals(
                PredicateTypes.GENERATION,
                verifier.verifyStatement(env, PredicateTypes.GENERATION)
                        .statement()
                        .predicateType());
    }

    @Test
    void modelAndDataProvenanceRoundTrip() {
        StatementSigner signer = new StatementSigner(key);
        ModelProvenance m = new ModelProvenance(
                "clituner-qwen",
                Digests.sha256Hex("weights"),
                "Qwen/Qwen2.5-Coder-0.5B",
                Digests.sha256Hex("data"),
                Digests.sha256Hex("config"),
                "git:0123abc",
                "run-42",
                Instant.parse("2026-11-01T00:00:00Z"));
        assertEquals(m, verifier.verifyModel(signer.signModel(m), m.sha256()));
        DataProvenance d = new DataProvenance(
                "nl2bash",
                Digests.sha256Hex("data"),
                "Lin et al. 2018",
                "https://github.com/TellinaTool/nl2bash",
                LocalDate.parse("2026-10-30"),
                "schema+dedup+pii-scan");
        SignedEnvelope env = signer.signData(d);
        assertEquals(d, verifier.verifyData(env, d.sha256()));
        assertEquals(
                Problem.SUBJECT_MISMATCH,
                assertThrows(
                                SignatureInvalidException.class,
                                () -> verifier.verifyData(env, Digests.sha256Hex("other data")))
                        .problem());
        assertEquals(
                Problem.WRONG_PAYLOAD_TYPE,
                assertThrows(SignatureInvalidException.class, () -> verifier.verifyModel(env, null))
                        .problem());
    }

    @Test
    void recordsRejectBadDigests() {
        io.clituner.core.error.CliTunerException e = assertThrows(
                io.clituner.core.error.CliTunerException.class,
                () -> new DataProvenance("x", "ABC", "s", "u", LocalDate.now(), "v"));
        assertTrue(e.getMessage().contains("data sha256"), e.getMessage());
    }
}
