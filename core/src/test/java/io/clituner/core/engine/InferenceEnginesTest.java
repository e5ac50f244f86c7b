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
        assertEquals("echo", InferenceEngines.select(EngineSettings.forModel(Path.of("m.gguf"))).name());
        assertEquals("echo", InferenceEngines.select(EngineSettings.builder().engine("ECHO").build()).name());
    }

    @Test
    void unknownOrUnsupportedSettingsAreTypedErrors() {
        assertEquals(ErrorCode.ENGINE_NOT_FOUND, assertThrows(ConfigurationException.class,
                () -> InferenceEngines.select(EngineSettings.builder().engine("nope").build())).code());
        assertEquals(ErrorCode.ENGINE_NOT_FOUND, assertThrows(ConfigurationException.class,
                () -> InferenceEngines.select(EngineSettings.defaults())).code());
    }

    @Test
    void badIntegerOptionIsConfigurationError() {
        EngineSettings s = EngineSettings.builder().option("threads", "two").build();
        assertEquals(ErrorCode.CONFIGURATION, assertThrows(ConfigurationException.class, () -> s.intOption("threads", 1)).code());
        assertEquals(3, EngineSettings.builder().option("threads", 3).build().intOption("threads", 1));
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
