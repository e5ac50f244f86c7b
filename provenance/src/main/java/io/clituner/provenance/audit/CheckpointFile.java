package io.clituner.provenance.audit;

import io.clituner.core.SignedEnvelope;
import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import io.clituner.provenance.crypto.CanonicalJson;
import io.clituner.provenance.crypto.Signer;
import io.clituner.provenance.dsse.Dsse;
import io.clituner.provenance.dsse.VerifiedEnvelope;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Signed checkpoints, one DSSE envelope (canonical JSON) per line, in a file apart from the log. */
public final class CheckpointFile {
    private CheckpointFile() {}

    public static SignedCheckpoint sign(Checkpoint checkpoint, Signer signer) {
        SignedEnvelope env = Dsse.sign(Checkpoint.PAYLOAD_TYPE, CanonicalJson.write(checkpoint), signer);
        return new SignedCheckpoint(checkpoint, env);
    }

    /** Appends durably (fsync) so that a checkpoint, once returned, survives a crash. */
    public static void append(Path file, SignedCheckpoint checkpoint) {
        byte[] line = (new String(Dsse.toJson(checkpoint.envelope()), StandardCharsets.UTF_8) + "\n")
                .getBytes(StandardCharsets.UTF_8);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (FileChannel ch = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                ByteBuffer bb = ByteBuffer.wrap(line);
                while (bb.hasRemaining()) {
                    ch.write(bb);
                }
                ch.force(true);
            }
        } catch (IOException e) {
            throw new CliTunerException(
                    ErrorCode.AUDIT_IO, "cannot write checkpoint to " + file + ": " + e.getMessage(), e);
        }
    }

    /** Result of reading a checkpoint file. */
    public record Contents(
            List<SignedCheckpoint> checkpoints,
            int badSignatureLine,
            @Nullable String problem) {
        public boolean valid() {
            return problem == null;
        }
    }

    /**
     * Reads every checkpoint; with trusted keys, each must carry a valid signature by one of them.
     * An unreadable file is AUDIT_IO; a bad line or signature is reported in {@link Contents}.
     */
    public static Contents read(Path file, Map<String, PublicKey> trustedKeys) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliTunerException(
                    ErrorCode.AUDIT_IO, "cannot read checkpoint file " + file + ": " + e.getMessage(), e);
        }
        List<SignedCheckpoint> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.isBlank()) {
                continue;
            }
            try {
                SignedEnvelope env = Dsse.fromJson(l.getBytes(StandardCharsets.UTF_8));
                byte[] payload;
                if (trustedKeys != null && !trustedKeys.isEmpty()) {
                    VerifiedEnvelope v = Dsse.verify(env, trustedKeys, 1);
                    payload = v.payload();
                } else {
                    payload = java.util.Base64.getDecoder().decode(env.payload());
                }
                if (!Checkpoint.PAYLOAD_TYPE.equals(env.payloadType())) {
                    return new Contents(
                            out, i + 1, "line " + (i + 1) + " is a " + env.payloadType() + ", not a checkpoint");
                }
                Checkpoint cp = CanonicalJson.read(CanonicalJson.parse(payload), Checkpoint.class);
                out.add(new SignedCheckpoint(cp, env));
            } catch (CliTunerException | IllegalArgumentException e) {
                return new Contents(out, i + 1, "checkpoint line " + (i + 1) + ": " + e.getMessage());
            }
        }
        return new Contents(out, -1, null);
    }
}
