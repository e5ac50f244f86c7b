package io.clituner.inference.gguf.internal.binding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.kherud.llama.LlamaModel;
import io.clituner.inference.gguf.ChildJvm;
import io.clituner.inference.gguf.GgufEngine;
import io.clituner.inference.gguf.format.TinyLlama;
import java.io.IOException;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cache that shields de.kherud:llama's per-close leak cannot be bypassed through the API
 * and bounds what stays loaded. The behaviour runs in a JVM of its own (the cache is one per
 * process and reads its limits once) on a model written at test time.
 */
class LoadedModelCacheBoundsTest {
    @TempDir
    Path tmp;

    @Test
    void loadsAndEvictionsAreBoundedAndIdleOnlyEvictionKeepsEnginesWorking() throws IOException, InterruptedException {
        Path model = TinyLlama.model().write(tmp.resolve("tiny.gguf"));
        ChildJvm.Result r = ChildJvm.of(CacheBoundsMain.class, model.toString())
                .option("-Dde.kherud.llama.tmpdir="
                        + System.getProperty(
                                "de.kherud.llama.tmpdir", tmp.resolve("natives").toString()))
                .option("-D" + LoadedModelCache.MAX_LOADED_PROPERTY + "=2")
                .option("-D" + LoadedModelCache.MAX_EVICTIONS_PROPERTY + "=1")
                .mergeErrors()
                .run(tmp, Duration.ofSeconds(120));
        assertTrue(r.exited(), "child JVM did not finish");
        String text = r.out();
        assertEquals(0, r.exit(), text);
        Map<String, String> facts = new HashMap<>();
        text.lines()
                .filter(l -> l.matches("[A-Za-z]+=.*"))
                .forEach(l -> facts.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));

        assertEquals("1", facts.get("loadsAfterReuse"), "closing and reopening reuses the load: " + text);
        assertEquals("2", facts.get("loadedWithTwo"));
        assertTrue(facts.get("full").startsWith("MODEL_LOAD_FAILED "), text);
        assertTrue(facts.get("full").contains("-D" + LoadedModelCache.MAX_LOADED_PROPERTY + "=2"), text);
        assertEquals("1", facts.get("evicted"), "only the idle model is freed, within the budget of 1");
        assertEquals("true", facts.get("heldStillWorks"), "an engine in use keeps its model");
        assertEquals("3", facts.get("loadsAfterEviction"));
        assertEquals("100", facts.get("cycleFailuresTyped"), "with the budget spent, every new key is a typed error");
        assertEquals("3", facts.get("loadsAfterCycles"), "100 evicting cycles load nothing more");
        assertEquals("1", facts.get("evictions"));
        assertEquals("2", facts.get("loadedAtEnd"));
        assertTrue(Integer.parseInt(facts.get("threadGrowth")) <= 2, "no thread per cycle: " + text);
    }

    @Test
    void theShieldCannotBeBypassedThroughTheApi() {
        assertEquals(0, LoadedModelCache.class.getConstructors().length, "one owner: no public constructor");
        assertEquals(0, SharedModel.class.getConstructors().length);
        assertEquals(0, SharedModel.Lease.class.getConstructors().length);
        assertEquals(0, SharedModel.Calls.class.getConstructors().length);
        for (Method m : GgufEngine.class.getMethods()) {
            assertFalse(
                    List.of(m.getParameterTypes()).contains(LoadedModelCache.class), "GgufEngine takes no cache: " + m);
        }
        // The native model is never handed out, so nothing outside the cache can close it.
        Stream.of(LoadedModelCache.class, SharedModel.class, SharedModel.Lease.class, SharedModel.Calls.class)
                .flatMap(c -> Stream.concat(Stream.of(c.getMethods()), Stream.of(c.getConstructors())))
                .filter(m -> Modifier.isPublic(m.getModifiers()))
                .forEach(m ->
                        assertFalse(signature(m).contains(LlamaModel.class.getName()), "exposes LlamaModel: " + m));
    }

    private static String signature(Executable e) {
        StringBuilder s = new StringBuilder(e.toGenericString());
        if (e instanceof Method m) {
            s.append(' ').append(m.getGenericReturnType().getTypeName());
        }
        return s.toString();
    }
}
