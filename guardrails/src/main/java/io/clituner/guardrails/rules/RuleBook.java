package io.clituner.guardrails.rules;

import io.clituner.guardrails.analysis.Invocation;
import io.clituner.guardrails.analysis.Reporter;
import io.clituner.guardrails.analysis.RuleRunner;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The set of rules in force, indexed by program name so an invocation only meets the rules that
 * can apply to it. Immutable and thread-safe.
 */
public final class RuleBook implements RuleRunner {
    private final Map<String, Rule> byId;
    private final Map<String, List<Rule>> byProgram;
    private final List<Rule> anyProgram;

    public RuleBook(List<Rule> rules) {
        Map<String, Rule> ids = new LinkedHashMap<>();
        Map<String, List<Rule>> index = new HashMap<>();
        List<Rule> any = new ArrayList<>();
        for (Rule r : rules) {
            if (ids.putIfAbsent(r.id(), r) != null) {
                throw new IllegalArgumentException("duplicate rule id " + r.id());
            }
            if (r.structural()) {
                continue;
            }
            if (r.programs().isEmpty()) {
                any.add(r);
            } else {
                for (String p : r.programs()) {
                    index.computeIfAbsent(p, k -> new ArrayList<>()).add(r);
                }
            }
        }
        this.byId = Collections.unmodifiableMap(ids);
        this.byProgram = index;
        this.anyProgram = List.copyOf(any);
    }

    /** The built-in rules, grouped by family. */
    public static List<Rule> defaultRules() {
        List<Rule> all = new ArrayList<>();
        all.addAll(DeletionRules.rules());
        all.addAll(DiskRules.rules());
        all.addAll(SystemFileRules.rules());
        all.addAll(NetworkRules.rules());
        all.addAll(SystemRules.rules());
        all.addAll(ReviewRules.rules());
        all.addAll(StructuralRules.rules());
        return all;
    }

    public static RuleBook defaults() {
        return new RuleBook(defaultRules());
    }

    public RuleBook with(List<Rule> extra) {
        List<Rule> all = new ArrayList<>(byId.values());
        all.addAll(extra);
        return new RuleBook(all);
    }

    public Optional<Rule> rule(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public List<Rule> all() {
        return List.copyOf(byId.values());
    }

    @Override
    public void evaluate(Invocation inv, Reporter reporter) {
        String name = inv.name();
        List<Rule> specific = name.isEmpty() ? null : byProgram.get(name);
        if (specific == null && name.length() > 5 && name.startsWith("mkfs.")) {
            specific = byProgram.get("mkfs");
        }
        if (specific != null) {
            for (Rule r : specific) {
                apply(r, inv, reporter);
            }
        }
        for (Rule r : anyProgram) {
            apply(r, inv, reporter);
        }
    }

    private static void apply(Rule r, Invocation inv, Reporter reporter) {
        String detail = r.matcher().match(inv);
        if (detail != null) {
            reporter.report(r.id(), inv.start(), inv.end(), detail);
        }
    }
}
