package io.clituner.guardrails.policy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.clituner.core.RiskLevel;
import io.clituner.core.SafetyLevel;
import io.clituner.core.analysis.Verdict;
import io.clituner.core.error.ConfigurationException;
import io.clituner.core.error.ErrorCode;
import io.clituner.guardrails.BashCommandAnalyzer;
import io.clituner.guardrails.analysis.Invocation;
import io.clituner.guardrails.rules.Rule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Loads a policy by name ("strict", "moderate") or from a JSON/YAML file, compiles its deny
 * rules and checks every rule's examples and counter-examples against the analyzer. Any problem
 * is a {@link ConfigurationException} with {@link ErrorCode#POLICY_INVALID} naming the culprit.
 */
public final class PolicyLoader {
    private static final Pattern PROGRAM_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]*");
    private PolicyLoader() {}

    public static Policy load(String nameOrPath) {
        if (nameOrPath == null || nameOrPath.isBlank()) {
            throw invalid("policy name or file is empty");
        }
        switch (nameOrPath.toLowerCase(Locale.ROOT)) {
            case "strict":
                return Policy.strict();
            case "moderate":
                return Policy.moderate();
            default:
                return load(Path.of(nameOrPath));
        }
    }

    public static Policy load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw invalid("policy file not found: " + file + " (use strict, moderate or a .json/.yaml file)");
        }
        String fn = file.getFileName().toString().toLowerCase(Locale.ROOT);
        ObjectMapper mapper = fn.endsWith(".yaml") || fn.endsWith(".yml") ? new ObjectMapper(new YAMLFactory())
                : new ObjectMapper();
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        PolicyFile pf;
        try {
            pf = mapper.readValue(file.toFile(), PolicyFile.class);
        } catch (IOException e) {
            throw new ConfigurationException(ErrorCode.POLICY_INVALID, "cannot read policy " + file + ": "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (pf == null) {
            throw invalid("policy " + file + " is empty");
        }
        return compile(file.getFileName().toString(), pf);
    }

    public static Policy compile(String name, PolicyFile pf) {
        if (pf.level() == null) {
            throw invalid("policy " + name + ": 'level' is required (STRICT or MODERATE)");
        }
        SafetyLevel level;
        try {
            level = SafetyLevel.valueOf(pf.level().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid("policy " + name + ": level must be STRICT or MODERATE, not '" + pf.level() + "'");
        }
        List<Rule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (DenyRuleSpec spec : pf.denyRules() == null ? List.<DenyRuleSpec>of() : pf.denyRules()) {
            Rule r = compileRule(name, spec);
            if (!ids.add(r.id())) {
                throw invalid("policy " + name + ": duplicate rule id '" + r.id() + "'");
            }
            rules.add(r);
        }
        int min = pf.minOutputLength() == null ? 3 : pf.minOutputLength();
        int max = pf.maxOutputLength() == null ? 200 : pf.maxOutputLength();
        if (min < 1 || max < min || max > 65536) {
            throw invalid("policy " + name + ": output length bounds must satisfy 1 <= min <= max <= 65536, got "
                    + min + ".." + max);
        }
        int escalation = pf.reviewEscalationCount() == null ? 0 : pf.reviewEscalationCount();
        if (escalation < 0) {
            throw invalid("policy " + name + ": reviewEscalationCount must be >= 0");
        }
        Policy p = new Policy(name, level, rules, set(pf.allowedPrograms()), set(pf.ignoredReviewRules()),
                set(pf.escalatedRules()), escalation, min, max);
        verifyExamples(p);
        return p;
    }

    private static Set<String> set(List<String> l) {
        return l == null ? Set.of() : Set.copyOf(l);
    }

    private static Rule compileRule(String name, DenyRuleSpec spec) {
        if (spec.id() == null || !PROGRAM_NAME.matcher(spec.id()).matches()) {
            throw invalid("policy " + name + ": rule id must be lower-case words joined by '.' or '-', got '" + spec.id() + "'");
        }
        if (spec.programs().isEmpty()) {
            throw invalid("policy " + name + ": rule " + spec.id() + " needs 'programs'");
        }
        RiskLevel risk;
        try {
            risk = spec.risk() == null ? RiskLevel.DANGEROUS : RiskLevel.valueOf(spec.risk().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid("policy " + name + ": rule " + spec.id() + " risk must be DANGEROUS or REVIEW");
        }
        if (risk == RiskLevel.SAFE) {
            throw invalid("policy " + name + ": rule " + spec.id() + " risk must be DANGEROUS or REVIEW");
        }
        Pattern pattern = null;
        if (spec.argPattern() != null) {
            try {
                pattern = Pattern.compile(spec.argPattern());
            } catch (PatternSyntaxException e) {
                throw invalid("policy " + name + ": rule " + spec.id() + " has a bad argPattern: " + e.getDescription());
            }
        }
        Pattern p = pattern;
        List<String> contains = spec.argsContain();
        Rule.Builder b = Rule.builder(spec.id()).says(spec.description() == null ? spec.id() : spec.description())
                .on(spec.programs().toArray(String[]::new))
                .when((Invocation inv) -> {
                    for (String c : contains) {
                        if (!inv.hasArg(c)) {
                            return null;
                        }
                    }
                    if (p != null && !p.matcher(inv.display()).find()) {
                        return null;
                    }
                    return "policy rule";
                })
                .examples(spec.examples().toArray(String[]::new))
                .counter(spec.counterExamples().toArray(String[]::new));
        if (risk == RiskLevel.REVIEW) {
            b.review();
        }
        return b.build();
    }

    private static void verifyExamples(Policy p) {
        BashCommandAnalyzer analyzer = new BashCommandAnalyzer(p);
        for (Rule r : p.extraRules()) {
            for (String ex : r.examples()) {
                Verdict v = analyzer.analyze(ex, p.level());
                if (!v.ruleIds().contains(r.id())) {
                    throw invalid("policy " + p.name() + ": rule " + r.id() + " does not match its example: " + ex);
                }
            }
            for (String ex : r.counterExamples()) {
                Verdict v = analyzer.analyze(ex, p.level());
                if (v.ruleIds().contains(r.id())) {
                    throw invalid("policy " + p.name() + ": rule " + r.id() + " matches its counter-example: " + ex);
                }
            }
        }
    }

    private static ConfigurationException invalid(String message) {
        return new ConfigurationException(ErrorCode.POLICY_INVALID, message);
    }
}
