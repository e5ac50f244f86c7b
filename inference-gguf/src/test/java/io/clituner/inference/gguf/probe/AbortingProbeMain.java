package io.clituner.inference.gguf.probe;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import io.clituner.inference.gguf.internal.binding.NativeLibrary;

/**
 * A probe child that dies the way a native bug kills a JVM: it loads the model and asks for token
 * probabilities, which de.kherud:llama 4.2.0 answers with a SIGABRT ({@code GGML_ASSERT} in its
 * JSON code; the defect {@code GgufEngine} avoids). Stands in for a model file that still reaches a llama.cpp bug.
 */
public final class AbortingProbeMain {
    private AbortingProbeMain() {}

    public static void main(String[] args) {
        NativeLibrary.ensureLoaded(null);
        try (LlamaModel model = new LlamaModel(new ModelParameters()
                .setModel(args[0])
                .setCtxSize(64)
                .setThreads(1)
                .disableLog())) {
            // The abort comes from a race in the binding's JSON code: about 6 calls in 7 die; 200 make it certain.
            for (int i = 0; i < 200; i++) {
                model.complete(new InferenceParameters("ls").setNPredict(2).setNProbs(3));
            }
        }
        System.out.println("PROBE OK");
        System.exit(0);
    }
}
