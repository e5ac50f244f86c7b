package io.clituner.inference.gguf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.inference.gguf.format.GgufFile;
import io.clituner.inference.gguf.format.GgufReader;
import io.clituner.inference.gguf.format.TensorInfo;
import io.clituner.inference.gguf.format.TinyLlama;
import io.clituner.inference.gguf.internal.binding.LoadedModelCache;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No model file kills the host: each open either succeeds or throws a typed error. Files crafted
 * to abort llama.cpp, and seeded random corruptions, are opened (and a few tokens generated with
 * the grammar on, where NaN logits used to abort) in child JVMs, a batch per JVM; a JVM killed by
 * native code is noticed, its file recorded, and the batch resumed after it.
 */
class ModelFileCrashTest {
    /** Files per child JVM: each loaded tiny model holds ~40 MB of native memory until the JVM ends. */
    private static final int BATCH = 25;

    @TempDir
    Path tmp;

    private record Outcome(String result, String output) {}

    @Test
    void craftedAndCorruptedFilesWrittenAtTestTimeNeverKillTheJvm() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(
                "norm tensor declared I32",
                TinyLlama.model().tensorType("blk.0.attn_norm.weight", 26).build());
        files.put("block_count = 0", TinyLlama.model().blockCount(0).build());
        files.put("rms epsilon NaN", TinyLlama.model().rmsEpsilon(Float.NaN).build());
        files.put(
                "all-NaN token_embd",
                TinyLlama.model().fillHalf("token_embd.weight", (short) 0x7e00).build());
        files.put(
                "output.weight filled with 0x7F",
                TinyLlama.model().fill("output.weight", (byte) 0x7f).build());
        files.put(
                "F32 output.weight filled with 0x7F (finite 3.39e38)",
                TinyLlama.model()
                        .f32Weights()
                        .fill("output.weight", (byte) 0x7f)
                        .build());
        files.put(
                "BOS outside the vocabulary",
                TinyLlama.model().tokenId("bos", 5000).build());
        files.put(
                "EOS outside the vocabulary",
                TinyLlama.model().tokenId("eos", 5000).build());
        files.put(
                "UNK outside the vocabulary",
                TinyLlama.model().tokenId("unknown", 5000).build());
        int crafted = files.size();
        byte[] good = TinyLlama.model().build();
        files.put("the unchanged model", good);
        files.put(
                "the unchanged model with F32 weights",
                TinyLlama.model().f32Weights().build());
        long dataOffset = header(good).dataOffset();
        for (long seed = 1; seed <= 40; seed++) {
            ModelCorruptions.Corrupted c = ModelCorruptions.random(good, dataOffset, seed);
            files.put("written model, " + c.description(), c.bytes());
        }
        Map<String, Outcome> outcomes = probe(files, crafted);
        assertEquals(
                "LOADED", outcomes.get("the unchanged model").result(), "the written model is a real, loadable one");
        assertEquals(
                "LOADED", outcomes.get("the unchanged model with F32 weights").result());
    }

    @Test
    void seededCorruptionsOfTheSharedTinyModelNeverKillTheJvm() throws Exception {
        Path shared = SharedModels.require(SharedModels.TINY_RANDOM);
        byte[] good = Files.readAllBytes(shared);
        GgufFile h = GgufReader.read(shared);
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("norm tensor declared I32", ModelCorruptions.setTensorType(good, "blk.0.attn_norm.weight", 26));
        files.put("block_count = 0", ModelCorruptions.setMetadata(good, "llama.block_count", 0));
        files.put(
                "rms epsilon NaN",
                ModelCorruptions.setMetadata(good, "llama.attention.layer_norm_rms_epsilon", 0x7fc00000));
        TensorInfo embd = tensor(h, "token_embd.weight");
        files.put(
                "all-NaN token_embd",
                ModelCorruptions.fillHalf(good, h.dataOffset() + embd.offset(), embd.bytes(), (short) 0x7e00));
        TensorInfo output = tensor(h, "output.weight");
        files.put(
                "output.weight filled with 0x7F",
                ModelCorruptions.fill(good, h.dataOffset() + output.offset(), output.bytes(), (byte) 0x7f));
        files.put(
                "BOS outside the vocabulary",
                ModelCorruptions.setMetadata(good, "tokenizer.ggml.bos_token_id", 40_000));
        files.put(
                "EOS outside the vocabulary",
                ModelCorruptions.setMetadata(good, "tokenizer.ggml.eos_token_id", 40_000));
        files.put(
                "UNK outside the vocabulary",
                ModelCorruptions.setMetadata(good, "tokenizer.ggml.unknown_token_id", 40_000));
        int crafted = files.size();
        for (long seed = 1; seed <= 100; seed++) {
            ModelCorruptions.Corrupted c = ModelCorruptions.random(good, h.dataOffset(), seed);
            files.put("shared tiny model, " + c.description(), c.bytes());
        }
        Map<String, Outcome> outcomes = probe(files, crafted);
    }

    private static TensorInfo tensor(GgufFile h, String name) {
        return h.tensors().stream()
                .filter(t -> t.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private GgufFile header(byte[] bytes) throws IOException {
        return GgufReader.read(Files.write(tmp.resolve("header.gguf"), bytes));
    }

    /**
     * Writes the files, opens them in child JVMs and fails with every file that killed one or got an
     * untyped error, and unless each of the first {@code crafted} files was refused typed.
     */
    private Map<String, Outcome> probe(Map<String, byte[]> files, int crafted)
            throws IOException, InterruptedException {
        List<String> names = new ArrayList<>(files.keySet());
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            paths.add(Files.write(tmp.resolve("m" + i + ".gguf"), files.get(names.get(i)))
                    .toString());
        }
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        for (int start = 0; start < paths.size(); start += BATCH) {
            Path list =
                    Files.write(tmp.resolve("batch.txt"), paths.subList(start, Math.min(paths.size(), start + BATCH)));
            int next = 0;
            int size = Math.min(BATCH, paths.size() - start);
            while (next < size) {
                List<String> lines = new ArrayList<>();
                int exit = runChild(list, next, lines);
                int begun = -1;
                for (String line : lines) {
                    String[] w = line.split(" ", 3);
                    if (w[0].equals("BEGIN")) {
                        begun = Integer.parseInt(w[1]);
                    } else if (w[0].equals("LOADED") || w[0].equals("TYPED") || w[0].equals("UNTYPED")) {
                        int i = Integer.parseInt(w[1]);
                        String name = names.get(start + i);
                        String result = w[0] + (w.length > 2 ? " " + w[2] : "");
                        outcomes.put(name, new Outcome(result, line));
                        if (w[0].equals("UNTYPED")) {
                            failures.add(name + ": " + line);
                        }
                        next = i + 1;
                    }
                }
                if (!lines.contains("END")) {
                    int dead = Math.max(begun, next);
                    String name = names.get(start + dead);
                    String tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 8), lines.size()));
                    outcomes.put(name, new Outcome("KILLED exit " + exit, tail));
                    failures.add(name + ": the JVM died (exit " + exit + ")\n" + tail);
                    next = dead + 1;
                } else {
                    next = size;
                }
            }
        }
        long typed = outcomes.values().stream()
                .filter(o -> o.result().startsWith("TYPED"))
                .count();
        long loaded = outcomes.values().stream()
                .filter(o -> o.result().startsWith("LOADED"))
                .count();
        System.out.println(files.size() + " model files: " + typed + " typed errors, " + loaded
                + " loaded and generated, " + failures.size() + " failures");
        assertTrue(
                failures.isEmpty(),
                failures.size() + " file(s) killed the JVM or failed untyped:\n" + String.join("\n\n", failures));
        assertEquals(files.size(), outcomes.size());
        for (String name : names.subList(0, crafted)) {
            assertTrue(
                    outcomes.get(name).result().matches("TYPED MODEL_(CORRUPT|UNSUPPORTED)"),
                    name + ": " + outcomes.get(name));
        }
        return outcomes;
    }

    private int runChild(Path list, int from, List<String> lines) throws IOException, InterruptedException {
        ChildJvm.Result r = ChildJvm.of(ModelFilesProbeMain.class, list.toString(), Integer.toString(from))
                .option("-Xmx256m")
                .option("-Dde.kherud.llama.tmpdir="
                        + System.getProperty("de.kherud.llama.tmpdir", System.getProperty("java.io.tmpdir")))
                .option("-D" + LoadedModelCache.MAX_LOADED_PROPERTY + "=" + BATCH)
                .option("-Dorg.slf4j.simpleLogger.defaultLogLevel=off")
                .mergeErrors()
                .run(tmp, Duration.ofSeconds(180));
        lines.addAll(r.outLines(StandardCharsets.ISO_8859_1));
        return r.exit(); // -1 when it hung and was killed: a hang counts like a crash, the file is reported
    }
}
