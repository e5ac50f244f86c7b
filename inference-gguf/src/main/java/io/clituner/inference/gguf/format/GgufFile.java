package io.clituner.inference.gguf.format;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The header of a GGUF file, fully validated in Java before any native code opens the file:
 * metadata (scalars and strings kept, arrays only described), every tensor's type, shape and
 * position, and where the tensor data starts.
 *
 * @param metadata   scalar values as {@link Long}, {@link Double}, {@link Boolean} or {@link String}
 * @param arrays     array-valued keys, described by element type and length
 * @param dataOffset absolute file offset of the tensor data section
 */
public record GgufFile(
        Path path,
        long fileSize,
        int version,
        int alignment,
        Map<String, Object> metadata,
        Map<String, GgufArray> arrays,
        List<TensorInfo> tensors,
        long dataOffset) {

    public GgufFile {
        metadata = Map.copyOf(metadata);
        arrays = Map.copyOf(arrays);
        tensors = List.copyOf(tensors);
    }

    public Optional<String> string(String key) {
        return metadata.get(key) instanceof String s ? Optional.of(s) : Optional.empty();
    }

    public Optional<Long> integer(String key) {
        return metadata.get(key) instanceof Long l ? Optional.of(l) : Optional.empty();
    }

    /** {@code general.architecture} ("llama", "qwen2", "gemma2", "phi3"…); every loadable model has one. */
    public String architecture() {
        return string("general.architecture").orElse("unknown");
    }

    public Optional<String> name() {
        return string("general.name").filter(s -> !s.isBlank());
    }

    /** The context length the model was trained with ({@code <arch>.context_length}). */
    public Optional<Long> contextLength() {
        return integer(architecture() + ".context_length");
    }

    /** The Jinja chat template the model ships with, if any. */
    public Optional<String> chatTemplate() {
        return string("tokenizer.chat_template").filter(s -> !s.isBlank());
    }

    public long parameterCount() {
        long n = 0;
        for (TensorInfo t : tensors) {
            n += t.elements();
        }
        return n;
    }

    public long vocabularySize() {
        GgufArray tokens = arrays.get("tokenizer.ggml.tokens");
        return tokens == null ? 0 : tokens.length();
    }

    /**
     * The quantization label: from {@code general.file_type} when present, else the type holding the
     * most parameters (marked with a {@code ~} because several file types share tensor types).
     */
    public String quantization() {
        Optional<Long> ftype = integer("general.file_type");
        if (ftype.isPresent()) {
            return FileType.name(ftype.get());
        }
        Map<GgmlType, Long> byType = new java.util.EnumMap<>(GgmlType.class);
        for (TensorInfo t : tensors) {
            byType.merge(t.type(), t.elements(), Long::sum);
        }
        return byType.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .map(e -> "~" + e.getKey().name())
                .orElse("none");
    }
}
