package io.clituner.inference.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.util.Platform;
import org.junit.jupiter.api.Test;

class PyTorchGpuTest {
    @Test
    void agreesWithPyTorchItself() {
        assertEquals(DjlRuntime.mathDevice().isGpu(), PyTorchGpu.visible());
    }

    @Test
    void bundledCpuNativesRuleOutAGpuUnlessAnOverridePicksOtherNatives() {
        String flavor = Platform.detectPlatform("pytorch").getFlavor();
        assumeTrue(flavor.startsWith("cpu"), "PyTorch natives on the class path are " + flavor);
        assertTrue(PyTorchGpu.bundledNativesAreCpuOnly());
        assumeTrue(System.getenv("PYTORCH_LIBRARY_PATH") == null);
        System.setProperty("PYTORCH_LIBRARY_PATH", "/nonexistent/libtorch");
        try {
            // DJL's LibUtils would load libtorch from there, whatever its build: only PyTorch can tell.
            assertFalse(PyTorchGpu.bundledNativesAreCpuOnly());
        } finally {
            System.clearProperty("PYTORCH_LIBRARY_PATH");
        }
    }
}
