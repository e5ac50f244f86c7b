package io.clituner.inference.djl.bank;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.clituner.inference.djl.embedding.EmbeddingModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BankEmbeddingsTest {
    @Test
    void embeddingsAreCachedByContentAndACorruptCacheIsRecomputed(@TempDir Path dir) throws IOException {
        ExampleBank bank = ExampleBank.of(
                "t", List.of(new String[] {"list files", "ls"}, new String[] {"show disk space", "df -h"}));
        try (EmbeddingModel model = EmbeddingModel.open(1)) {
            float[][] first = BankEmbeddings.load(model, bank, dir);
            Path file;
            try (Stream<Path> files = Files.list(dir)) {
                file = files.filter(p -> p.toString().endsWith(".f32"))
                        .findFirst()
                        .orElseThrow();
            }
            assertEquals(
                    model.sha256().substring(0, 16) + "-" + BankEmbeddings.RECIPE + "-" + bank.sha256() + ".f32",
                    file.getFileName().toString());
            float[][] again = BankEmbeddings.read(file, 2, model.dimension());
            assertArrayEquals(first[1], again[1]);
            assertNull(
                    BankEmbeddings.read(file, 3, model.dimension()), "a header for another bank must not be accepted");

            Files.write(file, new byte[] {1, 2, 3});
            float[][] recomputed = BankEmbeddings.load(model, bank, dir);
            assertArrayEquals(first[0], recomputed[0], 1e-6f);
            assertEquals(12 + 2 * model.dimension() * 4, Files.size(file));
        }
    }
}
