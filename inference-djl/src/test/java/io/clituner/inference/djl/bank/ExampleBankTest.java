package io.clituner.inference.djl.bank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.core.RiskLevel;
import io.clituner.core.SafetyLevel;
import io.clituner.core.analysis.CommandAnalyzer;
import io.clituner.core.analysis.Verdict;
import io.clituner.core.error.ConfigurationException;
import io.clituner.core.error.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExampleBankTest {
    @Test
    void builtInBankHasAtLeast400DistinctPairsWithStableIds() {
        ExampleBank bank = ExampleBank.builtIn();
        assertTrue(bank.size() >= 400, "size " + bank.size());
        Set<String> ids = new HashSet<>();
        Set<String> queries = new HashSet<>();
        for (Example e : bank.examples()) {
            assertTrue(e.id().matches("builtin:[0-9a-f]{12}"), e.id());
            assertTrue(ids.add(e.id()), "duplicate id " + e.id());
            assertTrue(queries.add(e.query().toLowerCase()), "duplicate request " + e.query());
        }
        assertEquals(bank.sha256(), ExampleBank.builtIn().sha256());
    }

    @Test
    void builtInBankCoversEverydayAreas() {
        Set<String> programs = new HashSet<>();
        for (Example e : ExampleBank.builtIn().examples()) {
            programs.add(CommandPrograms.first(e.command()));
        }
        for (String p : List.of(
                "find", "grep", "tar", "ps", "ip", "git", "apt", "df", "id", "chmod", "sed", "ssh", "curl", "du",
                "zip")) {
            assertTrue(programs.contains(p), "no example uses " + p);
        }
    }

    /** Needs the guardrail module's CommandAnalyzer (io.clituner.guardrails.BashCommandAnalyzer, test scope). */
    @Test
    void everyBuiltInCommandPassesTheGuardrailAsSafeOrReview() {
        CommandAnalyzer analyzer = guardrail();
        Assumptions.assumeTrue(
                analyzer != null,
                "skipped: no CommandAnalyzer on the test class path (module guardrails not built yet)");
        List<String> blocked = new ArrayList<>();
        for (Example e : ExampleBank.builtIn().examples()) {
            Verdict v = analyzer.analyze(e.command(), SafetyLevel.STRICT);
            if (v.risk() == RiskLevel.DANGEROUS) {
                blocked.add(e.command() + " " + v.ruleIds());
            }
        }
        assertEquals(List.of(), blocked, "bank commands judged DANGEROUS");
    }

    /** The guardrail's analyzer: registered with ServiceLoader, else its class by name (no compile-time dependency). */
    static CommandAnalyzer guardrail() {
        Iterator<CommandAnalyzer> it = ServiceLoader.load(CommandAnalyzer.class).iterator();
        if (it.hasNext()) {
            return it.next();
        }
        try {
            return (CommandAnalyzer) Class.forName("io.clituner.guardrails.BashCommandAnalyzer")
                    .getConstructor()
                    .newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    @Test
    void userBanksLoadFromTsvWithCommentsBlanksAndDuplicates(@TempDir Path dir) throws IOException {
        Path tsv = dir.resolve("team.tsv");
        Files.writeString(
                tsv,
                "# our own\n\nlist pods\tkubectl get pods\nlist pods\tkubectl get pods\nshow nodes\tkubectl get nodes\textra column\n");
        ExampleBank bank = ExampleBank.fromTsv(tsv);
        assertEquals("team", bank.name());
        assertEquals(2, bank.size());
        assertTrue(bank.get(0).id().startsWith("team:"));
        assertEquals("kubectl get nodes", bank.get(1).command());
        ExampleBank both = ExampleBank.concat("builtin+team", ExampleBank.builtIn(), bank);
        assertEquals(ExampleBank.builtIn().size() + 2, both.size());
        assertNotEquals(ExampleBank.builtIn().sha256(), both.sha256());
    }

    @Test
    void malformedOrMissingBanksAreTypedErrorsNamingTheLine(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.tsv");
        Files.writeString(bad, "ok\tls\nno tab here\n");
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> ExampleBank.fromTsv(bad));
        assertEquals(ErrorCode.CONFIGURATION, e.code());
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        Path empty = dir.resolve("empty.tsv");
        Files.writeString(empty, "# nothing\n");
        assertThrows(ConfigurationException.class, () -> ExampleBank.fromTsv(empty));
        ConfigurationException missing =
                assertThrows(ConfigurationException.class, () -> ExampleBank.fromTsv(dir.resolve("nope.tsv")));
        assertTrue(missing.getMessage().contains("not found"), missing.getMessage());
    }

    @Test
    void firstProgramSkipsAssignmentsAndSudo() {
        assertEquals("psql", CommandPrograms.first("sudo -u postgres psql"));
        assertEquals("sort", CommandPrograms.first("LC_ALL=C sort names.txt"));
        assertEquals("build.sh", CommandPrograms.first("./build.sh"));
        assertEquals("apt", CommandPrograms.first("sudo apt update"));
        assertEquals("", CommandPrograms.first("   "));
    }
}
