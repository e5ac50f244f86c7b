package io.clituner.guardrails.metamorphic;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.clituner.core.RiskLevel;
import io.clituner.core.SafetyLevel;
import io.clituner.core.analysis.Verdict;
import io.clituner.guardrails.BashCommandAnalyzer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Invariance, not lines: every semantics-preserving rewrite of a dangerous seed ({@link Rewrites}: spelling, program
 * forms, exec wrappers, code wrappings nested up to three deep) must stay DANGEROUS (judged at MODERATE, the weaker
 * level), and every rewrite of an everyday command must stay below DANGEROUS (judged at STRICT). The random
 * compositions are drawn from a fixed seed, printed with every failure; {@code -Dclituner.metamorphic.seed=N} replays
 * another one and {@code -Dclituner.metamorphic.perSeed=N} draws more variants per seed.
 */
class MetamorphicVerdictTest {
    private static final BashCommandAnalyzer ANALYZER = new BashCommandAnalyzer();
    private static final long SEED = Long.getLong("clituner.metamorphic.seed", 0x5EED_2026_1202L);
    private static final int PER_SEED = Integer.getInteger("clituner.metamorphic.perSeed", 60);

    private record Failure(Seed seed, Rewrites.Variant variant, Verdict verdict) {
        @Override
        public String toString() {
            return "seed command: " + seed.text() + "\n  rewrites: " + variant.steps() + "\n  variant: "
                    + variant.code().replace("\n", "\\n") + "\n  verdict: " + verdict.risk() + " "
                    + verdict.findings().stream().map(f -> f.ruleId()).collect(Collectors.toList());
        }
    }

    @Test
    void seedsHaveTheirVerdicts() {
        List<String> wrong = new ArrayList<>();
        for (Seed s : Seeds.DANGEROUS) {
            if (ANALYZER.analyze(s.text(), SafetyLevel.MODERATE).risk() != RiskLevel.DANGEROUS) {
                wrong.add("not DANGEROUS: " + s.text());
            }
        }
        for (Seed s : Seeds.SAFE) {
            if (ANALYZER.analyze(s.text(), SafetyLevel.STRICT).risk() == RiskLevel.DANGEROUS) {
                wrong.add("DANGEROUS: " + s.text());
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    /** Each program form and each code wrapping alone, on every seed it applies to. */
    @Test
    void everyRewriteAloneKeepsTheVerdict() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        List<Failure> failures = new ArrayList<>();
        int checked = 0;
        for (boolean dangerous : new boolean[] {true, false}) {
            for (Seed s : dangerous ? Seeds.DANGEROUS : Seeds.SAFE) {
                List<Rewrites.Variant> variants = new ArrayList<>();
                for (String form : Rewrites.CODE_FORMS) {
                    variants.add(Rewrites.codeForm(s, form.equals("sh -c") && s.bashOnly() ? "bash -c" : form));
                }
                for (String form : s.structural() ? List.<String>of() : Rewrites.PROGRAM_FORMS) {
                    Rewrites.Variant v = Rewrites.programForm(s, form, rnd);
                    if (v != null) {
                        variants.add(v);
                    }
                }
                for (Rewrites.Variant v : variants) {
                    checked++;
                    check(s, v, dangerous, failures);
                }
            }
        }
        System.out.printf(
                "metamorphic: %d single rewrites of %d seeds (seed %d)%n",
                checked, Seeds.DANGEROUS.size() + Seeds.SAFE.size(), SEED);
        report(failures, checked, "single rewrites");
    }

    /** Random compositions: spelling × program form × up to two wrappers × up to three code wrappings. */
    @Test
    void composedRewritesKeepTheVerdict() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        List<Failure> failures = new ArrayList<>();
        TreeMap<String, Integer> stepCounts = new TreeMap<>();
        int checked = 0;
        for (boolean dangerous : new boolean[] {true, false}) {
            for (Seed s : dangerous ? Seeds.DANGEROUS : Seeds.SAFE) {
                Set<String> seen = new LinkedHashSet<>();
                for (int k = 0; k < PER_SEED * 3 && seen.size() < PER_SEED; k++) {
                    Rewrites.Variant v = Rewrites.variant(s, rnd);
                    if (!seen.add(v.code())) {
                        continue;
                    }
                    for (String step : v.steps()) {
                        stepCounts.merge(step.startsWith("wrapper") ? "wrapper" : step, 1, Integer::sum);
                    }
                    checked++;
                    check(s, v, dangerous, failures);
                }
            }
        }
        assertTrue(checked >= 3_000, "only " + checked + " distinct variants");
        for (String form : Rewrites.PROGRAM_FORMS) {
            assertTrue(stepCounts.getOrDefault(form, 0) > 0, "program form never drawn: " + form);
        }
        for (String form : Rewrites.CODE_FORMS) {
            assertTrue(stepCounts.getOrDefault(form, 0) > 0, "code form never drawn: " + form);
        }
        System.out.printf("metamorphic: %d composed variants (seed %d): %s%n", checked, SEED, stepCounts);
        report(failures, checked, "composed rewrites " + stepCounts);
    }

    private static void check(Seed s, Rewrites.Variant v, boolean dangerous, List<Failure> failures) {
        Verdict verdict = ANALYZER.analyze(v.code(), dangerous ? SafetyLevel.MODERATE : SafetyLevel.STRICT);
        if ((verdict.risk() == RiskLevel.DANGEROUS) != dangerous) {
            failures.add(new Failure(s, v, verdict));
        }
    }

    private static void report(List<Failure> failures, int checked, String what) {
        if (!failures.isEmpty()) {
            String shown = failures.stream()
                    .limit(Integer.getInteger("clituner.metamorphic.show", 40))
                    .map(Failure::toString)
                    .collect(Collectors.joining("\n"));
            fail(failures.size() + " of " + checked + " variants changed verdict (" + what + "; random seed " + SEED
                    + ", replay with -Dclituner.metamorphic.seed=" + SEED + "):\n" + shown);
        }
    }
}
