package io.clituner.provenance.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.clituner.core.egress.AuditEvent;
import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CanonicalJsonTest {

    private static String canon(String json) {
        return new String(CanonicalJson.canonicalize(json.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    @Test
    void sortsMembersByUtf16CodeUnitsAndDropsWhitespace() {
        // RFC 8785 §3.2.3 example keys: "\u20ac" (€), "\r", "\ufb33", "1", "\ud83d\ude00", "\u0080", "\u00f6"
        String in =
                "{ \"\\u20ac\": \"Euro Sign\", \"\\r\": \"Carriage Return\", \"\\ufb33\": \"Hebrew Letter Dalet With Dagesh\","
                        + " \"1\": \"One\", \"\\ud83d\\ude00\": \"Emoji: Grinning Face\", \"\\u0080\": \"Control\", \"\\u00f6\": \"Latin Small Letter O With Diaeresis\" }";
        String expected =
                "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\",\"\u00f6\":\"Latin Small Letter O With Diaeresis\","
                        + "\"\u20ac\":\"Euro Sign\",\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}";
        assertEquals(expected, canon(in));
    }

    @Test
    void escapesOnlyWhatRfc8785Requires() {
        assertEquals(
                "[\"\\u000f\\n\\\"\\\\/\u20ac\\b\\f\\t\\r\"]",
                canon("[\"\\u000F\\u000A\\\"\\\\\\/\\u20ac\\b\\f\\t\\r\"]"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "0, 0",
        "-0.0, 0",
        "1, 1",
        "-1, -1",
        "1.5, 1.5",
        "100, 100",
        "1E21, 1e+21",
        "1E20, 100000000000000000000",
        "0.000001, 0.000001",
        "0.0000001, 1e-7",
        "1.2345678901234568E20, 123456789012345680000",
        "4.5E-10, 4.5e-10",
        "0.1, 0.1",
        "333333333.3333332, 333333333.3333332",
        "9007199254740992, 9007199254740992",
        "1.7976931348623157E308, 1.7976931348623157e+308",
        "5E-324, 5e-324"
    })
    void formatsNumbersAsEcmaScript(String in, String expected) {
        assertEquals(expected, canon(in));
    }

    @Test
    void refusesIntegersBeyondDoublePrecision() {
        CliTunerException e = assertThrows(CliTunerException.class, () -> canon("9007199254740993"));
        assertEquals(ErrorCode.INVALID_REQUEST, e.code());
    }

    @Test
    void readingTheJsonLiteralNullIsATypedErrorNotANullValue() {
        CliTunerException e = assertThrows(
                CliTunerException.class,
                () -> CanonicalJson.read(
                        CanonicalJson.parse("null".getBytes(StandardCharsets.UTF_8)), AuditEvent.class));
        assertEquals(ErrorCode.INVALID_REQUEST, e.code());
        assertEquals(
                ErrorCode.INVALID_REQUEST,
                assertThrows(
                                CliTunerException.class,
                                () -> CanonicalJson.read(
                                        CanonicalJson.parse(
                                                "{\"type\":\"x\",\"time\":\"2026-01-02T03:04:05Z\",\"attributes\":{}}"
                                                        .getBytes(StandardCharsets.UTF_8)),
                                        AuditEvent.class))
                        .code(),
                "an event without an actor is refused, not built with a null");
    }

    @Test
    void serializesRecordsWithIsoInstantsAndIsStableUnderReparsing() {
        record Sample(String b, int a, Instant at, List<String> list, Map<String, String> map) {}
        Sample s =
                new Sample("x", 7, Instant.parse("2026-01-02T03:04:05.123Z"), List.of("q"), Map.of("z", "1", "y", "2"));
        byte[] bytes = CanonicalJson.write(s);
        assertEquals(
                "{\"a\":7,\"at\":\"2026-01-02T03:04:05.123Z\",\"b\":\"x\",\"list\":[\"q\"],\"map\":{\"y\":\"2\",\"z\":\"1\"}}",
                new String(bytes, StandardCharsets.UTF_8));
        assertArrayEquals(bytes, CanonicalJson.canonicalize(bytes));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                // an escape or a non-ASCII character after a plain prefix leaves the writer's fast path mid-string
                "[\"plain ascii\"]                 | [\"plain ascii\"]",
                "[\"ab\\\"cd\"]                     | [\"ab\\\"cd\"]",
                "[\"ab\\u0001cd\"]                 | [\"ab\\u0001cd\"]",
                "[\"caf\\u00e9 \\ud83d\\ude00 x\"]   | [\"caf\u00e9 \ud83d\ude00 x\"]",
                "[\"tab\\tthen\\\\slash\"]          | [\"tab\\tthen\\\\slash\"]"
            })
    void escapesInTheMiddleOfAStringMatchTheSpec(String in, String expected) {
        assertEquals(expected.strip(), canon(in.strip()));
    }

    @Test
    void longDocumentsGrowTheBufferWithoutLosingBytes() {
        String big = "x".repeat(5000) + "\u00e9" + "y".repeat(3000);
        String json = "{\"k\":\"" + big + "\",\"a\":[" + "1,".repeat(2000) + "2]}";
        String expected =
                "{\"a\":[" + "1,".repeat(2000) + "2],\"k\":\"" + "x".repeat(5000) + "\u00e9" + "y".repeat(3000) + "\"}";
        assertEquals(expected, canon(json));
    }

    @Test
    void integerLimitsHoldOnBothSides() {
        assertEquals("-9007199254740992", canon("-9007199254740992"));
        assertEquals(
                ErrorCode.INVALID_REQUEST,
                assertThrows(CliTunerException.class, () -> canon("-9007199254740993"))
                        .code());
        assertEquals(
                ErrorCode.INVALID_REQUEST,
                assertThrows(CliTunerException.class, () -> canon("123456789012345678901234"))
                        .code());
    }

    @Test
    void malformedJsonIsATypedError() {
        CliTunerException e = assertThrows(CliTunerException.class, () -> canon("{\"a\":"));
        assertEquals(ErrorCode.INVALID_REQUEST, e.code());
    }
}
