package io.clituner.inference.djl.bank;

import io.clituner.inference.djl.embedding.EmbeddingModel;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embeddings of a bank's requests, computed once and cached on disk under
 * {@code <cacheDir>/<model sha256 prefix>-<recipe>-<bank sha256>.f32}: a changed bank, model or
 * embedding recipe gets a new
 * file, so a cached matrix can never belong to other content. A corrupt or truncated cache file
 * is ignored and rewritten.
 */
public final class BankEmbeddings {
    private static final Logger LOG = LoggerFactory.getLogger(BankEmbeddings.class);
    private static final int MAGIC = 0x43544531; // "CTE1"
    /** Bump when the way texts are embedded changes (pooling, batching), so old caches are not reused. */
    static final String RECIPE = "mean-l2-lensorted";

    private BankEmbeddings() {}

    /** Row i is the unit-length embedding of {@code bank.get(i).query()}. */
    public static float[][] load(EmbeddingModel model, ExampleBank bank, Path cacheDir) {
        Path file = cacheDir.resolve(model.sha256().substring(0, 16) + "-" + RECIPE + "-" + bank.sha256() + ".f32");
        float[][] cached = read(file, bank.size(), model.dimension());
        if (cached != null) {
            return cached;
        }
        long start = System.nanoTime();
        float[][] vectors = model.embedAll(bank.queries());
        LOG.info(
                "embedded bank '{}' ({} examples) in {} ms",
                bank.name(),
                bank.size(),
                (System.nanoTime() - start) / 1_000_000);
        write(file, vectors, model.dimension());
        return vectors;
    }

    /** The cached vectors, or null when the cache is missing, stale or unreadable. */
    static float @Nullable [][] read(Path file, int rows, int dim) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (InputStream raw = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(raw)) {
            if (in.readInt() != MAGIC || in.readInt() != rows || in.readInt() != dim) {
                LOG.warn("ignoring embedding cache {} (header does not match the bank)", file);
                return null;
            }
            byte[] bytes = in.readNBytes(rows * dim * Float.BYTES);
            if (bytes.length != rows * dim * Float.BYTES) {
                LOG.warn("ignoring truncated embedding cache {}", file);
                return null;
            }
            ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            float[][] out = new float[rows][dim];
            for (float[] row : out) {
                buf.asFloatBuffer().get(row);
                buf.position(buf.position() + dim * Float.BYTES);
            }
            return out;
        } catch (IOException e) {
            LOG.warn("ignoring unreadable embedding cache {}: {}", file, e.toString());
            return null;
        }
    }

    static void write(Path file, float[][] vectors, int dim) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "bank", ".tmp");
            try (OutputStream raw = Files.newOutputStream(tmp);
                    DataOutputStream out = new DataOutputStream(raw)) {
                out.writeInt(MAGIC);
                out.writeInt(vectors.length);
                out.writeInt(dim);
                ByteBuffer buf = ByteBuffer.allocate(dim * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
                for (float[] row : vectors) {
                    buf.clear();
                    buf.asFloatBuffer().put(row);
                    out.write(buf.array());
                }
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            // A cache that cannot be written only costs time on the next start.
            LOG.warn("cannot cache bank embeddings at {}: {}", file, e.toString());
        }
    }
}
