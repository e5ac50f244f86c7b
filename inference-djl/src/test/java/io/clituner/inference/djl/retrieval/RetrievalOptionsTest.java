package io.clituner.inference.djl.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.core.engine.EngineSettings;
import io.clituner.core.engine.InferenceEngines;
import io.clituner.core.engine.options.EngineOptions;
import io.clituner.core.engine.options.OptionSpec;
import io.clituner.core.error.ConfigurationException;
import io.clituner.core.error.ErrorCode;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every option of the retrieval engine, as a table; no model is opened (options are read before). */
class RetrievalOptionsTest {
    private static final EngineOptions OPTIONS = new RetrievalEngineProvider().options();

    /** key | a good value | a bad value | what the error says is accepted. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "bank|my-bank.tsv|' '|a path",
                "builtinBank|false|flase|true or false",
                "minSimilarity|0.6|high|a number, -1.0..1.0",
                "tldrCache|/home/me/.cache/tldr|' '|true, false or a directory",
                "installedOnly|TRUE|yes|true or false",
                "confidenceThreshold|0.3|1.5|a number, 0.0..1.0",
            })
    void everyKeyParsesAndABadValueNamesTheKeyAndTheAcceptedValues(
            String key, String good, String bad, String accepted) {
        OPTIONS.parse(Map.of(key, good));
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> OPTIONS.parse(Map.of(key, bad)));
        assertEquals(ErrorCode.CONFIGURATION, e.code());
        assertEquals("option " + key + " must be " + accepted + ", got '" + bad + "'", e.getMessage());
    }

    @Test
    void theTableCoversEveryDeclaredKey() {
        assertEquals(
                Set.of("bank", "builtinBank", "minSimilarity", "tldrCache", "installedOnly", "confidenceThreshold"),
                OPTIONS.specs().stream().map(OptionSpec::key).collect(Collectors.toSet()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "minSimilarty|minSimilarity",
                "installedonly|installedOnly",
                "bnak|bank",
                "tldr-cache|tldrCache",
            })
    void aMisspelledKeyIsRefusedBeforeTheEngineOpens(String key, String meant) {
        // through the SPI entry point, as a host would: nothing starts, the error names the close key
        ConfigurationException e = assertThrows(
                ConfigurationException.class,
                () -> InferenceEngines.open(
                        EngineSettings.builder().option(key, "true").build()));
        assertTrue(
                e.getMessage()
                        .startsWith(
                                "unknown option '" + key + "' for the retrieval engine; did you mean '" + meant + "'"),
                e.getMessage());
        assertTrue(
                e.getMessage()
                        .endsWith(
                                "Accepted: bank, builtinBank, minSimilarity, tldrCache, installedOnly, confidenceThreshold"),
                e.getMessage());
    }

    @Test
    void aGenerativeEnginesOptionIsNotSilentlyIgnoredByTheDefaultEngine() {
        ConfigurationException e = assertThrows(
                ConfigurationException.class,
                () -> InferenceEngines.open(
                        EngineSettings.builder().option("threads", 2).build()));
        assertTrue(e.getMessage().startsWith("unknown option 'threads' for the retrieval engine"), e.getMessage());
    }
}
