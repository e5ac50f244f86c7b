package io.clituner.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.clituner.core.NormalizedRequest;
import io.clituner.core.RawModelOutput;
import io.clituner.core.error.ConfigurationException;
import io.clituner.core.error.ErrorCode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InferenceEnginesTest {
    /** Registered in test resources under META-INF/services: supports only settings with a model. */
    public static final class EchoProvider implements InferenceEngineProvider {
        @Override
        public String name() {
            return "echo";
        }

        @Override
        public boolean supports(EngineSettings settings) {
            return settings.model().isPresent();
        }

        @Override
        public int priority() {
            return 10;
        }

        @Override
        public InferenceEngine open(EngineSettings settings) {
            return new InferenceEngine() {
                @Override
                public ModelIdentity model() {
                    return new ModelIdentity("echo", "1", "00", "echo", Map.of());
                }

                @Override
                public RawModelOutput generate(Prompt prompt, NormalizedRequest request) {
                    return new RawModelOutput(prompt.userMessage(), 1, "echo", 0, 0, Duration.ZERO, Map.of());
                }

                @Override
                public void close() {}
            };
        }
    }

    @Test
    void selectsBySupportAndByName() {
        assertEquals(
                "echo",
                InferenceEngines.select(EngineSettings.forModel(Path.of("m.gguf")))
                        .name());
        assertEquals(
                "echo",
                InferenceEngines.select(EngineSettings.builder().engine("ECHO").build())
                        .name());
    }

    @Test
    void unknownOrUnsupportedSettingsAreTypedErrors() {
        assertEquals(
                ErrorCode.ENGINE_NOT_FOUND,
                assertThrows(
                                ConfigurationException.class,
                                () -> InferenceEngines.select(
                                        EngineSettings.builder().engine("nope").build()))
                        .code());
        assertEquals(
                ErrorCode.ENGINE_NOT_FOUND,
                assertThrows(ConfigurationException.class, () -> InferenceEngines.select(EngineSettings.defaults()))
                        .code());
    }

    @Test
    void openChecksOptionsAgainstWhatTheEngineDeclares() {
        // echo declares no options: any key is refused before the engine opens, naming the engine
        ConfigurationException e = assertThrows(
                ConfigurationException.class,
                () -> InferenceEngines.open(EngineSettings.builder()
                        .model(Path.of("m.gguf"))
                        .option("threads", 2)
                        .build()));
        assertEquals(ErrorCode.CONFIGURATION, e.code());
        assertEquals("the echo engine takes no options, got 'threads'", e.getMessage());
        InferenceEngines.open(EngineSettings.forModel(Path.of("m.gguf"))).close();
    }

    @Test
    void settingsRefuseAnOptionGivenTwiceAndNulls() {
        EngineSettings.Builder b = EngineSettings.builder().option("threads", 2);
        assertEquals(
                "option threads was already set to 2",
                assertThrows(IllegalStateException.class, () -> b.option("threads", 3))
                        .getMessage());
        assertEquals(
                "value",
                assertThrows(NullPointerException.class, () -> b.option("seed", null))
                        .getMessage());
    }

    @Test
    void promptHashDependsOnRolesAndContent() {
        Prompt a = new Prompt(java.util.List.of(ChatMessage.system("s"), ChatMessage.user("u")), java.util.List.of());
        Prompt b = new Prompt(java.util.List.of(ChatMessage.system("s"), ChatMessage.user("u")), java.util.List.of());
        Prompt c = new Prompt(java.util.List.of(ChatMessage.user("s"), ChatMessage.user("u")), java.util.List.of());
        Prompt d = new Prompt(java.util.List.of(ChatMessage.system("su"), ChatMessage.user("")), java.util.List.of());
        assertEquals(a.sha256(), b.sha256());
        org.junit.jupiter.api.Assertions.assertNotEquals(a.sha256(), c.sha256());
        org.junit.jupiter.api.Assertions.assertNotEquals(a.sha256(), d.sha256());
    }
}
