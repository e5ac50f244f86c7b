package io.clituner.inference.gguf.llamacpp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Physical CPU cores, which is what llama.cpp's threads should follow: its kernels are memory-bound and a second
 * hyper-thread on a core only adds contention. Linux: distinct (physical id, core id) pairs of /proc/cpuinfo;
 * elsewhere half the logical processors.
 */
public final class CpuCores {
    private static final int PHYSICAL = detect();

    private CpuCores() {}

    public static int physical() {
        return PHYSICAL;
    }

    /**
     * Threads for a generation: the physical cores, at most 16; on two cores or fewer one, leaving a core to the JVM and
     * the OS (measured on a 2-core machine: two spinning llama.cpp threads ran several times slower than one).
     */
    public static int defaultThreads() {
        return defaultThreads(PHYSICAL);
    }

    static int defaultThreads(int physical) {
        return physical <= 2 ? 1 : Math.min(16, physical);
    }

    static int parse(List<String> cpuinfo) {
        Set<String> cores = new HashSet<>();
        String physicalId = "0";
        for (String line : cpuinfo) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            if (key.equals("physical id")) {
                physicalId = value;
            } else if (key.equals("core id")) {
                cores.add(physicalId + "/" + value);
            }
        }
        return cores.size();
    }

    private static int detect() {
        int logical = Runtime.getRuntime().availableProcessors();
        try {
            int n = parse(Files.readAllLines(Path.of("/proc/cpuinfo")));
            if (n > 0) {
                return Math.min(n, logical);
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or no access: estimate below
        }
        return Math.max(1, logical / 2);
    }
}
