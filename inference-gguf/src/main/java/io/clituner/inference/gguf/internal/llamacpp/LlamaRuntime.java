package io.clituner.inference.gguf.internal.llamacpp;

import com.sun.jna.Library;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import io.clituner.core.error.ConfigurationException;
import io.clituner.core.error.ErrorCode;
import io.clituner.core.hash.Digests;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pinned llama.cpp, loaded once per process: the shared libraries of the npm package the build fetched
 * (see {@code src/build/llama-cpp-npm.lock}) are extracted from the jar into a content-addressed directory,
 * each checked against the SHA-256 recorded at build time, then {@code libggml-base}, {@code libggml} and
 * {@code libllama} are opened by absolute path, {@link Llama} and {@link Ggml} are bound to them, logging is
 * routed to SLF4J, and ggml loads the best CPU variant (and any GPU backend) found beside them.
 *
 * <p>A directory of the user's ({@code nativeLibPath}, e.g. the {@code bins/linux-x64-cuda} folder of the
 * {@code @node-llama-cpp/linux-x64-cuda} package) replaces the bundled libraries. A process binds one set.
 */
public final class LlamaRuntime {
    public static final String TMPDIR_PROPERTY = "clituner.llamacpp.tmpdir";
    private static final int RTLD_LAZY = 1;
    private static final String RESOURCE_ROOT = "/io/clituner/inference/gguf/llamacpp/natives/";
    private static final Logger LOG = LoggerFactory.getLogger(LlamaRuntime.class);
    private static @Nullable Loaded loaded;

    /** A device ggml found (CPU, GPU, integrated GPU, accelerator). */
    public record Device(String name, String description, int type) {
        public boolean gpu() {
            return type == Ggml.DEVICE_GPU || type == Ggml.DEVICE_IGPU;
        }
    }

    /**
     * The bound libraries.
     *
     * @param directory       where they were loaded from
     * @param bundled         whether they are the jar's (else the user's {@code nativeLibPath})
     * @param npmPackage      npm package and version they came from ("@node-llama-cpp/linux-x64@3.22.1"), or "user"
     * @param integrity       the package's npm integrity (sha512) as pinned, or "" for a user directory
     * @param llamaCppRelease llama.cpp release the package was built from, or "unknown"
     * @param libllamaSha256  SHA-256 of the loaded libllama
     * @param devices         the devices ggml found
     */
    public record Loaded(
            Path directory,
            boolean bundled,
            String npmPackage,
            String integrity,
            String llamaCppRelease,
            String libllamaSha256,
            List<Device> devices,
            String systemInfo) {
        public boolean gpuAvailable() {
            return devices.stream().anyMatch(Device::gpu);
        }
    }

    private LlamaRuntime() {}

