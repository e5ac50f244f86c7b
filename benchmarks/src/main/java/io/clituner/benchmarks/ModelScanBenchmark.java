package io.clituner.benchmarks;

import io.clituner.core.hash.Digests;
import io.clituner.inference.gguf.format.GgufFile;
import io.clituner.inference.gguf.format.GgufReader;
import io.clituner.inference.gguf.format.ModelDigests;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What does checking every tensor value cost on top of the SHA-256 pass that reads the model
 * anyway? A 256 MiB GGUF with one tensor of the given type (random finite values), in the page
 * cache: {@code sha256} hashes the file alone, {@code sha256AndScan} is {@link ModelDigests}'s
 * single pass (hash + NaN/Inf/magnitude scan), uncached. Target: the scan within 10% of the hash.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class ModelScanBenchmark {
    @Param({"F16", "F32", "Q4_K"})
    public String type;

    private Path file;
    private GgufFile header;

    @Setup(Level.Trial)
    public void write() throws IOException {
        long cols = 4096;
        int typeId = switch (type) {
            case "F16" -> 1;
            case "F32" -> 0;
            default -> 12;
        };
        // About 256 MiB of tensor data each: 2 or 4 bytes per weight, Q4_K 144 bytes per 256 weights.
        long rows = switch (type) {
            case "F16" -> 32768;
            case "F32" -> 16384;
            default -> 116_480;
        };
        long bytes = type.equals("Q4_K") ? cols * rows / 256 * 144 : cols * rows * (typeId == 1 ? 2 : 4);
        file = Files.createTempFile("clituner-scan", ".gguf");
        ByteBuffer h = ByteBuffer.allocate(256).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(0x46554747).putInt(3).putLong(1).putLong(1);
        byte[] key = "general.architecture".getBytes(StandardCharsets.US_ASCII);
        byte[] arch = "bench".getBytes(StandardCharsets.US_ASCII);
        h.putLong(key.length).put(key).putInt(8).putLong(arch.length).put(arch);
        byte[] name = "w.weight".getBytes(StandardCharsets.US_ASCII);
        h.putLong(name.length)
                .put(name)
                .putInt(2)
                .putLong(cols)
                .putLong(rows)
                .putInt(typeId)
                .putLong(0);
        while (h.position() % 32 != 0) {
            h.put((byte) 0);
        }
        Random rnd = new Random(1);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            out.write(h.array(), 0, h.position());
            ByteBuffer chunk = ByteBuffer.allocate(144 * 4096).order(ByteOrder.LITTLE_ENDIAN);
            for (long written = 0; written < bytes; written += chunk.capacity()) {
                chunk.clear();
                while (chunk.hasRemaining()) {
                    switch (type) {
                        case "F16" -> chunk.putShort((short) (0x3c00 ^ rnd.nextInt(0x3ff)));
                        case "F32" -> chunk.putFloat((float) rnd.nextGaussian());
                        default -> {
                            chunk.putShort((short) 0x2000).putShort((short) 0x2000); // d, dmin
                            for (int i = 4; i < 144; i++) {
                                chunk.put((byte) rnd.nextInt(256));
                            }
                        }
                    }
                }
                out.write(chunk.array(), 0, (int) Math.min(chunk.capacity(), bytes - written));
            }
        }
        header = GgufReader.read(file);
    }

    @Benchmark
    public String sha256() throws IOException {
        return Digests.sha256Hex(file);
    }

    @Benchmark
    public String sha256AndScan() {
        return ModelDigests.rehash(header);
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        Files.deleteIfExists(file);
    }
}
