package io.clituner.inference.gguf.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.core.error.ErrorCode;
import io.clituner.core.error.ModelFileException;
import io.clituner.inference.gguf.SharedModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GgufReaderTest {
    private static final String CHATML =
            "{% for m in messages %}<|im_start|>{{ m.role }}\n{{ m.content }}<|im_end|>\n{% endfor %}";

    @TempDir
    Path dir;

    private static GgufWriter valid() {
        return new GgufWriter()
                .string("general.architecture", "llama")
                .string("general.name", "hand-written")
                .u32("llama.context_length", 128)
                .string("tokenizer.chat_template", CHATML)
                .stringArray("tokenizer.ggml.tokens", "<unk>", "<s>", "</s>")
                .f32Tensor("token_embd.weight", 4, 2)
                .f32Tensor("output_norm.weight", 8);
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private static ErrorCode codeOf(Path p) {
        return assertThrows(ModelFileException.class, () -> GgufReader.read(p)).code();
    }

    @Test
    void readsAHandWrittenHeader() throws IOException {
        GgufFile f = GgufReader.read(write("ok.gguf", valid().build()));
        assertEquals(3, f.version());
        assertEquals("llama", f.architecture());
        assertEquals("hand-written", f.name().orElseThrow());
        assertEquals(128L, f.contextLength().orElseThrow());
        assertEquals(CHATML, f.chatTemplate().orElseThrow());
        assertEquals(3, f.vocabularySize());
        assertEquals(16, f.parameterCount());
        assertEquals("~F32", f.quantization(), "without general.file_type the dominant tensor type is reported");
        assertEquals(List.of(4L, 2L), f.tensors().get(0).shape());
        assertEquals(32, f.tensors().get(1).offset(), "second tensor starts at the next 32-byte boundary");
    }

    @Test
    void fileTypeGivesTheQuantizationLabel() throws IOException {
        GgufFile f = GgufReader.read(
                write("q.gguf", valid().u32("general.file_type", 15).build()));
        assertEquals("Q4_K_M", f.quantization());
    }

    @Test
    void missingFileAndDirectoryAreNotFound() {
        assertEquals(ErrorCode.MODEL_NOT_FOUND, codeOf(dir.resolve("nope.gguf")));
        assertEquals(ErrorCode.MODEL_NOT_FOUND, codeOf(dir));
        assertEquals(
                ErrorCode.MODEL_NOT_FOUND,
                assertThrows(ModelFileException.class, () -> GgufReader.read(null))
                        .code());
    }

    @Test
    void emptyAndTinyFilesAreTruncated() throws IOException {
        ModelFileException e =
                assertThrows(ModelFileException.class, () -> GgufReader.read(write("empty.gguf", new byte[0])));
        assertEquals(ErrorCode.MODEL_TRUNCATED, e.code());
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
        assertEquals(ErrorCode.MODEL_TRUNCATED, codeOf(write("three.gguf", new byte[] {'G', 'G', 'U'})));
    }

    @Test
    void badMagicIsNotGguf() throws IOException {
        byte[] zip = valid().magic(0x04034b50).build();
        ModelFileException e = assertThrows(ModelFileException.class, () -> GgufReader.read(write("model.gguf", zip)));
        assertEquals(ErrorCode.MODEL_UNSUPPORTED, e.code());
        assertTrue(e.getMessage().contains("bad magic 0x504b0304"), e.getMessage());
        assertTrue(e.getMessage().contains("ZIP"), e.getMessage());
        assertEquals(ErrorCode.MODEL_UNSUPPORTED, codeOf(write("text.gguf", "hello, not a model at all".getBytes())));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 4, 99})
    void unsupportedVersions(int version) throws IOException {
        assertEquals(
                ErrorCode.MODEL_UNSUPPORTED,
                codeOf(write("v.gguf", valid().version(version).build())));
    }

    @Test
    void version2IsRead() throws IOException {
        assertEquals(
                2, GgufReader.read(write("v2.gguf", valid().version(2).build())).version());
    }

    /** Every cut inside the header (magic, counts, keys, values, the string array, tensor infos) is truncation. */
    @Test
    void everyTruncationOfTheHeaderIsDetected() throws IOException {
        byte[] full = valid().build(false);
        for (int cut = 1; cut < full.length - 31; cut += 3) {
            Path p = write("cut.gguf", Arrays.copyOf(full, cut));
            ModelFileException e = assertThrows(ModelFileException.class, () -> GgufReader.read(p), "cut at " + cut);
            assertEquals(ErrorCode.MODEL_TRUNCATED, e.code(), "cut at " + cut + ": " + e.getMessage());
        }
    }

    @Test
    void missingTensorDataIsTruncated() throws IOException {
        ModelFileException e = assertThrows(
                ModelFileException.class, () -> GgufReader.read(write("nodata.gguf", valid().build(false))));
        assertEquals(ErrorCode.MODEL_TRUNCATED, e.code());
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
        byte[] full = valid().build();
        assertEquals(ErrorCode.MODEL_TRUNCATED, codeOf(write("short.gguf", Arrays.copyOf(full, full.length - 1))));
    }

    @Test
    void unknownValueTypeIsCorrupt() throws IOException {
        assertEquals(
                ErrorCode.MODEL_CORRUPT,
                codeOf(write("t.gguf", valid().raw("x.y", 42, new byte[8]).build())));
    }

    @Test
    void tooManyDimensionsIsCorrupt() throws IOException {
        assertEquals(
                ErrorCode.MODEL_CORRUPT,
                codeOf(write(
                        "d.gguf", valid().tensor("big", 0, 64, 1, 1, 1, 1, 1).build())));
    }

    @Test
    void misplacedTensorOffsetIsCorrupt() throws IOException {
        assertEquals(
                ErrorCode.MODEL_CORRUPT,
                codeOf(write("o.gguf", valid().tensor("late", 0, 4096, 8).build())));
    }

    @Test
    void removedTensorTypeIsUnsupported() throws IOException {
        // type 4 (Q4_2) was removed from ggml long ago.
        assertEquals(
                ErrorCode.MODEL_UNSUPPORTED,
                codeOf(write("q42.gguf", valid().tensor("w", 4, 64, 32).build())));
    }

    @Test
    void rowsMustBeWholeBlocks() throws IOException {
        // Q4_0 (type 2) packs 32 values per block; a row of 10 cannot exist.
        assertEquals(
                ErrorCode.MODEL_CORRUPT,
                codeOf(write("blk.gguf", valid().tensor("w", 2, 64, 10).build())));
    }

    @Test
    void impossibleCountsAreCorrupt() throws IOException {
        byte[] b = valid().build();
        b[16] = (byte) 0xff; // metadata count: huge
        b[22] = (byte) 0x7f;
        assertEquals(ErrorCode.MODEL_CORRUPT, codeOf(write("count.gguf", b)));
    }

    @Test
    void duplicateKeysAndBadUtf8AreCorrupt() throws IOException {
        assertEquals(
                ErrorCode.MODEL_CORRUPT,
                codeOf(write("dup.gguf", valid().string("general.name", "again").build())));
        byte[] b = valid().build();
        b[32] = (byte) 0xff; // inside the first key, "general.architecture"
        assertEquals(ErrorCode.MODEL_CORRUPT, codeOf(write("utf8.gguf", b)));
    }

    @Test
    void aFileWithoutArchitectureIsNotALanguageModel() throws IOException {
        byte[] b = new GgufWriter()
                .string("general.name", "weights only")
                .f32Tensor("w", 8)
                .build();
        assertEquals(ErrorCode.MODEL_UNSUPPORTED, codeOf(write("noarch.gguf", b)));
    }

    @Test
    void readsTheRealStoriesModel() {
        GgufFile f = GgufReader.read(SharedModels.require(SharedModels.STORIES));
        assertEquals("llama", f.architecture());
        assertEquals(2048L, f.contextLength().orElseThrow());
        assertEquals(48, f.tensors().size());
        assertEquals(512, f.vocabularySize());
        assertEquals("~F32", f.quantization());
        long params = f.parameterCount();
        assertTrue(params > 200_000 && params < 320_000, "stories260K has about 260K parameters, read " + params);
    }

    @Test
    void truncatedCopyOfARealModelIsDetected() throws IOException {
        Path real = SharedModels.require(SharedModels.TINY_RANDOM);
        byte[] all = Files.readAllBytes(real);
        assertEquals(ErrorCode.MODEL_TRUNCATED, codeOf(write("half.gguf", Arrays.copyOf(all, all.length / 2))));
        assertEquals(ErrorCode.MODEL_TRUNCATED, codeOf(write("almost.gguf", Arrays.copyOf(all, all.length - 1))));
        assertEquals(ErrorCode.MODEL_TRUNCATED, codeOf(write("header.gguf", Arrays.copyOf(all, 1000))));
    }

    @Test
    void digestMatchesThePublishedSha256AndIsCached() {
        Path p = SharedModels.require(SharedModels.STORIES);
        String first = ModelDigests.sha256(p);
        assertEquals("270cba1bd5109f42d03350f60406024560464db173c0e387d91f0426d3bd256d", first);
        assertEquals(first, ModelDigests.sha256(p));
        assertTrue(ModelDigests.cachedCount() >= 1);
    }

    @Test
    void digestFollowsFileChanges() throws IOException {
        Path p = write("d.gguf", valid().build());
        String before = ModelDigests.sha256(p);
        Files.write(p, valid().u32("general.file_type", 1).build());
        String after = ModelDigests.sha256(p);
        assertTrue(!before.equals(after), "a rewritten file (new size) must be hashed again");
    }
}