    /**
     * Binds llama.cpp if needed and returns what is bound.
     *
     * @param userDirectory a directory holding {@code libllama*} and {@code libggml*}, or null for the bundled build
     * @throws ConfigurationException no libraries for this platform, a different set already bound, or loading failed
     */
    public static synchronized Loaded ensureLoaded(@Nullable Path userDirectory) {
        Loaded loaded = LlamaRuntime.loaded;
        if (loaded != null) {
            if (userDirectory != null
                    && !userDirectory.toAbsolutePath().normalize().equals(loaded.directory())) {
                throw new ConfigurationException(
                        ErrorCode.CONFIGURATION,
                        "llama.cpp is already loaded from " + loaded.directory()
                                + "; a process binds one set of libraries, so " + userDirectory
                                + " cannot be used too");
            }
            return loaded;
        }
        Path dir;
        Properties manifest;
        if (userDirectory != null) {
            dir = userDirectory.toAbsolutePath().normalize();
            manifest = readManifest(dir.resolve("natives.properties"));
        } else {
            manifest = bundledManifest();
            dir = extract(manifest);
        }
        Path libllama = find(dir, "libllama");
        Path libggml = find(dir, "libggml.");
        Path libggmlBase = find(dir, "libggml-base");
        // RTLD_LOCAL (JNA defaults to RTLD_GLOBAL): llama.cpp's symbols must not become global, or another copy of
        // llama.cpp in the process (de.kherud's libjllama links one statically) would bind to ours and crash.
        Map<String, Object> local = Map.of(Library.OPTION_OPEN_FLAGS, RTLD_LAZY);
        try {
            NativeLibrary.getInstance(libggmlBase.toString(), local);
            NativeLibrary ggml = NativeLibrary.getInstance(libggml.toString(), local);
            NativeLibrary llama = NativeLibrary.getInstance(libllama.toString(), local);
            Ggml.register(ggml);
            Llama.register(llama);
        } catch (LinkageError e) {
            throw new ConfigurationException(
                    ErrorCode.MODEL_LOAD_FAILED, "cannot load llama.cpp from " + dir + ": " + e.getMessage(), e);
        }
        LlamaLog.install();
        Ggml.ggml_backend_load_all_from_path(dir.toString());
        Llama.llama_backend_init();
        List<Device> devices = new ArrayList<>();
        long n = Ggml.ggml_backend_dev_count();
        for (long i = 0; i < n; i++) {
            Pointer d = Ggml.ggml_backend_dev_get(i);
            if (d == null) {
                throw new ConfigurationException(
                        ErrorCode.MODEL_LOAD_FAILED,
                        "llama.cpp in " + dir + " lists " + n + " devices but returned none at index " + i);
            }
            devices.add(new Device(
                    Objects.requireNonNullElse(Ggml.ggml_backend_dev_name(d), "device " + i),
                    Objects.requireNonNullElse(Ggml.ggml_backend_dev_description(d), ""),
                    Ggml.ggml_backend_dev_type(d)));
        }
        if (devices.isEmpty()) {
            throw new ConfigurationException(
                    ErrorCode.MODEL_LOAD_FAILED,
                    "llama.cpp in " + dir + " found no usable backend (no libggml-cpu variant loads on this CPU)");
        }
        String libSha = Optional.ofNullable(manifest.getProperty("sha256." + libllama.getFileName()))
                .orElseGet(() -> sha256(libllama));
        String pkg = manifest.getProperty("package", "user")
                + (manifest.containsKey("version") ? "@" + manifest.getProperty("version") : "");
        loaded = new Loaded(
                dir,
                userDirectory == null,
                pkg,
                manifest.getProperty("integrity", ""),
                manifest.getProperty("llamaCppRelease", "unknown"),
                libSha,
                List.copyOf(devices),
                Objects.requireNonNullElse(Llama.llama_print_system_info(), ""));
        LlamaRuntime.loaded = loaded;
        LOG.debug("llama.cpp {} ({}) loaded from {}; devices {}", loaded.llamaCppRelease(), pkg, dir, devices);
        return loaded;
    }

    public static synchronized Optional<Loaded> current() {
        return Optional.ofNullable(loaded);
    }

    /** Whether this jar carries llama.cpp libraries for the running platform. */
    public static boolean bundledForThisPlatform() {
        return LlamaRuntime.class.getResource(RESOURCE_ROOT + platform() + "/natives.properties") != null;
    }

