package io.clituner.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.core.egress.AuditSink;
import io.clituner.core.egress.ProvenanceSigner;
import io.clituner.core.engine.EngineSettings;
import io.clituner.core.engine.FewShotSource;
import io.clituner.core.engine.InferenceEngine;
import io.clituner.core.ingress.DefaultIngressGuard;
import io.clituner.core.prompt.PromptBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link Pipeline.Builder} refuses a setting given twice and a null, naming the setting (as Caffeine's builder does). */
class PipelineBuilderTest {
    private static final InferenceEngine ENGINE = new PipelineTest.ScriptedEngine(q -> "ls");
    private static final FewShotSource FEW_SHOT = new FewShotSource() {
        @Override
        public List<io.clituner.core.engine.FewShotExample> nearest(String query, int k) {
            return List.of();
        }

        @Override
        public String fingerprint() {
            return "none";
        }
    };
    private static final ProvenanceSigner SIGNER = response -> {
        throw new UnsupportedOperationException("never signs in this test");
    };
    private static final AuditSink AUDIT = event -> {};

    static Stream<Arguments> settingsGivenTwice() {
        return Stream.of(
                twice("engine", b -> b.engine(ENGINE), b -> b.engine(ENGINE)),
                twice("engine", b -> b.engine(ENGINE), b -> b.engine(EngineSettings.defaults())),
                twice("engine", b -> b.engine(EngineSettings.defaults()), b -> b.engine(ENGINE)),
                twice(
                        "ingressGuard",
                        b -> b.ingressGuard(new DefaultIngressGuard()),
                        b -> b.ingressGuard(new DefaultIngressGuard())),
                twice(
                        "promptBuilder",
                        b -> b.promptBuilder(new PromptBuilder()),
                        b -> b.promptBuilder(new PromptBuilder())),
                twice("fewShot", b -> b.fewShot(FEW_SHOT, 3), b -> b.fewShot(FEW_SHOT, 0)),
                twice(
                        "outputValidator",
                        b -> b.outputValidator(new PipelineTest.FirstWordValidator()),
                        b -> b.outputValidator(new PipelineTest.FirstWordValidator())),
                twice("signer", b -> b.signer(SIGNER), b -> b.signer(SIGNER)),
                twice("auditSink", b -> b.auditSink(AUDIT), b -> b.auditSink(AUDIT)),
                twice("cache", b -> b.cache(5, Duration.ofMinutes(1)), Pipeline.Builder::noCache),
                twice("cache", Pipeline.Builder::noCache, b -> b.cache(5, Duration.ofMinutes(1))),
                twice("cache", Pipeline.Builder::noCache, Pipeline.Builder::noCache),
                twice("clock", b -> b.clock(Clock.systemUTC()), b -> b.clock(Clock.systemUTC())),
                twice("userIdSalt", b -> b.userIdSalt(new byte[16]), b -> b.userIdSalt(new byte[16])));
    }

    private static Arguments twice(
            String setting, Consumer<Pipeline.Builder> first, Consumer<Pipeline.Builder> second) {
        return Arguments.of(setting, first, second);
    }

    @ParameterizedTest(name = "{0} twice")
    @MethodSource("settingsGivenTwice")
    void aSettingGivenTwiceIsRefusedByName(
            String setting, Consumer<Pipeline.Builder> first, Consumer<Pipeline.Builder> second) {
        Pipeline.Builder b = Pipeline.builder();
        first.accept(b);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> second.accept(b));
        assertTrue(e.getMessage().startsWith(setting + " was already set"), e.getMessage());
    }

    @Test
    void theFirstValueIsNamedAndASecretIsNot() {
        Pipeline.Builder b = Pipeline.builder().cache(5, Duration.ofMinutes(1)).userIdSalt(new byte[] {1, 2});
        assertEquals(
                "cache was already set to maximumSize=5, expireAfterWrite=PT1M",
                assertThrows(IllegalStateException.class, b::noCache).getMessage());
        assertEquals(
                "userIdSalt was already set",
                assertThrows(IllegalStateException.class, () -> b.userIdSalt(new byte[] {3}))
                        .getMessage());
    }

    static Stream<Arguments> nulls() {
        Pipeline.Builder b = Pipeline.builder();
        return Stream.of(
                nul("engine", () -> b.engine((InferenceEngine) null)),
                nul("settings", () -> b.engine((EngineSettings) null)),
                nul("guard", () -> b.ingressGuard(null)),
                nul("builder", () -> b.promptBuilder(null)),
                nul("source", () -> b.fewShot(null, 0)),
                nul("validator", () -> b.outputValidator(null)),
                nul("signer", () -> b.signer(null)),
                nul("sink", () -> b.auditSink(null)),
                nul("expireAfterWrite", () -> b.cache(5, null)),
                nul("clock", () -> b.clock(null)),
                nul("salt", () -> b.userIdSalt(null)));
    }

    private static Arguments nul(String parameter, Executable call) {
        return Arguments.of(parameter, call);
    }

    @ParameterizedTest(name = "null {0}")
    @MethodSource("nulls")
    void aNullIsRefusedByParameterName(String parameter, Executable call) {
        assertEquals(parameter, assertThrows(NullPointerException.class, call).getMessage());
    }

    @Test
    void outOfRangeNumbersAreIllegalArguments() {
        assertTrue(assertThrows(
                        IllegalArgumentException.class, () -> Pipeline.builder().fewShot(FEW_SHOT, -1))
                .getMessage()
                .contains("-1"));
        assertTrue(assertThrows(
                        IllegalArgumentException.class, () -> Pipeline.builder().cache(-5, Duration.ZERO))
                .getMessage()
                .contains("-5"));
    }

    @Test
    void aRefusedSettingLeavesTheFirstInPlace() {
        PipelineTest.ScriptedEngine engine = new PipelineTest.ScriptedEngine(q -> "ls -la");
        Pipeline.Builder b = Pipeline.builder().engine(engine).outputValidator(new PipelineTest.FirstWordValidator());
        assertThrows(IllegalStateException.class, () -> b.engine(new PipelineTest.ScriptedEngine(q -> "rm -rf /")));
        try (Pipeline p = b.build()) {
            assertEquals("ls -la", p.translate("list all files").command());
        }
    }
}
