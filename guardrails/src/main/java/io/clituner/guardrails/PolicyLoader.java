package io.clituner.guardrails;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.clituner.core.RiskLevel;
import io.clituner.core.SafetyLevel;
import io.clituner.core.analysis.Verdict;
import io.clituner.core.error.ConfigurationException;
import io.clituner.core.error.ErrorCode;
import io.clituner.guardrails.internal.analysis.Invocation;
import io.clituner.guardrails.internal.rules.Rule;
import io.clituner.guardrails.policy.DenyRuleSpec;
import io.clituner.guardrails.policy.Policy;
import io.clituner.guardrails.policy.PolicyFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

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
        return switch (nameOrPath.toLowerCase(Locale.ROOT)) {
            case "strict" -> Policy.strict();
            case "moderate" -> Policy.moderate();
            default -> load(Path.of(nameOrPath));
        };
    }

    public static Policy load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw invalid("policy file not found: " + file + " (use strict, moderate or a .json/.yaml file)");
        }
        String fn = file.getFileName().toString().toLowerCase(Locale.ROOT);
        ObjectMapper mapper =
                fn.endsWith(".yaml") || fn.endsWith(".yml") ? new ObjectMapper(new YAMLFactory()) : new ObjectMapper();
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        PolicyFile pf;
        try {
            pf = mapper.readValue(file.toFile(), PolicyFile.class);
        } catch (IOException e) {
            throw new ConfigurationException(
                    ErrorCode.POLICY_INVALID,
                    "cannot read policy " + file + ": "
                            + Optional.ofNullable(e.getMessage())
                                    .flatMap(m -> m.lines().findFirst())
                                    .orElse(""),
                    e);
        }
        if (pf == null) {
            throw invalid("policy " + file + " is empty");
        }
        return compile(file.getFileName().toString(), pf);
    }

    public static Policy compile(String name, PolicyFile pf) {
        String levelName = pf.level();
        if (levelName == null) {
            throw invalid("policy " + name + ": 'level' is required (STRICT or MODERATE)");
        }
        SafetyLevel level;
        try {
            level = SafetyLevel.valueOf(levelName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid("policy " + name + ": level must be STRICT or MODERATE, not '" + levelName + "'");
        }
        List<DenyRuleSpec> denyRules = pf.denyRules();
        List<DenyRuleSpec> specs = denyRules == null ? List.of() : denyRules;
        rules(name, specs); // a bad or duplicate rule fails here, naming it
        int min = Optional.ofNullable(pf.minOutputLength()).orElse(3);
        int max = Optional.ofNullable(pf.maxOutputLength()).orElse(200);
        if (min < 1 || max < min || max > 65536) {
            throw invalid("policy " + name + ": output length bounds must satisfy 1 <= min <= max <= 65536, got " + min
                    + ".." + max);
        }
        int escalation = Optional.ofNullable(pf.reviewEscalationCount()).orElse(0);
        if (escalation < 0) {
            throw invalid("policy " + name + ": reviewEscalationCount must be >= 0");
        }
        Policy p = new Policy(
                name,
                level,
                specs,
                set(pf.allowedPrograms()),
                set(pf.ignoredReviewRules()),
                set(pf.escalatedRules()),
                escalation,
                min,
                max);
        verifyExamples(p);
        return p;
    }

    /** The deny rules compiled for the rule book; a bad or duplicate rule is POLICY_INVALID naming it. */
    static List<Rule> rules(String policyName, List<DenyRuleSpec> specs) {
        List<Rule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (DenyRuleSpec spec : specs) {
            Rule r = compileRule(policyName, spec);
            if (!ids.add(r.id())) {
                throw invalid("policy " + policyName + ": duplicate rule id '" + r.id() + "'");
            }
            rules.add(r);
        }
        return rules;
    }

    private static Set<String> set(@Nullable List<String> l) {
        return l == null ? Set.of() : Set.copyOf(l);
    }

    private static Rule compileRule(String name, DenyRuleSpec spec) {
        String id = spec.id();
        if (id == null || !PROGRAM_NAME.matcher(id).matches()) {
            throw invalid(
                    "policy " + name + ": rule id must be lower-case words joined by '.' or '-', got '" + id + "'");
        }
        if (spec.programs().isEmpty()) {
            throw invalid("policy " + name + ": rule " + id + " needs 'programs'");
        }
        String riskName = spec.risk();
        RiskLevel risk;
        try {
            risk = riskName == null ? RiskLevel.DANGEROUS : RiskLevel.valueOf(riskName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid("policy " + name + ": rule " + id + " risk must be DANGEROUS or REVIEW");
        }
        if (risk == RiskLevel.SAFE) {
            throw invalid("policy " + name + ": rule " + id + " risk must be DANGEROUS or REVIEW");
        }
        Pattern pattern = null;
        String argPattern = spec.argPattern();
        if (argPattern != null) {
            try {
                pattern = Pattern.compile(argPattern);
            } catch (PatternSyntaxException e) {
                throw invalid("policy " + name + ": rule " + id + " has a bad argPattern: " + e.getDescription());
            }
        }
        Pattern p = pattern;
        List<String> contains = spec.argsContain();
        String description = spec.description();
        Rule.Builder b = Rule.builder(id)
                .says(description == null ? id : description)
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
        for (Rule r : rules(p.name(), p.denyRules())) {
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
