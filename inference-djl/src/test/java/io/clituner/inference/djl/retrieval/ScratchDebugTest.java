package io.clituner.inference.djl.retrieval;

import io.clituner.inference.djl.adapt.SlotAdapter;
import io.clituner.inference.djl.bank.ExampleBank;
import org.junit.jupiter.api.Test;

class ScratchDebugTest {
    @Test
    void dump() {
        try (ExampleRetriever r = ExampleRetriever.open(ExampleBank.builtIn())) {
            SlotAdapter a = new SlotAdapter();
            for (String q : System.getProperty("q", "count lines in main.py").split(";")) {
                System.out.println("== " + q);
                for (RetrievedExample h : r.nearest(q, 12)) {
                    SlotAdapter.Adaptation ad = a.adapt(q, h.example().query(), h.example().command());
                    System.out.printf("%.3f %s | %s -> %s cov=%.2f%n", h.similarity(), h.example().query(), h.example().command(), ad.command(), ad.coverage());
                }
            }
        }
    }
}
