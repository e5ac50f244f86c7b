package io.clituner.inference.djl.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.core.RiskLevel;
import io.clituner.core.egress.AuditEvent;
import io.clituner.core.error.ConfigurationException;
import io.clituner.core.error.ErrorCode;
import io.clituner.inference.djl.bank.CommandPrograms;
import io.clituner.inference.djl.bank.Example;
import io.clituner.inference.djl.bank.ExampleBank;
import io.clituner.inference.djl.embedding.EmbeddingModel;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Synthetic shifts (file tasks → networking tasks) alarm; samples of one distribution do not. Fixed seeds. */
class DriftDetectionTest {
    private static final Set<String> FILE_PROGRAMS =
            Set.of("find", "ls", "cp", "mv", "mkdir", "touch", "rm", "du", "stat", "cat", "head", "tail", "chmod");
    private static final Set<String> NET_PROGRAMS = Set.of(
            "ip",
            "ping",
            "dig",
            "ss",
            "curl",
            "wget",
            "scp",
            "ssh",
            "nc",
            "nmcli",
            "traceroute",
            "nslookup",
            "rsync",
            "openssl");
    private static EmbeddingModel model;
    private static List<Observation> fileTasks;
    private static List<Observation> netTasks;

    @BeforeAll
    static void setUp() {
        model = EmbeddingModel.open();
        fileTasks = tasks(FILE_PROGRAMS);
        netTasks = tasks(NET_PROGRAMS);
    }

    @AfterAll
    static void tearDown() {
        model.close();
    }

    private static List<Observation> tasks(Set<String> programs) {
        List<Observation> out = new ArrayList<>();
        for (Example e : ExampleBank.builtIn().examples()) {
            if (programs.contains(CommandPrograms.first(e.command()))) {
                out.add(new Observation(e.query(), RiskLevel.SAFE, e.command()));
            }
        }
        return out;
    }

    @Test
    void fileTasksVersusNetworkingTasksIsInputAndOutputDrift() {
        assertTrue(fileTasks.size() >= 60 && netTasks.size() >= 40, fileTasks.size() + " / " + netTasks.size());
        DriftReport r = new DriftDetector(model, DriftThresholds.defaults(), 7)
                .compare(fileTasks.subList(0, 40), netTasks.subList(0, 40));
        assertEquals(DriftReport.Severity.ALERT, r.severity(), r.toString());
        assertTrue(r.mmd().pValue() < 0.05, r.toString());
        assertTrue(r.psiPrograms() > 0.25, r.toString());
    }

    @Test
    void twoSamplesOfTheSameDistributionDoNotAlarm() {
        List<Observation> shuffled = new ArrayList<>(fileTasks);
        Collections.shuffle(shuffled, new Random(11));
        int half = shuffled.size() / 2;
        DriftReport r = new DriftDetector(model, DriftThresholds.defaults(), 7)
                .compare(shuffled.subList(0, half), shuffled.subList(half, 2 * half));
        assertTrue(r.mmd().pValue() >= 0.05, r.toString());
        assertFalse(r.reasons().stream().anyMatch(s -> s.startsWith("input drift")), r.toString());
    }

    @Test
    void pValuesAreReproducibleWithAFixedSeed() {
        DriftDetector d = new DriftDetector(model, DriftThresholds.defaults(), 3);
        List<Observation> a = fileTasks.subList(0, 20);
        List<Observation> b = fileTasks.subList(20, 40);
        assertEquals(d.compare(a, b).mmd(), d.compare(a, b).mmd());
    }

    @Test
    void riskMixShiftIsOutputDriftByPsi() {
        List<Observation> ref = new ArrayList<>();
        List<Observation> cur = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            ref.add(new Observation("q" + i, i < 90 ? RiskLevel.SAFE : RiskLevel.REVIEW, "ls"));
            cur.add(new Observation("q" + i, i < 50 ? RiskLevel.SAFE : RiskLevel.REVIEW, "ls"));
        }
        // (0.5-0.9)·ln(0.5/0.9) + (0.5-0.1)·ln(0.5/0.1) = 0.2351 + 0.6438
        assertEquals(
                0.8789,
                Psi.of(
                        ref.stream().map(o -> o.risk().name()).toList(),
                        cur.stream().map(o -> o.risk().name()).toList()),
                1e-3);
        assertEquals(0.0, Psi.of(List.of("a", "b"), List.of("b", "a")), 1e-12);
    }

    @Test
    void monitorAlertsTheListenerAndTheAuditLogOnceTheWindowShifts() {
        List<DriftReport> heard = new ArrayList<>();
        List<AuditEvent> audited = new ArrayList<>();
        DriftMonitor monitor = DriftMonitor.builder(model)
                .reference(fileTasks.subList(0, 40))
                .window(30, 10)
                .thresholds(new DriftThresholds(0.05, 0.1, 0.25, 200, 10))
                .listener(heard::add)
                .auditSink(audited::add)
                .clock(Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC))
                .build();
        Optional<DriftReport> last = Optional.empty();
        for (Observation o : netTasks.subList(0, 30)) {
            Optional<DriftReport> r = monitor.observe(o);
            if (r.isPresent()) {
                last = r;
            }
        }
        assertTrue(last.isPresent(), "a full window must trigger a check");
        assertEquals(DriftReport.Severity.ALERT, last.get().severity());
        assertEquals(1, heard.size());
        assertEquals("drift.alert", audited.get(0).type());
        assertEquals("drift-monitor", audited.get(0).actor());
        assertTrue(Double.parseDouble(audited.get(0).attributes().get("mmdPValue")) < 0.05);
    }

    @Test
    void badSettingsAreTypedErrors() {
        ConfigurationException e =
                assertThrows(ConfigurationException.class, () -> new DriftThresholds(0.05, 0.3, 0.2, 100, 10));
        assertEquals(ErrorCode.DRIFT_CONFIG, e.code());
        assertEquals(
                ErrorCode.DRIFT_CONFIG,
                assertThrows(
                                ConfigurationException.class,
                                () -> DriftMonitor.builder(model)
                                        .reference(fileTasks.subList(0, 1))
                                        .build())
                        .code());
        assertEquals(
                ErrorCode.DRIFT_CONFIG,
                assertThrows(
                                ConfigurationException.class,
                                () -> MmdTest.test(new float[][] {{1f}}, new float[][] {{1f}, {2f}}, 10, 1))
                        .code());
    }
}
