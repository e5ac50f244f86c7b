package io.clituner.benchmarks.eval.sandbox;

import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import java.time.Duration;

/**
 * What one sandboxed command may use.
 *
 * @param cpuSeconds     CPU time ({@code ulimit -t})
 * @param memoryKib      virtual memory ({@code ulimit -v})
 * @param processes      processes of the sandbox user ({@code ulimit -u}); enforced because the
 *                       sandbox never runs as host root
 * @param fileSizeKib    largest file the command may write ({@code ulimit -f})
 * @param outputBytes    stdout kept; more is cut off and the run marked truncated
 * @param wallClock      after this the whole sandbox (its PID namespace) is killed
 */
public record SandboxLimits(
        int cpuSeconds, long memoryKib, int processes, long fileSizeKib, int outputBytes, Duration wallClock) {
    public SandboxLimits {
        if (cpuSeconds < 1
                || memoryKib < 16_384
                || processes < 4
                || fileSizeKib < 1
                || outputBytes < 1024
                || wallClock == null
                || wallClock.isNegative()
                || wallClock.isZero()) {
            throw new CliTunerException(ErrorCode.CONFIGURATION, "sandbox limits out of range: " + this);
        }
    }

    /** 5 CPU-seconds, 1 GiB, 64 processes, 16 MiB files, 1 MiB of output, 10 s of wall clock. */
    public static SandboxLimits defaults() {
        return new SandboxLimits(5, 1L << 20, 64, 16_384, 1 << 20, Duration.ofSeconds(10));
    }
}
