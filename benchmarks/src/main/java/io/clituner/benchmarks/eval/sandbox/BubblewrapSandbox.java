package io.clituner.benchmarks.eval.sandbox;

import io.clituner.benchmarks.eval.set.Fixture;
import io.clituner.benchmarks.eval.set.FixtureEntry;
import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Commands in bubblewrap ({@code bwrap}): every namespace unshared (no network, own PIDs, IPC, UTS),
 * all capabilities dropped, system directories read-only ({@code /usr} and the merged-usr links,
 * {@code /etc/alternatives}, {@code /etc/ld.so.cache}), a private {@code /tmp}, a two-line
 * {@code /etc/passwd}, and the fixture as the only writable tree at {@code /home/user}, made fresh
 * on a tmpfs ({@code /dev/shm} where writable) for every run. Limits: {@code ulimit} for CPU time,
 * memory, processes and file size; stdout read up to a cap; the whole PID namespace killed at the
 * wall-clock limit.
 *
 * <p>When the JVM runs as root the sandbox drops to the unprivileged uid 65534 with {@code setpriv}
 * before {@code bwrap}: the kernel does not apply the process limit to root, and the sandbox user
 * (uid 1000 inside) should not be root outside either. Where the unprivileged uid may not create
 * user namespaces, it falls back to running {@code bwrap} as root (capabilities still dropped) and
 * says in {@link #status()} that the process limit is then not enforced.
 */
public final class BubblewrapSandbox implements Sandbox {
    public static final String HOME = "/home/user";
    private static final int UNPRIVILEGED_UID = 65534;
    private static final int STDERR_KEPT = 4096;

    private final @Nullable String bwrap;
    private final SandboxLimits limits;
    private final Path scratch;
    private final boolean root;
    /** Whether commands run under uid 65534 outside the sandbox; decided by the probe. */
    private volatile boolean dropRoot;

    private final SandboxStatus status;
    private final Map<FixtureEntry, WorkTree.Blob> blobs = new ConcurrentHashMap<>();

    private BubblewrapSandbox(@Nullable String bwrap, SandboxLimits limits, Path scratch) {
        this.bwrap = bwrap;
        this.limits = limits;
        this.scratch = scratch;
        this.root = isRoot();
        this.dropRoot = root;
        this.status = probe();
    }

    /** {@code bwrap} from {@code PATH}, default limits, scratch space in {@code /dev/shm} when writable. */
    public static BubblewrapSandbox create() {
        return create(SandboxLimits.defaults());
    }

    public static BubblewrapSandbox create(SandboxLimits limits) {
        String bwrap = findOnPath("bwrap");
        return create(limits, bwrap == null ? null : Path.of(bwrap));
    }

    /** With this {@code bwrap} executable ({@code null} or missing: the sandbox reports itself unavailable). */
    public static BubblewrapSandbox create(SandboxLimits limits, @Nullable Path bwrap) {
        Path shm = Path.of("/dev/shm");
        // a noexec /dev/shm (Docker's default) would change what `find -executable` and `test -x` say
        Path scratch = Files.isDirectory(shm) && Files.isWritable(shm) && !mountedNoexec(shm)
                ? shm
                : Path.of(System.getProperty("java.io.tmpdir"));
        return new BubblewrapSandbox(bwrap == null ? null : bwrap.toString(), limits, scratch);
    }

    @Override
    public SandboxStatus status() {
        return status;
    }

    public SandboxLimits limits() {
        return limits;
    }

    /** False only in the root fallback, where the kernel ignores the process limit. */
    public boolean enforcesProcessLimit() {
        return !root || dropRoot;
    }

    private SandboxStatus probe() {
        if (bwrap == null || !Files.isExecutable(Path.of(bwrap))) {
            return new SandboxStatus(
                    false,
                    (bwrap == null ? "bwrap not found on PATH" : bwrap + " is not an executable")
                            + " (install the Debian package bubblewrap)");
        }
        String dropped = root && findOnPath("setpriv") == null ? "setpriv (util-linux) is missing" : probeOnce();
        if (dropped == null) {
            return new SandboxStatus(
                    true, bwrap + (root ? " via setpriv to uid " + UNPRIVILEGED_UID : "") + ", limits " + limits);
        }
        if (!root) {
            return new SandboxStatus(false, dropped);
        }
        dropRoot = false;
        String asRoot = probeOnce();
        if (asRoot == null) {
            return new SandboxStatus(
                    true,
                    bwrap + " as root (setpriv to uid " + UNPRIVILEGED_UID + " failed: " + dropped
                            + "), so the process limit is NOT enforced; limits " + limits);
        }
        return new SandboxStatus(false, dropped + "; as root: " + asRoot);
    }

    /** Runs a command that must write, read and report uid 1000; {@code null} when it did, else what went wrong. */
    private @Nullable String probeOnce() {
        Fixture probe = new Fixture("probe", "sandbox self-test", Map.of(), List.of());
        try {
            Execution e = execute(probe, "echo ok > f && cat f && id -u", Instant.now());
            String out = e.stdoutText();
            if (e.exitCode() != 0 || !out.equals("ok\n1000\n") || !e.tree().containsKey("f")) {
                return "bwrap probe misbehaved (exit " + e.exitCode() + ", stdout '" + out.strip() + "'): "
                        + e.stderr().strip();
            }
            return null;
        } catch (CliTunerException | UncheckedIOException e) {
            return "bwrap probe failed: " + e.getMessage();
        }
    }

    @Override
    public Execution run(Fixture fixture, String command, Instant now) {
        if (!status.available()) {
            throw new CliTunerException(ErrorCode.CONFIGURATION, "sandbox unavailable: " + status.detail());
        }
        return execute(fixture, command, now);
    }

    private Execution execute(Fixture fixture, String command, Instant now) {
        long start = System.nanoTime();
        Path dir = null;
        try {
            dir = Files.createTempDirectory(scratch, "clituner-eval-");
            // search-only, so that the unprivileged bwrap can reach the tree it binds
            Files.setPosixFilePermissions(dir, WorkTree.perms(0711));
            Path home = Files.createDirectory(dir.resolve("home"));
            Path etc = Files.createDirectory(dir.resolve("etc"));
            Files.writeString(
                    etc.resolve("passwd"),
                    "root:x:0:0:root:/root:/bin/bash\nuser:x:1000:1000:user:" + HOME + ":/bin/bash\n");
            Files.writeString(etc.resolve("group"), "root:x:0:\nuser:x:1000:\n");
            Map<String, WorkTree.Stamp> stamps =
                    WorkTree.materialise(fixture, home, now, dropRoot ? UNPRIVILEGED_UID : null, blobs);
            if (dropRoot) {
                Files.setAttribute(home, "unix:uid", UNPRIVILEGED_UID, LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(home, "unix:gid", UNPRIVILEGED_UID, LinkOption.NOFOLLOW_LINKS);
            }
            Files.setPosixFilePermissions(home, WorkTree.perms(0755));
            Process p = new ProcessBuilder(argv(fixture, home, etc, command))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            Capture out = new Capture(p.getInputStream(), limits.outputBytes());
            Capture err = new Capture(p.getErrorStream(), STDERR_KEPT);
            out.start();
            err.start();
            boolean finished = p.waitFor(limits.wallClock().toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                // bwrap is PID 1's parent with --die-with-parent: killing it ends the whole namespace
                p.destroyForcibly();
                p.waitFor();
            }
            out.join(2000);
            err.join(2000);
            int exit = finished ? p.exitValue() : -1;
            SortedMap<String, PathState> tree = WorkTree.snapshot(home, stamps);
            return new Execution(
                    exit, out.bytes(), err.text(), !finished, out.truncated(), tree, System.nanoTime() - start);
        } catch (IOException e) {
            throw new CliTunerException(ErrorCode.CONFIGURATION, "sandbox I/O failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliTunerException(ErrorCode.CONFIGURATION, "interrupted while a sandboxed command ran", e);
        } finally {
            if (dir != null) {
                WorkTree.delete(dir);
            }
        }
    }

    private List<String> argv(Fixture fixture, Path home, Path etc, String command) {
        List<String> a = new ArrayList<>();
        if (dropRoot) {
            a.addAll(
                    List.of("setpriv", "--reuid=" + UNPRIVILEGED_UID, "--regid=" + UNPRIVILEGED_UID, "--clear-groups"));
        }
        a.addAll(List.of(
                bwrap,
                "--unshare-all",
                "--unshare-user",
                "--uid",
                "1000",
                "--gid",
                "1000",
                "--hostname",
                "sandbox",
                "--die-with-parent",
                "--new-session",
                "--ro-bind",
                "/usr",
                "/usr",
                "--symlink",
                "usr/bin",
                "/bin",
                "--symlink",
                "usr/sbin",
                "/sbin",
                "--symlink",
                "usr/lib",
                "/lib",
                "--symlink",
                "usr/lib64",
                "/lib64",
                "--proc",
                "/proc",
                "--dev",
                "/dev",
                "--tmpfs",
                "/tmp",
                "--ro-bind",
                etc.resolve("passwd").toString(),
                "/etc/passwd",
                "--ro-bind",
                etc.resolve("group").toString(),
                "/etc/group"));
        for (String optional : List.of("/etc/alternatives", "/etc/ld.so.cache")) {
            if (Files.exists(Path.of(optional))) {
                a.addAll(List.of("--ro-bind", optional, optional));
            }
        }
        a.addAll(List.of("--bind", home.toString(), HOME, "--chdir", HOME, "--clearenv"));
        Map<String, String> env = new TreeMap<>(Map.of(
                "HOME",
                HOME,
                "USER",
                "user",
                "LOGNAME",
                "user",
                "PATH",
                "/usr/local/bin:/usr/bin:/bin",
                "LANG",
                "C.UTF-8",
                "LC_ALL",
                "C.UTF-8",
                "TZ",
                "UTC",
                "SHELL",
                "/bin/bash",
                "TERM",
                "dumb"));
        env.putAll(fixture.env());
        env.forEach((k, v) -> a.addAll(List.of("--setenv", k, v)));
        String ulimits = "ulimit -t " + limits.cpuSeconds() + " -v " + limits.memoryKib() + " -u " + limits.processes()
                + " -f " + limits.fileSizeKib() + " || exit 125; exec /bin/bash -c \"$1\"";
        a.addAll(List.of("--", "/bin/bash", "-c", ulimits, "sandbox", command));
        return a;
    }

    /** Whether the mount point {@code dir} is mounted {@code noexec} (per /proc/self/mounts; false when unreadable). */
    static boolean mountedNoexec(Path dir) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/mounts"))) {
                String[] f = line.split(" ");
                if (f.length > 3
                        && f[1].equals(dir.toString())
                        && List.of(f[3].split(",")).contains("noexec")) {
                    return true;
                }
            }
        } catch (IOException e) {
            // no /proc: assume exec is allowed
        }
        return false;
    }

    private static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static @Nullable String findOnPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String d : path.split(File.pathSeparator)) {
            Path p = Path.of(d, name);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }

    /** Reads a stream to its end on its own thread, keeping at most {@code cap} bytes. */
    private static final class Capture extends Thread {
        private final InputStream in;
        private final int cap;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private volatile boolean truncated;

        Capture(InputStream in, int cap) {
            this.in = in;
            this.cap = cap;
            setDaemon(true);
        }

        @Override
        public void run() {
            byte[] buf = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    int room = cap - kept.size();
                    kept.write(buf, 0, Math.min(room, n));
                    if (n > room) {
                        // stop reading: the writer gets SIGPIPE instead of running to the wall clock
                        truncated = true;
                        break;
                    }
                }
            } catch (IOException e) {
                // the process was killed; keep what was read
            }
        }

        synchronized byte[] bytes() {
            return kept.toByteArray();
        }

        boolean truncated() {
            return truncated;
        }

        String text() {
            return new String(bytes(), StandardCharsets.UTF_8);
        }
    }
}
