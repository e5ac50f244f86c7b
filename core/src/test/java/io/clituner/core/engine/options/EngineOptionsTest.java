package io.clituner.core.engine.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.core.error.ConfigurationException;
import io.clituner.core.error.ErrorCode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EngineOptionsTest {
    enum Mode {
        GRAMMAR,
        PARSER
    }

    static final OptionSpec<Integer> THREADS = OptionSpec.integer("threads", "CPU threads", 4, 1, 512);
    static final OptionSpec<Integer> CONTEXT = OptionSpec.integer(
            "contextSize",
            "context tokens",
            0,
            "0 (automatic) or 64..1048576",
            v -> v == 0 || (v >= 64 && v <= 1 << 20));
    static final OptionSpec<Boolean> GRAMMAR = OptionSpec.bool("grammar", "one-line grammar", true);
    static final OptionSpec<Double> TOP_P = OptionSpec.decimal("topP", "nucleus", 0.95, 0.0, 1.0);
    static final OptionSpec<Mode> OUTPUT = OptionSpec.oneOf("output", "how a line is made", Mode.GRAMMAR, Mode.class);
    static final OptionSpec<Path> LIB = OptionSpec.path("nativeLibPath", "a llama.cpp build");
    static final OptionSpec<String> ENDPOINT = OptionSpec.text("endpoint", "server URL", null);
    static final OptionSpec<String> EXTRA = OptionSpec.prefixed("extra.", "extra request field");
    static final EngineOptions OPTIONS =
            EngineOptions.of("test", THREADS, CONTEXT, GRAMMAR, TOP_P, OUTPUT, LIB, ENDPOINT, EXTRA);

    @Test
    void everyKindParsesItsValuesAndFallsBackToItsDefault() {
        OptionValues v = OPTIONS.parse(Map.of(
                "threads",
                " 8 ",
                "grammar",
                "FALSE",
                "topP",
                "0.5",
                "output",
                "Parser",
                "nativeLibPath",
                "/opt/llama",
                "extra.top_k",
                "5",
                "extra.min_p",
                "0.1"));
        assertEquals(8, v.get(THREADS));
        assertFalse(v.get(GRAMMAR));
        assertEquals(0.5, v.get(TOP_P));
        assertEquals(Mode.PARSER, v.get(OUTPUT));
        assertEquals(Path.of("/opt/llama"), v.get(LIB));
        assertEquals(Map.of("top_k", "5", "min_p", "0.1"), v.family(EXTRA));
        assertEquals(0, v.get(CONTEXT), "default");
        assertFalse(v.isSet(CONTEXT));
        assertTrue(v.isSet(THREADS));
        assertTrue(v.optional(ENDPOINT).isEmpty());
        ConfigurationException required = assertThrows(ConfigurationException.class, () -> v.get(ENDPOINT));
        assertTrue(required.getMessage().contains("needs the option endpoint"), required.getMessage());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "grammar|ture|option grammar must be true or false, got 'ture'",
                "grammar|1|option grammar must be true or false, got '1'",
                "grammar|yes|option grammar must be true or false, got 'yes'",
                "threads|two|option threads must be an integer, 1..512, got 'two'",
                "threads|0|option threads must be an integer, 1..512, got '0'",
                "threads|4.5|option threads must be an integer, 1..512, got '4.5'",
                "contextSize|10|option contextSize must be an integer, 0 (automatic) or 64..1048576, got '10'",
                "topP|1.5|option topP must be a number, 0.0..1.0, got '1.5'",
                "topP|NaN|option topP must be a number, 0.0..1.0, got 'NaN'",
                "output|grammer|option output must be one of grammar, parser, got 'grammer'",
                "endpoint|'  '|option endpoint must be non-blank text, got '  '",
            })
    void aBadValueNamesTheKeyTheValueAndTheAcceptedValues(String key, String value, String message) {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> OPTIONS.parse(Map.of(key, value)));
        assertEquals(ErrorCode.CONFIGURATION, e.code());
        assertEquals(message, e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "grammer|grammar",
                "thread|threads",
                "Threads|threads",
                "contextsize|contextSize",
                "ouptut|output",
            })
    void aMisspelledKeyNamesTheCloseKeysAndAllAccepted(String key, String suggestion) {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> OPTIONS.parse(Map.of(key, "1")));
        assertEquals(ErrorCode.CONFIGURATION, e.code());
        assertTrue(
                e.getMessage()
                        .startsWith(
                                "unknown option '" + key + "' for the test engine; did you mean '" + suggestion + "'"),
                e.getMessage());
        assertTrue(
                e.getMessage()
                        .endsWith(
                                "Accepted: threads, contextSize, grammar, topP, output, nativeLibPath, endpoint, extra.NAME"),
                e.getMessage());
    }

    @Test
    void aKeyFarFromEveryDeclaredOneListsTheAcceptedKeysOnly() {
        ConfigurationException e =
                assertThrows(ConfigurationException.class, () -> OPTIONS.parse(Map.of("temperature", "0")));
        assertEquals(
                "unknown option 'temperature' for the test engine. Accepted: threads, contextSize, grammar, topP, output,"
                        + " nativeLibPath, endpoint, extra.NAME",
                e.getMessage());
        assertThrows(ConfigurationException.class, () -> OPTIONS.parse(Map.of("extra.", "5")), "a prefix needs a name");
    }

    @Test
    void checkAppliesTheSameRuleToValuesSetInCode() {
        assertEquals(8, THREADS.check(8));
        assertEquals(
                "option threads must be an integer, 1..512, got '0'",
                assertThrows(ConfigurationException.class, () -> THREADS.check(0))
                        .getMessage());
    }

    @Test
    void describeSaysKeyAcceptedDefaultAndMeaning() {
        assertEquals("threads (an integer, 1..512; default 4): CPU threads", THREADS.describe());
        assertEquals("output (one of grammar, parser; default grammar): how a line is made", OUTPUT.describe());
        assertEquals("extra.NAME (text): extra request field", EXTRA.describe());
        assertEquals(8, OPTIONS.describe().lines().count());
    }

    @Test
    void declarationsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> EngineOptions.of("x", THREADS, THREADS));
        assertThrows(IllegalArgumentException.class, () -> OptionSpec.bool(" padded", "d", true));
        OptionValues none = EngineOptions.of("other").parse(Map.of());
        assertThrows(IllegalArgumentException.class, () -> none.get(THREADS), "a spec the engine did not declare");
        assertEquals(List.of(), EngineOptions.of("x").specs());
    }

    @Test
    void editDistance() {
        assertEquals(0, EngineOptions.distance("abc", "abc"));
        assertEquals(1, EngineOptions.distance("grammer", "grammar"));
        assertEquals(1, EngineOptions.distance("ouptut", "output"), "a swap of neighbours is one edit");
        assertEquals(1, EngineOptions.distance("bnak", "bank"));
        assertEquals(2, EngineOptions.distance("trheadz", "threads"));
        assertEquals(3, EngineOptions.distance("", "abc"));
    }
}
