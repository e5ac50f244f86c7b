package io.clituner.guardrails;

import io.clituner.core.RiskLevel;
import io.clituner.core.SafetyLevel;
import io.clituner.core.analysis.CommandAnalyzer;
import io.clituner.core.analysis.Finding;
import io.clituner.core.analysis.Verdict;
import io.clituner.guardrails.internal.analysis.Invocation;
import io.clituner.guardrails.internal.analysis.Reporter;
import io.clituner.guardrails.internal.analysis.RuleRunner;
import io.clituner.guardrails.internal.analysis.Walker;
import io.clituner.guardrails.internal.rules.Rule;
import io.clituner.guardrails.internal.rules.RuleBook;
import io.clituner.guardrails.internal.rules.RuleBookDigest;
import io.clituner.guardrails.policy.Limits;
import io.clituner.guardrails.policy.Policy;
import io.clituner.guardrails.rules.RuleInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link CommandAnalyzer}: parses the command with a hand-written bash parser, walks
 * it the way bash would run it (expansions, variables, wrappers, nested code), and judges every
 * canonical invocation with the {@link RuleBook}. Thread-safe; never throws; fails closed.
 */
public final class BashCommandAnalyzer implements CommandAnalyzer {
    private static final Logger LOG = LoggerFactory.getLogger(BashCommandAnalyzer.class);
    /**
     * The built-in rule book's version, part of response-cache keys: a readable prefix and a hash of the rule
     * definitions and the guardrails' code ({@link RuleBookDigest}), so a changed rule always changes it.
     */
    public static final String RULES_VERSION = RuleBookDigest.version("guardrails-2026.12.1");

    static final String INTERNAL_ERROR = "analysis.internal-error";

    private final Policy policy;
    private final RuleBook rules;
    private final List<RuleInfo> ruleInfos;
    private final RuleRunner runner;
    private final Limits limits;
    private final String version;

    /** STRICT policy with the built-in rules. */
    public BashCommandAnalyzer() {
        this(Policy.strict());
    }

    public BashCommandAnalyzer(Policy policy) {
        this(policy, Limits.DEFAULT);
    }

    public BashCommandAnalyzer(Policy policy, Limits limits) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.rules = RuleBook.defaults().with(PolicyLoader.rules(policy.name(), policy.denyRules()));
        this.ruleInfos = rules.all().stream().map(BashCommandAnalyzer::info).toList();
        this.limits = Objects.requireNonNull(limits, "limits");
        this.version = RULES_VERSION + "+" + policy.fingerprint();
        this.runner = policy.allowedPrograms().isEmpty() ? rules : rules.judgingWith(this::evaluateAllowing);
    }

    public Policy policy() {
        return policy;
    }

    /** The rules this analyzer judges with, read-only: the built-in ones, then the policy's, in book order. */
    public List<RuleInfo> rules() {
        return ruleInfos;
    }

    private static RuleInfo info(Rule r) {
        return new RuleInfo(r.id(), r.risk(), r.strictOnly(), r.description(), r.examples(), r.counterExamples());
    }

    /** Analyses with the policy's own level. */
    public Verdict analyze(String command) {
        return analyze(command, policy.level());
    }

    @Override
    public Verdict analyze(String command, SafetyLevel level) {
        String src = command == null ? "" : command;
        SafetyLevel lvl = level == null ? policy.level() : level;
        Map<String, int[]> hits = new LinkedHashMap<>();
        Map<String, String> details = new LinkedHashMap<>();
        try {
            Walker walker = new Walker(
                    runner,
                    (id, start, end, detail) -> {
                        String key = id + "@" + start + ":" + end;
                        if (!hits.containsKey(key)) {
                            hits.put(key, new int[] {start, end});
                            details.put(key, detail);
                        }
                    },
                    limits);
            walker.analyze(src);
        } catch (RuntimeException e) {
            // A defect in the analyzer must not turn into a SAFE verdict.
            LOG.warn("guardrail analysis failed for a command of {} chars", src.length(), e);
            RiskLevel r = lvl == SafetyLevel.STRICT ? RiskLevel.DANGEROUS : RiskLevel.REVIEW;
            return Verdict.of(List.of(
                    new Finding(INTERNAL_ERROR, r, "the analyzer could not judge this command", 0, src.length())));
        }
        List<Finding> findings = new ArrayList<>();
        Set<String> reviewRules = new HashSet<>();
        for (Map.Entry<String, int[]> e : hits.entrySet()) {
            String key = e.getKey();
            String id = key.substring(0, key.lastIndexOf('@'));
            Rule rule = rules.rule(id).orElse(null);
            if (rule == null) {
                continue;
            }
            RiskLevel risk = rule.risk();
            if (rule.strictOnly() && lvl == SafetyLevel.MODERATE) {
                risk = RiskLevel.REVIEW;
            }
            if (risk == RiskLevel.REVIEW) {
                if (policy.ignoredReviewRules().contains(id)) {
                    continue;
                }
                if (policy.escalatedRules().contains(id)) {
                    risk = RiskLevel.DANGEROUS;
                }
                reviewRules.add(id);
            }
            int start = Math.max(0, Math.min(e.getValue()[0], src.length()));
            int end = Math.max(start, Math.min(e.getValue()[1], src.length()));
            String detail = details.get(key);
            findings.add(new Finding(
                    id,
                    risk,
                    rule.description() + (detail == null || detail.isEmpty() ? "" : ": " + detail),
                    start,
                    end));
        }
        if (policy.reviewEscalationCount() > 0 && reviewRules.size() >= policy.reviewEscalationCount()) {
            findings.add(new Finding(
                    "policy.review-escalation",
                    RiskLevel.DANGEROUS,
                    reviewRules.size() + " review findings reach the policy's escalation threshold",
                    0,
                    src.length()));
        }
        return Verdict.of(findings);
    }

    /** Allowed programs lose their REVIEW findings; DANGEROUS ones always stand. */
    private void evaluateAllowing(Invocation inv, Reporter reporter) {
        if (!policy.allowedPrograms().contains(inv.name())) {
            rules.evaluate(inv, reporter);
            return;
        }
        rules.evaluate(inv, (id, start, end, detail) -> {
            Rule r = rules.rule(id).orElse(null);
            if (r == null || r.risk() == RiskLevel.DANGEROUS) {
                reporter.report(id, start, end, detail);
            }
        });
    }

    @Override
    public String policyVersion() {
        return version;
    }
}
