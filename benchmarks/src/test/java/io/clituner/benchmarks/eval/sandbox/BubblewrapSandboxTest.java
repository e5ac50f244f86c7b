package io.clituner.benchmarks.eval.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.clituner.benchmarks.eval.set.Fixture;
import io.clituner.benchmarks.eval.set.FixtureEntry;
import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sandbox materialises fixtures faithfully, isolates the command and enforces its limits. */
class BubblewrapSandboxTest {
    static final Fixture TREE = new Fixture(
            "t",
            "test tree",
            Map.of("COLOUR", "green"),
            List.of(
                    new FixtureEntry("new.txt", null, "fresh\n", null, null, "2h", null),
                    new FixtureEntry("old.txt", null, "stale\n", null, "600", "40d6h", null),
                    new FixtureEntry("dir/run.sh", null, "#!/bin/sh\necho run\n", null, "755", "3d6h", null),
                    new FixtureEntry("big.txt", null, "0123456789", 1000, null, null, null),
                    new FixtureEntry("empty", FixtureEntry.Type.dir, null, null, "700", null, null),
                    new FixtureEntry("link", FixtureEntry.Type.symlink, null, null, null, null, "new.txt")));
    private static BubblewrapSandbox sandbox;

    @BeforeAll
    static void create() {
        sandbox = BubblewrapSandbox.create(new SandboxLimits(1, 262_144, 16, 1024, 64 * 1024, Duration.ofSeconds(3)));
        assumeTrue(
                sandbox.status().available(),
                "EXECUTION TIER UNAVAILABLE, sandbox tests skipped: "
                        + sandbox.status().detail());
    }

    private static Execution run(String command) {
        return sandbox.run(TREE, command, Instant.now());
    }

    @Test
    void theFixtureIsMaterialisedWithModesTimesLinksAndEnvironment() {
        Execution e = run(
                "find . -mtime -7 -type f | sort; stat -c '%a %n' old.txt dir/run.sh empty; readlink link; echo $COLOUR $HOME $PWD; "
                        + "wc -c < big.txt; id -un");
        assertEquals(0, e.exitCode(), e.stderr());
        assertEquals(
                "./dir/run.sh\n./new.txt\n600 old.txt\n755 dir/run.sh\n700 empty\nnew.txt\ngreen /home/user /home/user\n10000\nuser\n",
                e.stdoutText());
        assertEquals("file", e.tree().get("old.txt").type());
        assertEquals("600", e.tree().get("old.txt").mode());
        assertEquals("new.txt", e.tree().get("link").target());
        assertEquals(10_000L, e.tree().get("big.txt").size());
    }

    @Test
    void changesShowInTheTreeAndEachRunStartsFresh() {
        Execution first = run("echo more >> new.txt && rm old.txt && mkdir made && chmod 700 dir/run.sh");
        assertEquals(0, first.exitCode(), first.stderr());
        assertFalse(first.tree().containsKey("old.txt"));
        assertEquals("dir", first.tree().get("made").type());
        assertEquals("700", first.tree().get("dir/run.sh").mode());
        assertEquals(11L, first.tree().get("new.txt").size());
        Execution second = run("cat old.txt");
        assertEquals("stale\n", second.stdoutText());
        assertEquals(6L, second.tree().get("new.txt").size());
        // an unchanged file keeps the digest of its materialised content
        assertEquals(
                first.tree().get("big.txt").sha256(),
                second.tree().get("big.txt").sha256());
        assertNotEquals(
                first.tree().get("new.txt").sha256(),
                second.tree().get("new.txt").sha256());
    }

    @Test
    void noNetworkNoHostFilesReadOnlySystem() {
        Execution net = run("exec 3<>/dev/tcp/1.1.1.1/80");
        assertNotEquals(0, net.exitCode(), "a connection left the sandbox");
        Execution usr = run("touch /usr/bin/evil");
        assertNotEquals(0, usr.exitCode());
        Execution host = run("ls /work /root /etc/shadow " + Path.of("").toAbsolutePath());
        assertNotEquals(0, host.exitCode());
        assertEquals("", host.stdoutText());
        Execution tmp = run("echo x > /tmp/y && cat /tmp/y");
        assertEquals("x\n", tmp.stdoutText());
        assertFalse(tmp.tree().containsKey("y"));
        assertEquals("1000 sandbox\n", run("echo $(id -u) $(hostname)").stdoutText());
    }

    @Test
    void theWallClockKillsTheWholeSandbox() {
        Execution e = run("sleep 30 & sleep 30");
        assertTrue(e.timedOut());
        assertEquals(-1, e.exitCode());
        assertTrue(e.nanos() < Duration.ofSeconds(20).toNanos());
    }

    @Test
    void outputIsCutOffAtTheCap() {
        Execution e = run("yes");
        assertTrue(e.outputTruncated());
        assertFalse(e.timedOut(), "the writer should have been stopped by SIGPIPE, not the clock");
        assertEquals(64 * 1024, e.stdout().length);
    }

    @Test
    void cpuMemoryFileSizeAndProcessLimitsHold() {
        // a generous wall clock: on a busy machine one CPU-second can take several seconds
        BubblewrapSandbox patient =
                BubblewrapSandbox.create(new SandboxLimits(1, 262_144, 16, 1024, 64 * 1024, Duration.ofSeconds(60)));
        Execution cpu = patient.run(TREE, "while :; do :; done", Instant.now());
        assertFalse(cpu.timedOut(), "the CPU limit should end it before the wall clock");
        // soft = hard limit: SIGXCPU (152) or, when the hard limit is reached at once, SIGKILL (137)
        assertTrue(
                cpu.exitCode() == 128 + 24 || cpu.exitCode() == 128 + 9,
                "killed for CPU time expected, got " + cpu.exitCode());
        Execution mem = run("awk 'BEGIN { s = \"x\"; while (1) s = s s }'");
        assertNotEquals(0, mem.exitCode());
        assertFalse(mem.timedOut());
        Execution big = run("head -c 5000000 /dev/zero > zeros");
        assertNotEquals(0, big.exitCode());
        assertTrue(big.tree().get("zeros").size() <= 1024 * 1024);
        if (sandbox.enforcesProcessLimit()) {
            Execution procs = run("for i in $(seq 40); do sleep 2 & done; wait");
            assertNotEquals(0, procs.exitCode(), "forty processes should not fit under a limit of 16");
        }
        Execution bomb = run(":(){ :|:& };:");
        assertTrue(bomb.nanos() < Duration.ofSeconds(20).toNanos());
        assertEquals("ok\n", run("echo ok").stdoutText(), "the sandbox still works after a fork bomb");
    }

    @Test
    void aMissingBwrapIsUnavailableNeverPassing() {
        BubblewrapSandbox none = BubblewrapSandbox.create(SandboxLimits.defaults(), Path.of("/nonexistent/bwrap"));
        assertFalse(none.status().available());
        assertTrue(none.status().detail().contains("bubblewrap"), none.status().detail());
        CliTunerException e = assertThrows(CliTunerException.class, () -> none.run(TREE, "true", Instant.now()));
        assertEquals(ErrorCode.CONFIGURATION, e.code());
    }
}
