package io.clituner.provenance.registry;

import io.clituner.core.hash.Digests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small real artifacts and datasets on disk for registry tests. */
public final class Fixtures {
    private Fixtures() {}

    /** A model directory with a config, a tokenizer and a weights file whose bytes depend on {@code seed}. */
    public static Path modelDir(Path root, String name, int seed) throws IOException {
        Path dir = Files.createDirectories(root.resolve(name));
        Files.writeString(dir.resolve("config.json"), "{\"model_type\":\"qwen2\",\"seed\":" + seed + "}");
        Files.createDirectories(dir.resolve("tokenizer"));
        Files.writeString(dir.resolve("tokenizer/tokenizer.json"), "{\"vocab\":{\"ls\":1,\"grep\":2}}");
        byte[] weights = new byte[64 * 1024];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (byte) (i * 31 + seed);
        }
        Files.write(dir.resolve("model.safetensors"), weights);
        return dir;
    }

    public static String datasetDigest(Path root, String name, String content) throws IOException {
        Path f = root.resolve(name + ".jsonl");
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return Digests.sha256Hex(f);
    }
}
