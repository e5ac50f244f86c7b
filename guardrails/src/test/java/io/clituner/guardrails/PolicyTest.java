package io.clituner.guardrails;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.core.RiskLevel;
import io.clituner.core.SafetyLevel;
import io.clituner.core.error.ConfigurationException;
import io.clituner.core.error.ErrorCode;
import io.clituner.guardrails.policy.Policy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void builtInPoliciesDifferOnUnresolvableCode() {
        BashCommandAnalyzer strict = new BashCommandAnalyzer(PolicyLoader.load("strict"));
        BashCommandAnalyzer moderate = new BashCommandAnalyzer(PolicyLoader.load("MODERATE"));
        assertEquals(RiskLevel.DANGEROUS, strict.analyze("bash -c \"$CMD\"").risk());
        assertEquals(RiskLevel.REVIEW, moderate.analyze("bash -c \"$CMD\"").risk());
        assertEquals(RiskLevel.DANGEROUS, moderate.analyze("rm -rf /").risk());
        assertNotEquals(strict.policyVersion(), moderate.policyVersion());
    }

    @Test
    void yamlPolicyAddsADenyRuleCheckedAgainstItsExamples() throws IOException {
        Path p = write("team.yaml", """
                level: MODERATE
                denyRules:
                  - id: team.no-force-push
                    description: never force-push
                    programs: [git]
                    argsContain: [push]
                    argPattern: "(--force|-f)( |$)"
                    examples: ["git push --force origin main", "sudo git push -f"]
                    counterExamples: ["git push origin main"]
                allowedPrograms: [docker]
                maxOutputLength: 120
                """);
        Policy policy = PolicyLoader.load(p.toString());
        assertEquals(SafetyLevel.MODERATE, policy.level());
        BashCommandAnalyzer a = new BashCommandAnalyzer(policy);
        assertEquals(
                RiskLevel.DANGEROUS, a.analyze("git push --force origin main").risk());
        assertTrue(a.analyze("git push --force origin main").ruleIds().contains("team.no-force-push"));
        assertEquals(120, policy.maxOutputLength());
        assertEquals(RiskLevel.SAFE, a.analyze("docker system prune -f").risk());
        assertEquals(
                RiskLevel.REVIEW,
                new BashCommandAnalyzer().analyze("docker system prune -f").risk());
        assertEquals(RiskLevel.DANGEROUS, a.analyze("docker run x; rm -rf /").risk());
    }

    @Test
    void jsonPolicyWithEscalation() throws IOException {
        Path p = write("p.json", "{\"level\":\"STRICT\",\"escalatedRules\":[\"review.git-destructive\"]}");
        BashCommandAnalyzer a = new BashCommandAnalyzer(PolicyLoader.load(p));
        assertEquals(RiskLevel.DANGEROUS, a.analyze("git reset --hard").risk());
        assertEquals(
                RiskLevel.REVIEW,
                new BashCommandAnalyzer().analyze("git reset --hard").risk());
    }

    @Test
    void badPoliciesAreTypedErrors() throws IOException {
        Path failingExample = write("bad1.yaml", """
                level: STRICT
                denyRules:
                  - id: bad.rule
                    programs: [ls]
                    argsContain: [-Z]
                    examples: ["ls -la"]
                """);
        Path matchesCounter = write("bad2.yaml", """
                level: STRICT
                denyRules:
                  - id: bad.counter
                    programs: [ls]
                    counterExamples: ["ls"]
                """);
        Path noLevel = write("bad3.json", "{}");
        Path unknownField = write("bad4.json", "{\"level\":\"STRICT\",\"colour\":\"red\"}");
        Path badLevel = write("bad5.json", "{\"level\":\"LAX\"}");
        Path badRegex = write(
                "bad6.json",
                "{\"level\":\"STRICT\",\"denyRules\":[{\"id\":\"x.y\",\"programs\":[\"ls\"],\"argPattern\":\"(\"}]}");
        for (Path bad : new Path[] {
            failingExample, matchesCounter, noLevel, unknownField, badLevel, badRegex, dir.resolve("missing.yaml")
        }) {
            ConfigurationException e =
                    assertThrows(ConfigurationException.class, () -> PolicyLoader.load(bad.toString()), bad.toString());
            assertEquals(ErrorCode.POLICY_INVALID, e.code());
        }
    }
}
