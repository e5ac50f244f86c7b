package io.clituner.inference.djl.retrieval;

import io.clituner.core.NormalizedRequest;
import io.clituner.core.RawModelOutput;
import io.clituner.core.SafetyLevel;
import io.clituner.core.engine.ChatMessage;
import io.clituner.core.engine.EngineSettings;
import io.clituner.core.engine.FewShotExample;
import io.clituner.core.engine.InferenceEngine;
import io.clituner.core.engine.InferenceEngines;
import io.clituner.core.engine.Prompt;
import io.clituner.inference.djl.DjlRuntime;
import java.util.List;

/**
 * Run in a fresh JVM by {@link RetrievalEngineCpuStartTest} with a class-load log: phase one opens
 * the zero-configuration engine, answers a request and a few-shot query; then {@link PhaseTwo} is
 * loaded (its line in the log separates the phases) and starts PyTorch on purpose, proving that the
 * log would show a PyTorch load.
 */
public final class CpuStartChild {
    private CpuStartChild() {}

    public static void main(String[] args) {
        java.util.Map<Object, Object> before = new java.util.HashMap<>(System.getProperties());
        try (InferenceEngine engine = InferenceEngines.open(EngineSettings.defaults());
                EmbeddingFewShotSource fewShot = EmbeddingFewShotSource.builtIn()) {
            String query = "find all pdf files";
            RawModelOutput out = engine.generate(
                    new Prompt(List.of(ChatMessage.user(query)), List.of()),
                    NormalizedRequest.of(query, SafetyLevel.STRICT));
            List<FewShotExample> shots = fewShot.nearest("show disk space", 3);
            System.out.println("engine=" + engine.model().engine());
            System.out.println(
                    "backend=" + ((RetrievalEngine) engine).retriever().index().backend());
            System.out.println("answer=" + out.text());
            System.out.println("fewShot=" + shots.size());
        }
        // The library must not change the host's DJL or OnnxRuntime settings by default (DjlRuntime: opt-in only).
        java.util.List<String> changed = System.getProperties().entrySet().stream()
                .filter(e -> !java.util.Objects.equals(before.get(e.getKey()), e.getValue()))
                .map(e -> String.valueOf(e.getKey()))
                .filter(k -> k.startsWith("ai.djl")
                        || k.startsWith("DJL")
                        || k.startsWith("onnxruntime")
                        || k.startsWith("clituner"))
                .sorted()
                .toList();
        System.out.println("changedProperties=" + changed);
        System.out.println("hostDefaults=" + DjlRuntime.hostDefaultsApplied());
        System.out.println("phaseTwoDevice=" + PhaseTwo.startPyTorch());
    }

    /** Loaded only after phase one. */
    static final class PhaseTwo {
        static String startPyTorch() {
            return DjlRuntime.mathDevice().toString();
        }
    }
}
