package io.clituner.provenance.intoto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A subject read from someone else's statement may carry other digests only; asking for its SHA-256 is then a typed error. */
class StatementSubjectTest {
    @Test
    void aSubjectWithoutASha256DigestSaysSoInsteadOfReturningNull() {
        Statement.Subject s = new Statement.Subject("model.gguf", Map.of("sha512", "ab".repeat(64)));
        CliTunerException e = assertThrows(CliTunerException.class, s::sha256);
        assertEquals(ErrorCode.INVALID_REQUEST, e.code());
        assertTrue(e.getMessage().contains("sha512"), e.getMessage());
        assertEquals(
                "cd".repeat(32),
                Statement.Subject.sha256("model.gguf", "cd".repeat(32)).sha256());
    }
}
