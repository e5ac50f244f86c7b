package io.clituner.provenance.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SemVerAndStageTest {
    @ParameterizedTest
    @CsvSource({
        "1.0.0, 1.0.1, -1",
        "1.2.0, 1.10.0, -1",
        "1.0.0-rc.1, 1.0.0, -1",
        "1.0.0-alpha, 1.0.0-alpha.1, -1",
        "1.0.0-alpha.2, 1.0.0-alpha.10, -1",
        "1.0.0-alpha.beta, 1.0.0-beta, -1",
        "1.0.0-1, 1.0.0-alpha, -1",
        "2.0.0, 2.0.0, 0",
    })
    void precedenceFollowsSemver(String a, String b, int sign) {
        assertEquals(sign, Integer.signum(SemVer.parse(a).compareTo(SemVer.parse(b))));
        assertEquals(-sign, Integer.signum(SemVer.parse(b).compareTo(SemVer.parse(a))));
        assertEquals(a, SemVer.parse(a).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0", "01.0.0", "1.0.0+build", "v1.0.0", "1.0.0-", "1.0.0-01", "", "1.0.0.0", "-1.0.0"})
    void malformedVersionsAreRejected(String text) {
        CliTunerException e = assertThrows(CliTunerException.class, () -> SemVer.parse(text));
        assertEquals(ErrorCode.REGISTRY_INVALID, e.code());
        assertTrue(e.getMessage().contains("semantic version"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({
        "RESEARCH, INTERNAL, ",
        "INTERNAL, PRODUCTION, ",
        "RESEARCH, DEPRECATED, ",
        "PRODUCTION, DEPRECATED, ",
        "RESEARCH, PRODUCTION, skips INTERNAL",
        "PRODUCTION, INTERNAL, goes backwards",
        "UPSTREAM, RESEARCH, immutable",
        "UPSTREAM, DEPRECATED, immutable",
        "DEPRECATED, PRODUCTION, cannot be promoted",
        "INTERNAL, INTERNAL, already INTERNAL",
        "RESEARCH, UPSTREAM, no version can become UPSTREAM",
    })
    void stageTransitions(Stage from, Stage to, String problem) {
        if (problem == null) {
            assertNull(from.transitionProblem(to));
        } else {
            assertTrue(from.transitionProblem(to).contains(problem), from.transitionProblem(to));
        }
    }

    @Test
    void onlyInternalAndProductionServe() {
        for (Stage s : Stage.values()) {
            assertEquals(s == Stage.INTERNAL || s == Stage.PRODUCTION, s.servable(), s.name());
        }
    }

    @ParameterizedTest
    @CsvSource({
        "coder, coder, , ",
        "coder@1.2.3, coder, 1.2.3, ",
        "coder@champion, coder, , champion",
        "org/qwen-0.5b@canary, org/qwen-0.5b, , canary"
    })
    void targetsParse(String text, String model, String version, String alias) {
        TargetRef t = TargetRef.parse(text);
        assertEquals(model, t.model());
        assertEquals(version, t.version() == null ? null : t.version().toString());
        assertEquals(alias, t.alias());
        assertEquals(text, t.toString());
    }
}
