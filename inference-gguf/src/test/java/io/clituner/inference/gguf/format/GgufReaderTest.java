package io.clituner.inference.gguf.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.core.error.ErrorCode;
import io.clituner.core.error.ModelFileException;
import io.clituner.inference.gguf.SharedModels;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
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

    /** Every typed error of the header walk, with its code and its whole message (the file's path follows it). */
    static Stream<Arguments> headerErrors() {
        byte[] noData = valid().build(false);
        String truncated = "truncated GGUF file: ";
        String corrupt = "corrupt GGUF file: ";
        return Stream.of(
                row(
                        "empty",
                        new byte[0],
                        ErrorCode.MODEL_TRUNCATED,
                        truncated + "the file is empty (0 bytes): an interrupted download?: "),
                row(
                        "three bytes",
                        new byte[] {'G', 'G', 'U'},
                        ErrorCode.MODEL_TRUNCATED,
                        truncated + "the file has only 3 bytes, less than a GGUF magic number: "),
                row(
                        "zip magic",
                        valid().magic(0x04034b50).build(),
                        ErrorCode.MODEL_UNSUPPORTED,
                        "not a GGUF file (bad magic 0x504b0304: a ZIP archive, e.g. a PyTorch checkpoint;"
                                + " convert it to GGUF with llama.cpp) at "),
                row(
                        "version 1",
                        valid().version(1).build(),
                        ErrorCode.MODEL_UNSUPPORTED,
                        "GGUF version 1 is no longer supported by llama.cpp;"
                                + " convert the model again with a current llama.cpp: "),
                row(
                        "version 4",
                        valid().version(4).build(),
                        ErrorCode.MODEL_UNSUPPORTED,
                        "unsupported GGUF version 4 (this library reads versions 2 and 3): "),
                row(
                        "tensor count",
                        patchLong(valid().build(), 8, -1),
                        ErrorCode.MODEL_CORRUPT,
                        corrupt + "tensor count is 18446744073709551615, beyond any real model: "),
                row(
                        "metadata count",
                        patchLong(valid().build(), 16, (1L << 32) + 1),
                        ErrorCode.MODEL_CORRUPT,
                        corrupt + "metadata entry count is 4294967297, beyond any real model: "),
                row(
                        "empty key",
                        valid().string("", "x").build(),
                        ErrorCode.MODEL_CORRUPT,
                        corrupt + "metadata key #5 is empty: "),
                row(
                        "duplicate key",
                        valid().string("general.name", "again").build(),
                        ErrorCode.MODEL_CORRUPT,
                        corrupt + "duplicate metadata key 'general.name': "),
                row(
                        "unknown value type",
                        valid().raw("x.y", 42, new byte[8]).build(),
                        ErrorCode.MODEL_CORRUPT,
                        corrupt + "metadata key 'x.y' has unknown value type 42: "),
                row(
                        "unknown element type",
                        valid().raw("x.a", 9, le(77, 0)).build(),
                        ErrorCode.MODEL_CORRUPT,
                        corrupt + "metadata key 'x.a[]' has unknown value type 77: "),
                row(
                        "nested array",
                        valid().raw("x.a", 9, le(9, 4)).build(),
                        ErrorCode.MODEL_UNSUPPORTED,
                        "metadata key 'x.a' holds nested arrays, which llama.cpp does not read: "),
                row(
                        "array length",
                        valid().raw("x.a", 9, le(4, 1L << 40)).build(),
                        ErrorCode.MODEL_CORRUPT,
                        corrupt + "length of array 'x.a' is 1099511627776, beyond any real model: "),
                row(
                        "bool 2",
                        valid().raw("x.b", 7, new byte[] {2}).build(),
                        ErrorCode.MODEL_CORRUPT,
                        corrupt + "metadata key 'x.b' is a bool with value 2: "),
                row(
                        "alignment 48",
                        valid().u32("general.alignment", 48).build(),
                        ErrorCode.MODEL_CORRUPT,
                        corrupt + "general.alignment must be a power of two, got 48: "),
                row(
                        "alignment text",
                        valid().string("general.alignment", "x").build(),
                        ErrorCode.MODEL_CORRUPT,
                        corrupt + "general.alignment must be a power of two, got x: "),
                row(
                        "alignment 64",
                        valid().u32("general.alignment", 64).build(),
                        ErrorCode.MODEL_CORRUPT,
                        corrupt + "tensor 'output_norm.weight' starts at data offset 32, expected 64"
                                + " (tensors must be contiguous and aligned to 64 bytes): "),
                row(
                        "no architecture",
                        new GgufWriter().f32Tensor("w", 8).build(),
                        ErrorCode.MODEL_UNSUPPORTED,
                        "GGUF file has no general.architecture, so llama.cpp cannot load it as a language model: "),
                row(
                        "long tensor name",
                        valid().f32Tensor("n".repeat(64), 8).build(),
                        ErrorCode.MODEL_CORRUPT,
                        corrupt + "tensor #2 has a name of 64 characters (llama.cpp allows 63): "),
                row(
                        "duplicate tensor",
                        valid().f32Tensor("output_norm.weight", 8).build(),
                        ErrorCode.MODEL_CORRUPT,
                        corrupt + "duplicate tensor name 'output_norm.weight': "),
                row(
                        "no dimensions",
                        valid().tensor("none", 0, 64).build(),
                        ErrorCode.MODEL_CORRUPT,
                        corrupt + "tensor 'none' has 0 dimensions (1 to 4 allowed): "),
                row(
                        "five dimensions",
                        valid().tensor("big", 0, 64, 1, 1, 1, 1, 1).build(),
                        ErrorCode.MODEL_CORRUPT,
                        corrupt + "tensor 'big' has 5 dimensions (1 to 4 allowed): "),
                row(
                        "negative dimension",
                        valid().tensor("neg", 0, 64, 8, -1).build(),
                        ErrorCode.MODEL_CORRUPT,
                        corrupt + "tensor 'neg' has a negative dimension -1: "),
                row(
                        "shape overflow",
                        valid().tensor("huge", 0, 64, 1L << 40, 1L << 40).build(),
                        ErrorCode.MODEL_CORRUPT,
                        corrupt + "tensor 'huge' has an impossibly large shape [1099511627776]…: "),
                row(
                        "removed tensor type",
                        valid().tensor("w", 4, 64, 32).build(),
                        ErrorCode.MODEL_UNSUPPORTED,
                        "tensor 'w' has tensor type 4, which llama.cpp b4916 cannot load: "),
                row(
                        "partial block",
                        valid().tensor("w", 2, 64, 10).build(),
                        ErrorCode.MODEL_CORRUPT,
                        corrupt + "tensor 'w': row length 10 is not a multiple of the block size 32 of Q4_0: "),
                row(
                        "byte size overflow",
                        valid().tensor("w", 0, 64, 1L << 62).build(),
                        ErrorCode.MODEL_CORRUPT,
                        corrupt + "tensor 'w': long overflow: "),
                row(
                        "misplaced offset",
                        valid().tensor("late", 0, 4096, 8).build(),
                        ErrorCode.MODEL_CORRUPT,
                        corrupt + "tensor 'late' starts at data offset 4096, expected 64"
                                + " (tensors must be contiguous and aligned to 32 bytes): "),
                row(
                        "data overflow",
                        valid().tensor("w", 24, 64, Long.MAX_VALUE).build(),
                        ErrorCode.MODEL_CORRUPT,
                        corrupt + "tensor data of 'w' is impossibly large: "),
                row(
                        "missing data",
                        noData,
                        ErrorCode.MODEL_TRUNCATED,
                        truncated + "the tensors need " + (noData.length + 64) + " bytes but the file has only "
                                + noData.length + " (64 missing): an interrupted download or copy?: "));
    }

    private static Arguments row(String what, byte[] bytes, ErrorCode code, String message) {
        return Arguments.of(what, bytes, code, message);
    }

    /** A uint32 then a uint64, little-endian: an array's element type and length. */
    private static byte[] le(int u32, long u64) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GgufWriter.u32(out, u32);
        GgufWriter.u64(out, u64);
        return out.toByteArray();
    }

    private static byte[] patchLong(byte[] file, int at, long value) {
        ByteBuffer.wrap(file, at, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(value);
        return file;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("headerErrors")
    void headerErrorsAreTypedWithTheirMessage(String what, byte[] bytes, ErrorCode code, String message)
            throws IOException {
        Path p = write("e.gguf", bytes);
        ModelFileException e = assertThrows(ModelFileException.class, () -> GgufReader.read(p), what);
        assertEquals(code, e.code(), e.getMessage());
        assertEquals(message + p, e.getMessage());
    }

    @Test
    void smallIntegerArraysKeepTheirValuesOthersOnlyTheirLength() throws IOException {
        int[] many = new int[GgufArray.MAX_KEPT + 1];
        GgufFile f = GgufReader.read(write(
                "arrays.gguf",
                valid().i32Array("x.ints", 2, -4)
                        .i32Array("x.many", many)
                        .f32Array("x.floats", 1f, 2f)
                        .raw("x.flag", 7, new byte[] {1})
                        .f32("x.scale", 0.5f)
                        .string("x.long", "v".repeat((1 << 20) + 1))
                        .build()));
        assertEquals(List.of(2L, -4L), f.arrays().get("x.ints").values());
        assertEquals(new GgufArray(GgufValueType.INT32, many.length), f.arrays().get("x.many"));
        assertEquals(new GgufArray(GgufValueType.FLOAT32, 2), f.arrays().get("x.floats"));
        assertEquals(new GgufArray(GgufValueType.STRING, 3), f.arrays().get("tokenizer.ggml.tokens"));
        assertEquals(Boolean.TRUE, f.metadata().get("x.flag"));
        assertEquals(0.5, f.metadata().get("x.scale"));
        assertEquals(128L, f.metadata().get("llama.context_length"));
        assertTrue(!f.metadata().containsKey("x.long"), "a string over 1 MiB is checked, not kept");
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
