package io.clituner.provenance.dsse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.clituner.core.SignedEnvelope;
import io.clituner.provenance.crypto.EcdsaP256Signer;
import io.clituner.provenance.crypto.Ed25519Signer;
import io.clituner.provenance.crypto.Signer;
import io.clituner.provenance.dsse.SignatureInvalidException.Problem;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DsseTest {
    private static final String TYPE = "application/vnd.in-toto+json";
    private final Signer ed = Ed25519Signer.generate();
    private final Signer ec = EcdsaP256Signer.generate();
    private final byte[] payload = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);

    private Map<String, PublicKey> trust(Signer... signers) {
        java.util.HashMap<String, PublicKey> m = new java.util.HashMap<>();
        for (Signer s : signers) {
            m.put(s.keyId(), s.publicKey());
        }
        return m;
    }

    @Test
    void paeMatchesTheSpecExample() {
        assertEquals(
                "DSSEv1 29 http://example.com/HelloWorld 11 hello world",
                new String(
                        Dsse.pae("http://example.com/HelloWorld", "hello world".getBytes(StandardCharsets.UTF_8)),
                        StandardCharsets.UTF_8));
    }

    @Test
    void roundTripsThroughJsonWithTwoAlgorithms() {
        SignedEnvelope env = Dsse.sign(TYPE, payload, List.of(ed, ec));
        SignedEnvelope back = Dsse.fromJson(Dsse.toJson(env));
        assertEquals(env, back);
        VerifiedEnvelope v = Dsse.verify(back, trust(ed, ec), 2);
        assertArrayEquals(payload, v.payload());
        assertEquals(List.of(ed.keyId(), ec.keyId()), v.verifiedKeyIds());
    }

    private static SignatureInvalidException rejected(SignedEnvelope env, Map<String, PublicKey> keys, int threshold) {
        return assertThrows(SignatureInvalidException.class, () -> Dsse.verify(env, keys, threshold));
    }

    @Test
    void everyFlippedBitOfTheSignatureIsRejected() {
        SignedEnvelope env = Dsse.sign(TYPE, payload, ed);
        byte[] sig = Base64.getDecoder().decode(env.signatures().get(0).sig());
        for (int bit = 0; bit < sig.length * 8; bit++) {
            byte[] f = sig.clone();
            f[bit / 8] ^= (byte) (1 << (bit % 8));
            SignedEnvelope bad = new SignedEnvelope(
                    TYPE,
                    env.payload(),
                    List.of(new SignedEnvelope.Signature(
                            ed.keyId(), Base64.getEncoder().encodeToString(f))));
            assertEquals(Problem.BAD_SIGNATURE, rejected(bad, trust(ed), 1).problem(), "bit " + bit);
        }
    }

    @Test
    void everyFlippedBitOfThePayloadIsRejected() {
        SignedEnvelope env = Dsse.sign(TYPE, payload, ed);
        for (int bit = 0; bit < payload.length * 8; bit++) {
            byte[] f = payload.clone();
            f[bit / 8] ^= (byte) (1 << (bit % 8));
            SignedEnvelope bad = new SignedEnvelope(TYPE, Base64.getEncoder().encodeToString(f), env.signatures());
            assertEquals(Problem.BAD_SIGNATURE, rejected(bad, trust(ed), 1).problem(), "bit " + bit);
        }
    }

    @Test
    void aChangedPayloadTypeOrKeyIdIsRejected() {
        SignedEnvelope env = Dsse.sign(TYPE, payload, ed);
        SignedEnvelope otherType = new SignedEnvelope("application/vnd.in-toto+jsoo", env.payload(), env.signatures());
        assertEquals(Problem.BAD_SIGNATURE, rejected(otherType, trust(ed), 1).problem());
        char[] id = ed.keyId().toCharArray();
        id[0] = id[0] == 'a' ? 'b' : 'a';
        SignedEnvelope otherId = new SignedEnvelope(
                TYPE,
                env.payload(),
                List.of(new SignedEnvelope.Signature(
                        new String(id), env.signatures().get(0).sig())));
        assertEquals(Problem.UNTRUSTED_KEY, rejected(otherId, trust(ed), 1).problem());
        // A trusted id on a signature made by another key does not verify either.
        SignedEnvelope byEc = Dsse.sign(TYPE, payload, ec);
        SignedEnvelope claimed = new SignedEnvelope(
                TYPE,
                env.payload(),
                List.of(new SignedEnvelope.Signature(
                        ed.keyId(), byEc.signatures().get(0).sig())));
        assertEquals(Problem.BAD_SIGNATURE, rejected(claimed, trust(ed), 1).problem());
    }

    @Test
    void thresholdCountsDistinctTrustedKeys() {
        SignedEnvelope once = Dsse.sign(TYPE, payload, List.of(ed, ed));
        SignatureInvalidException e = rejected(once, trust(ed, ec), 2);
        assertEquals(Problem.THRESHOLD_NOT_MET, e.problem());
        assertEquals(
                Problem.NO_SIGNATURES,
                rejected(new SignedEnvelope(TYPE, once.payload(), List.of()), trust(ed), 1)
                        .problem());
    }

    @Test
    void malformedEnvelopesAreNamed() {
        assertEquals(
                Problem.MALFORMED,
                assertThrows(
                                SignatureInvalidException.class,
                                () -> Dsse.fromJson("{\"payloadType\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
                        .problem());
        assertEquals(
                Problem.MALFORMED,
                assertThrows(
                                SignatureInvalidException.class,
                                () -> Dsse.fromJson("not json".getBytes(StandardCharsets.UTF_8)))
                        .problem());
        SignedEnvelope env = Dsse.sign(TYPE, payload, ed);
        SignedEnvelope badB64 = new SignedEnvelope(TYPE, env.payload() + "*", env.signatures());
        assertEquals(Problem.MALFORMED, rejected(badB64, trust(ed), 1).problem());
    }
}
