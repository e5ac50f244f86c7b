package io.clituner.guardrails;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.core.NormalizedRequest;
import io.clituner.core.RawModelOutput;
import io.clituner.core.RiskLevel;
import io.clituner.core.SafetyLevel;
import io.clituner.core.analysis.CommandAnalyzer;
import io.clituner.core.analysis.OutputValidator;
import io.clituner.core.analysis.ValidatedCommand;
import io.clituner.core.error.ErrorCode;
import io.clituner.core.error.OutputRejectedException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class OutputValidatorTest {
    private final GuardrailOutputValidator validator = new GuardrailOutputValidator();

    private static RawModelOutput raw(String text) {
        return new RawModelOutput(text, 0.9, "test", 0, 0, Duration.ZERO, Map.of());
    }

    private static NormalizedRequest request(SafetyLevel level) {
        return new NormalizedRequest("list files", "list files", "bash", level, null, List.of());
    }

    static Stream<Arguments> outputs() {
        return Stream.of(
                Arguments.of("ls -la", "ls -la"),
                Arguments.of("```bash\nls -la\n```", "ls -la"),
                Arguments.of(
                        "Here is the command:\n```\nfind . -name '*.txt'\n```\nIt lists text files.",
                        "find . -name '*.txt'"),
                Arguments.of("$ du -sh .", "du -sh ."),
                Arguments.of("Command: df -h", "df -h"),
                Arguments.of("`git status`", "git status"),
                Arguments.of("\"echo hi\"", "echo hi"),
                Arguments.of("```ls /tmp```", "ls /tmp"),
                Arguments.of("To see disk usage run:\n$ df -h", "df -h"),
                Arguments.of("\r\n  ls -la \r\n", "ls -la"),
                Arguments.of("# `pwd`", "pwd"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outputs")
    void extractsOneCommand(String text, String expected) {
        ValidatedCommand v = validator.validate(raw(text), request(SafetyLevel.STRICT));
        assertEquals(expected, v.command());
    }

    @Test
    void rejectsEmptyMultilineAndOutOfBounds() {
        assertEquals(
                ErrorCode.OUTPUT_EMPTY,
                assertThrows(
                                OutputRejectedException.class,
                                () -> validator.validate(raw("   \n "), request(SafetyLevel.STRICT)))
                        .code());
        assertEquals(
                ErrorCode.OUTPUT_EMPTY,
                assertThrows(
                                OutputRejectedException.class,
                                () -> validator.validate(raw("```\n```"), request(SafetyLevel.STRICT)))
                        .code());
        assertEquals(
                ErrorCode.OUTPUT_MULTILINE,
                assertThrows(
                                OutputRejectedException.class,
                                () -> validator.validate(raw("ls\npwd"), request(SafetyLevel.STRICT)))
                        .code());
        assertEquals(
                ErrorCode.OUTPUT_MULTILINE,
                assertThrows(
                                OutputRejectedException.class,
                                () -> validator.validate(raw("ls -l\rpwd"), request(SafetyLevel.STRICT)))
                        .code());
        assertEquals(
                ErrorCode.OUTPUT_EMPTY,
                assertThrows(
                                OutputRejectedException.class,
                                () -> validator.validate(raw(" $ "), request(SafetyLevel.STRICT)))
                        .code());
        assertEquals(
                ErrorCode.OUTPUT_TOO_SHORT,
                assertThrows(
                                OutputRejectedException.class,
                                () -> validator.validate(raw(":"), request(SafetyLevel.STRICT)))
                        .code());
        assertEquals(
                ErrorCode.OUTPUT_TOO_SHORT,
                assertThrows(
                                OutputRejectedException.class,
                                () -> validator.validate(raw("./"), request(SafetyLevel.STRICT)))
                        .code());
        assertEquals(
                ErrorCode.OUTPUT_TOO_LONG,
                assertThrows(
                                OutputRejectedException.class,
                                () -> validator.validate(raw("echo " + "a".repeat(300)), request(SafetyLevel.STRICT)))
                        .code());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ls", "id", "w", "df", "du", "ps"})
    void shortRealProgramsPassTheLengthMinimum(String program) {
        ValidatedCommand v = validator.validate(raw(program), request(SafetyLevel.STRICT));
        assertEquals(program, v.command());
        assertNotEquals(RiskLevel.DANGEROUS, v.risk());
    }

    @Test
    void judgesAtTheRequestsLevel() {
        ValidatedCommand strict = validator.validate(raw("eval \"$PAYLOAD\""), request(SafetyLevel.STRICT));
        ValidatedCommand moderate = validator.validate(raw("eval \"$PAYLOAD\""), request(SafetyLevel.MODERATE));
        assertEquals(RiskLevel.DANGEROUS, strict.risk());
        assertEquals(RiskLevel.REVIEW, moderate.risk());
        ValidatedCommand blocked = validator.validate(raw("```\nsudo rm -rf /\n```"), request(SafetyLevel.MODERATE));
        assertEquals(RiskLevel.DANGEROUS, blocked.risk());
        assertTrue(blocked.verdict().ruleIds().contains("delete.system-path"));
        assertEquals(validator.policyVersion(), blocked.policyVersion());
    }

    @Test
    void bothImplementationsAreServiceLoaded() {
        assertTrue(ServiceLoader.load(CommandAnalyzer.class).stream()
                .anyMatch(p -> p.type() == BashCommandAnalyzer.class));
        assertTrue(ServiceLoader.load(OutputValidator.class).stream()
                .anyMatch(p -> p.type() == GuardrailOutputValidator.class));
    }
}
