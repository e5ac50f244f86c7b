package io.clituner.inference.djl.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clituner.core.RawModelOutput;
import io.clituner.core.engine.EngineSettings;
import io.clituner.core.engine.InferenceEngine;
import io.clituner.core.engine.InferenceEngines;
import io.clituner.core.error.NoSuggestionException;
import io.clituner.inference.djl.internal.action.CommandEffects;
import io.clituner.inference.djl.internal.action.Effect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * No returned answer inverts the action of the evaluation set's references (judged by effects of the
 * parsed commands, independent of how the engine reads the request): no encode for a decode, no
 * compress for an extract, no removal or kill where every reference only reads, no create-only
 * answer where the references remove.
 */
class NoInversionOnEvalSetTest {
    private static final Path SET = Path.of("../benchmarks/eval/clituner-eval-v1.jsonl");

    @Test
    void noAnswerInvertsTheReferencesAction() throws IOException {
        Assumptions.assumeTrue(Files.isRegularFile(SET), "skipped: no evaluation set at " + SET.toAbsolutePath());
        ObjectMapper json = new ObjectMapper();
        CommandEffects effects = new CommandEffects();
        List<String> inverted = new ArrayList<>();
        int answered = 0;
        try (InferenceEngine engine = InferenceEngines.open(EngineSettings.defaults())) {
            for (String line : Files.readAllLines(SET)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                JsonNode task = json.readTree(line);
                String query = task.get("query").asText();
                RawModelOutput out;
                try {
                    out = RetrievalEngineTest.ask(engine, query);
                } catch (NoSuggestionException e) {
                    continue;
                }
                answered++;
                Set<Effect> answer = effects.effects(out.text());
                Set<Effect> reference = EnumSet.noneOf(Effect.class);
                for (JsonNode r : task.get("references")) {
                    reference.addAll(effects.effects(r.asText()));
                }
                String why = inversion(reference, answer);
                if (why != null) {
                    inverted.add(task.get("id").asText() + " '" + query + "' → " + out.text() + ": " + why);
                }
            }
        }
        assertTrue(answered > 100, "answered " + answered);
        assertEquals(List.of(), inverted);
    }

    @Test
    void inversionIsAnOppositeEffectNoReferenceHas() {
        assertEquals(
                "compresses where the reference extracts",
                inversion(EnumSet.of(Effect.EXTRACT), EnumSet.of(Effect.COMPRESS)));
        assertEquals(
                "decodes where the reference encodes", inversion(EnumSet.of(Effect.ENCODE), EnumSet.of(Effect.DECODE)));
        // make an archive, then list it: an answer that only makes the archive is incomplete, not inverted
        assertEquals(null, inversion(EnumSet.of(Effect.COMPRESS, Effect.EXTRACT), EnumSet.of(Effect.COMPRESS)));
        assertEquals(
                "removes or kills where the reference only reads",
                inversion(EnumSet.noneOf(Effect.class), EnumSet.of(Effect.REMOVE)));
    }

    /**
     * An inversion is an effect the answer has and no reference has, opposite to one the references
     * have. A reference that both compresses and extracts (make an archive, then list it) is only
     * partly answered by a command that compresses: incomplete, not inverted.
     */
    static String inversion(Set<Effect> reference, Set<Effect> answer) {
        if (opposite(reference, answer, Effect.DECODE, Effect.ENCODE)) {
            return "encodes where the reference decodes";
        }
        if (opposite(reference, answer, Effect.ENCODE, Effect.DECODE)) {
            return "decodes where the reference encodes";
        }
        if (opposite(reference, answer, Effect.EXTRACT, Effect.COMPRESS)) {
            return "compresses where the reference extracts";
        }
        if (opposite(reference, answer, Effect.COMPRESS, Effect.EXTRACT)) {
            return "extracts where the reference compresses";
        }
        if (reference.isEmpty() && (answer.contains(Effect.REMOVE) || answer.contains(Effect.TERMINATE))) {
            return "removes or kills where the reference only reads";
        }
        if (reference.contains(Effect.REMOVE) && !answer.contains(Effect.REMOVE) && answer.contains(Effect.CREATE)) {
            return "creates where the reference removes";
        }
        return null;
    }

    private static boolean opposite(Set<Effect> reference, Set<Effect> answer, Effect wanted, Effect inverse) {
        return reference.contains(wanted)
                && !reference.contains(inverse)
                && answer.contains(inverse)
                && !answer.contains(wanted);
    }
}
