package io.clituner.inference.djl.bank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.core.error.ConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TldrCacheTest {
    /** A page in the tldr format, written for this test. */
    private static final String PAGE = """
            # frobnicate

            > Frobnicates files.

            - Frobnicate one file:

            `frobnicate {{path/to/file}}`

            - Frobnicate [r]ecursively, quietly:

            `frobnicate {{[-r|--recursive]}} -q {{path/to/directory}}`
            """;

    @Test
    void findsTealdeerNodeAndPythonCachesAndReadsTheirPages(@TempDir Path home) throws IOException {
        assertTrue(TldrCache.find(Map.of("HOME", home.toString())).isEmpty());
        Path tealdeer = home.resolve(".cache/tealdeer/tldr-pages");
        Files.createDirectories(tealdeer.resolve("pages.en/common"));
        Files.writeString(tealdeer.resolve("pages.en/common/frobnicate.md"), PAGE);
        assertEquals(tealdeer, TldrCache.find(Map.of("HOME", home.toString())).orElseThrow());

        ExampleBank bank = TldrCache.read(tealdeer);
        assertEquals(TldrCache.BANK_NAME, bank.name());
        assertEquals(2, bank.size());
        assertEquals("Frobnicate one file", bank.get(0).query());
        assertEquals("frobnicate path/to/file", bank.get(0).command());
        assertEquals("frobnicate -r -q path/to/directory", bank.get(1).command());
        assertTrue(bank.get(0).id().startsWith("tldr-cache:"), bank.get(0).id());

        Path node = home.resolve(".tldr/cache");
        Files.createDirectories(node.resolve("pages/linux"));
        Files.writeString(node.resolve("pages/linux/frobnicate.md"), PAGE);
        assertEquals(2, TldrCache.read(node).size());
    }

    @Test
    void anEmptyCacheIsATypedError(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("pages/common"));
        assertThrows(ConfigurationException.class, () -> TldrCache.read(dir));
    }
}
