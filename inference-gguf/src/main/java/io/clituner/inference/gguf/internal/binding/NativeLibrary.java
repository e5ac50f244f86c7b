package io.clituner.inference.gguf.internal.binding;

import io.clituner.core.error.ConfigurationException;
import io.clituner.core.error.ErrorCode;
import io.clituner.core.hash.Digests;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads llama.cpp's JNI library once per process, quietly and predictably.
 *
 * <p>de.kherud:llama 4.2.0's own loader extracts the library into {@code java.io.tmpdir} (or
 * {@code -Dde.kherud.llama.tmpdir}), prints "Extracted …" to <em>stdout</em> (which would corrupt
 * a host's JSON output) and complains on stderr when that directory does not exist. So unless the
 * user points {@code de.kherud.llama.lib.path} at a build of their own (e.g. with CUDA), this class
 * extracts the bundled CPU library itself into a content-addressed directory under the same temp
 * directory, then sets {@code de.kherud.llama.lib.path} to it, which the binding's loader honours
 * without printing anything.
 */
public final class NativeLibrary {
    /** Which native build this process runs. */
    public enum Build {
        BUNDLED_CPU,
        USER_SUPPLIED
    }

    /** The loaded library: its build and the directory it came from. */
    public record Loaded(Build build, Path directory) {}

    public static final String LIB_PATH_PROPERTY = "de.kherud.llama.lib.path";
    public static final String TMPDIR_PROPERTY = "de.kherud.llama.tmpdir";
    private static final Logger LOG = LoggerFactory.getLogger(NativeLibrary.class);
    private static @Nullable Loaded loaded;

    private NativeLibrary() {}

    /**
     * Loads the library if needed.
     *
     * @param userDirectory a directory holding a user-built {@code libjllama.so}, or null for
     *                      {@code -Dde.kherud.llama.lib.path} or else the bundled CPU build
     * @throws ConfigurationException when the directory holds no library, when a different
     *                                library is already loaded, or when loading fails
     */
    public static synchronized Loaded ensureLoaded(@Nullable Path userDirectory) {
        Loaded loaded = NativeLibrary.loaded;
        Path requested = userDirectory != null
                ? userDirectory
                : Optional.ofNullable(System.getProperty(LIB_PATH_PROPERTY))
                        .filter(s -> !s.isBlank())
                        .map(Path::of)
                        .orElse(null);
        if (loaded != null) {
            if (userDirectory != null && !sameDirectory(userDirectory, loaded.directory())) {
                throw new ConfigurationException(
                        ErrorCode.CONFIGURATION,
                        "the llama.cpp native library is already loaded from " + loaded.directory()
                                + "; a process can load only one, so " + userDirectory + " cannot be used too");
            }
            return loaded;
        }
        String fileName = System.mapLibraryName("jllama");
        Loaded result;
        if (requested != null) {
            if (!Files.isRegularFile(requested.resolve(fileName))) {
                throw new ConfigurationException(
                        ErrorCode.CONFIGURATION,
                        "no " + fileName + " in native library directory " + requested + " (set nativeLibPath / -D"
                                + LIB_PATH_PROPERTY + " to the folder of your llama.cpp JNI build)");
            }
            result = new Loaded(Build.USER_SUPPLIED, requested.toAbsolutePath());
        } else {
            result = new Loaded(Build.BUNDLED_CPU, extractBundled(fileName));
        }
        System.setProperty(LIB_PATH_PROPERTY, result.directory().toString());
        ensureTempDirExists();
        try {
            // Runs LlamaLoader in LlamaModel's static initializer; it loads from LIB_PATH_PROPERTY.
            Class.forName("de.kherud.llama.LlamaModel", true, NativeLibrary.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new ConfigurationException(
                    ErrorCode.MODEL_LOAD_FAILED,
                    "cannot load the llama.cpp native library from " + result.directory() + ": " + e.getMessage(),
                    e);
        }
        LOG.debug("llama.cpp native library loaded: {} from {}", result.build(), result.directory());
        NativeLibrary.loaded = result;
        return result;
    }

    public static synchronized Optional<Loaded> current() {
        return Optional.ofNullable(loaded);
    }

    private static boolean sameDirectory(Path a, Path b) {
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    /** Where the binding's jar keeps its library for this platform, e.g. {@code /de/kherud/llama/Linux/x86_64/}. */
    static String resourceFolder() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String osFolder =
                os.contains("win") ? "Windows" : os.contains("mac") || os.contains("darwin") ? "Mac" : "Linux";
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String archFolder = switch (arch) {
            case "amd64", "x86_64", "x64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> arch;
        };
        return "/de/kherud/llama/" + osFolder + "/" + archFolder + "/";
    }

    /**
     * Copies the bundled library to {@code <tmp>/clituner-jllama-<sha256 prefix>/}; concurrent
     * processes write to private temp files and move them into place atomically, and a library that
     * is already there with the same content is reused.
     */
    private static Path extractBundled(String fileName) {
        String resource = resourceFolder() + fileName;
        byte[] bytes;
        try (InputStream in = NativeLibrary.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new ConfigurationException(
                        ErrorCode.MODEL_LOAD_FAILED,
                        "de.kherud:llama 4.2.0 has no native library for "
                                + System.getProperty("os.name") + "/" + System.getProperty("os.arch") + " (" + resource
                                + "); build llama.cpp's JNI library and set nativeLibPath");
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new ConfigurationException(
                    ErrorCode.MODEL_LOAD_FAILED, "cannot read the bundled native library " + resource, e);
        }
        String digest = Digests.sha256Hex(bytes);
        Path dir = tempRoot().resolve("clituner-jllama-" + digest.substring(0, 16));
        Path target = dir.resolve(fileName);
        try {
            if (Files.isRegularFile(target)
                    && Files.size(target) == bytes.length
                    && Digests.sha256Hex(Files.readAllBytes(target)).equals(digest)) {
                return dir;
            }
            Files.createDirectories(dir);
            writeAtomically(target, bytes);
            return dir;
        } catch (IOException e) {
            throw new ConfigurationException(
                    ErrorCode.MODEL_LOAD_FAILED,
                    "cannot extract the native library to " + dir + " (set -D" + TMPDIR_PROPERTY
                            + " to a writable directory): " + e.getMessage(),
                    e);
        }
    }

    /**
     * Writes {@code bytes} to a private temp file beside {@code target} and moves it into place atomically, so a
     * concurrent process never sees a partial file.
     */
    public static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
        Files.write(tmp, bytes);
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Path tempRoot() {
        String dir = System.getProperty(TMPDIR_PROPERTY);
        return Path.of(dir != null && !dir.isBlank() ? dir : System.getProperty("java.io.tmpdir"));
    }

    /** The binding lists this directory at start-up and prints to stderr when it is missing. */
    private static void ensureTempDirExists() {
        try {
            Files.createDirectories(tempRoot());
        } catch (IOException e) {
            LOG.warn("temp directory {} cannot be created: {}", tempRoot(), e.toString());
        }
    }
}