    /** The jar's folder for this platform, e.g. {@code linux-x86_64}. */
    public static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String osName = os.contains("win") ? "win" : os.contains("mac") || os.contains("darwin") ? "mac" : "linux";
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String archName = switch (arch) {
            case "amd64", "x86_64", "x64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> arch;
        };
        return osName + "-" + archName;
    }

    private static Properties bundledManifest() {
        String resource = RESOURCE_ROOT + platform() + "/natives.properties";
        try (InputStream in = LlamaRuntime.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new ConfigurationException(
                        ErrorCode.MODEL_LOAD_FAILED,
                        "this build of clituner-inference-gguf carries no llama.cpp"
                                + " libraries for " + platform() + " (" + resource
                                + "); add the platform's npm package to the build"
                                + " (llamacpp.natives), give a directory of llama.cpp libraries with nativeLibPath, or use engine=java-llama.cpp");
            }
            Properties p = new Properties();
            p.load(new StringReader(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)));
            return p;
        } catch (IOException e) {
            throw new ConfigurationException(ErrorCode.MODEL_LOAD_FAILED, "cannot read " + resource, e);
        }
    }

    private static Properties readManifest(Path file) {
        Properties p = new Properties();
        if (Files.isRegularFile(file)) {
            try (var r = Files.newBufferedReader(file)) {
                p.load(r);
            } catch (IOException e) {
                LOG.warn("cannot read {}: {}", file, e.toString());
            }
        }
        return p;
    }

    /**
     * Copies the bundled libraries into {@code <tmp>/clituner-llamacpp-<integrity prefix>/}, each written to a
     * private temp file, verified against the build's SHA-256 and moved into place atomically; files already
     * there with the right digest are reused, so concurrent processes and later runs share one copy.
     */
    private static Path extract(Properties manifest) {
        String integrity = manifest.getProperty("integrity", "");
        String key = Digests.sha256Hex(integrity + "\n" + manifest.getProperty("files", ""))
                .substring(0, 16);
        Path dir = tempRoot().resolve("clituner-llamacpp-" + key);
        Map<String, String> digests = new TreeMap<>();
        for (String f : manifest.getProperty("files", "").split(",")) {
            if (!f.isBlank()) {
                digests.put(f.trim(), manifest.getProperty("sha256." + f.trim(), ""));
            }
        }
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, String> e : digests.entrySet()) {
                Path target = dir.resolve(e.getKey());
                if (Files.isRegularFile(target) && sha256(target).equals(e.getValue())) {
                    continue;
                }
                String resource = RESOURCE_ROOT + platform() + "/" + e.getKey();
                byte[] bytes;
                try (InputStream in = LlamaRuntime.class.getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new ConfigurationException(
                                ErrorCode.MODEL_LOAD_FAILED, "missing bundled library " + resource);
                    }
                    bytes = in.readAllBytes();
                }
                if (!Digests.sha256Hex(bytes).equals(e.getValue())) {
                    throw new ConfigurationException(
                            ErrorCode.MODEL_LOAD_FAILED,
                            "bundled library " + resource
                                    + " does not match the SHA-256 recorded when it was fetched: the jar is damaged");
                }
                io.clituner.inference.gguf.internal.binding.NativeLibrary.writeAtomically(target, bytes);
            }
            return dir;
        } catch (IOException e) {
            throw new ConfigurationException(
                    ErrorCode.MODEL_LOAD_FAILED,
                    "cannot extract llama.cpp to " + dir + " (set -D" + TMPDIR_PROPERTY + " to a writable directory): "
                            + e.getMessage(),
                    e);
        }
    }

    private static Path find(Path dir, String prefix) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, prefix + "*")) {
            for (Path p : files) {
                String name = p.getFileName().toString();
                if (name.endsWith(".so") || name.contains(".so.") || name.endsWith(".dylib") || name.endsWith(".dll")) {
                    return p;
                }
            }
        } catch (IOException e) {
            throw new ConfigurationException(
                    ErrorCode.CONFIGURATION, "cannot list native library directory " + dir + ": " + e, e);
        }
        throw new ConfigurationException(
                ErrorCode.CONFIGURATION,
                "no " + prefix + "* library in " + dir
                        + " (nativeLibPath must hold libllama, libggml and libggml-base of one llama.cpp build)");
    }

    private static String sha256(Path file) {
        try {
            return Digests.sha256Hex(Files.readAllBytes(file));
        } catch (IOException e) {
            return "";
        }
    }

    private static Path tempRoot() {
        String dir = System.getProperty(TMPDIR_PROPERTY);
        return Path.of(dir != null && !dir.isBlank() ? dir : System.getProperty("java.io.tmpdir"));
    }
}
