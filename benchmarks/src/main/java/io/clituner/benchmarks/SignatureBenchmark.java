package io.clituner.benchmarks;

import io.clituner.core.CommandResponse;
import io.clituner.core.GenerationProvenance;
import io.clituner.core.RiskLevel;
import io.clituner.core.ValidationOutcome;
import io.clituner.core.egress.ProvenanceSigner;
import io.clituner.core.hash.Digests;
import io.clituner.provenance.crypto.Ed25519Signer;
import io.clituner.provenance.crypto.Signatures;
import io.clituner.provenance.dsse.Dsse;
import io.clituner.provenance.intoto.Statement;
import io.clituner.provenance.signing.ProvenanceSigners;
import io.clituner.provenance.signing.ProvenanceVerifier;
import io.clituner.provenance.signing.VerifiedProvenance;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * How long do signing and verifying one response's provenance take with Ed25519? Target &lt; 150 µs
 * for sign + verify. {@code signAndVerifyResponse} is the whole path a host pays: in-toto statement,
 * RFC 8785 canonicalization of response and predicate, DSSE PAE, sign; then verify signature,
 * subject digest and predicate. {@code ed25519SignAndVerifyPae} is the bare cryptography.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SignatureBenchmark {
    private Ed25519Signer key;
    private ProvenanceSigner signer;
    private ProvenanceVerifier verifier;
    private CommandResponse response;
    private byte[] pae;

    @Setup
    public void setUp() {
        key = Ed25519Signer.generate();
        signer = ProvenanceSigners.inToto(key);
        verifier = ProvenanceVerifier.trusting(key.publicKey());
        GenerationProvenance p = new GenerationProvenance(
                "6f1c0e4a-0000-4000-8000-000000000001",
                "qwen2.5-coder-0.5b-instruct",
                "q4_k_m",
                Digests.sha256Hex("model"),
                "gguf",
                Instant.parse("2026-11-23T10:15:30.123456Z"),
                Digests.sha256Hex("user"),
                Digests.sha256Hex("show disk usage of the current directory"),
                Digests.sha256Hex("prompt"),
                "du -sh .",
                Digests.sha256Hex("du -sh ."),
                ValidationOutcome.RETURNED,
                RiskLevel.SAFE,
                List.of(),
                "2026.11",
                List.of(),
                List.of("nl2bash-1021", "nl2bash-77", "nl2bash-5012"),
                false);
        response = new CommandResponse("du -sh .", RiskLevel.SAFE, 0.91, null, p, null, List.of());
        pae = Dsse.pae(
                Statement.PAYLOAD_TYPE, "{\"provenance\":\"x\"}".repeat(40).getBytes(StandardCharsets.UTF_8));
    }

    @Benchmark
    public VerifiedProvenance signAndVerifyResponse() {
        return verifier.verify(response.withSignature(signer.sign(response)));
    }

    @Benchmark
    public boolean ed25519SignAndVerifyPae() {
        return Signatures.verify(key.publicKey(), pae, key.sign(pae));
    }
}
