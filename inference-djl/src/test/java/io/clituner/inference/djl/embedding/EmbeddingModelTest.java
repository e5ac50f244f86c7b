package io.clituner.inference.djl.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.core.error.ErrorCode;
import io.clituner.core.error.InferenceException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmbeddingModelTest {
    private static EmbeddingModel model;

    @BeforeAll
    static void open() {
        model = EmbeddingModel.open();
    }

    @AfterAll
    static void close() {
        model.close();
    }

    static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Test
    void embeddingsAreUnitVectorsOfTheModelsDimension() {
        float[] v = model.embed("list all files in the current directory");
        assertEquals(384, model.dimension());
        assertEquals(384, v.length);
        assertEquals(1.0, dot(v, v), 1e-4);
    }

    @Test
    void paraphrasesAreCloserThanUnrelatedRequests() {
        float[] a = model.embed("find all pdf files");
        float[] b = model.embed("search for every PDF document in this folder");
        float[] c = model.embed("show the ip address of this machine");
        assertTrue(dot(a, b) > dot(a, c) + 0.2, "paraphrase " + dot(a, b) + " vs unrelated " + dot(a, c));
    }

    @Test
    void batchedEmbeddingsMatchSingleOnesDespitePadding() {
        // Dynamic int8 quantization scales activations per batch, so padding shifts values slightly:
        // the direction must stay the same, not every bit.
        List<String> texts =
                List.of("count lines in a file", "show disk usage of the home directory sorted by size", "git status");
        float[][] batch = model.embedAll(texts);
        for (int i = 0; i < texts.size(); i++) {
            double cos = dot(model.embed(texts.get(i)), batch[i]);
            assertTrue(cos > 0.98, texts.get(i) + " cos=" + cos);
        }
        assertEquals(0, model.embedAll(List.of()).length);
    }

    @Test
    void modelIsIdentifiedByTheHashOfItsOnnxFile() {
        assertTrue(model.sha256().matches("[0-9a-f]{64}"));
        assertEquals("all-minilm-l6-v2-q", model.modelId());
    }

    @Test
    void useAfterCloseIsATypedError() {
        EmbeddingModel other = EmbeddingModel.open(1);
        other.close();
        InferenceException e = assertThrows(InferenceException.class, () -> other.embed("x"));
        assertEquals(ErrorCode.ENGINE_CLOSED, e.code());
    }
}
