package io.clituner.inference.gguf;

import io.clituner.inference.gguf.format.GgufFile;
import java.util.LinkedHashMap;
import java.util.Map;

/** What both GGUF engines record about a model file in their {@link io.clituner.core.engine.ModelIdentity}. */
public final class ModelFacts {
    private ModelFacts() {}

    /** The model's name from its header, else the file name without {@code .gguf}. */
    public static String id(GgufFile header) {
        String fileName = header.path().getFileName().toString();
        return header.name()
                .orElse(fileName.endsWith(".gguf") ? fileName.substring(0, fileName.length() - 5) : fileName);
    }

    /** Architecture, quantization, sizes and file facts, in a stable order; engines append their own entries. */
    public static Map<String, String> of(GgufFile header) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("architecture", header.architecture());
        meta.put("quantization", header.quantization());
        meta.put("parameterCount", Long.toString(header.parameterCount()));
        header.contextLength().ifPresent(c -> meta.put("contextLength", Long.toString(c)));
        header.name().ifPresent(n -> meta.put("name", n));
        meta.put("fileName", header.path().getFileName().toString());
        meta.put("fileSize", Long.toString(header.fileSize()));
        meta.put("ggufVersion", Integer.toString(header.version()));
        meta.put("tensorCount", Integer.toString(header.tensors().size()));
        meta.put("vocabularySize", Long.toString(header.vocabularySize()));
        return meta;
    }
}
