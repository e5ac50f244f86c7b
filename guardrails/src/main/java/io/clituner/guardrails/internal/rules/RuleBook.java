package io.clituner.guardrails.internal.rules;

import io.clituner.guardrails.internal.analysis.Invocation;
import io.clituner.guardrails.internal.analysis.Reporter;
import io.clituner.guardrails.internal.analysis.RuleRunner;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The set of rules in force, indexed by program name so an invocation only meets the rules that
 * can apply to it. Rules on every invocation run in book order after the program's own rules; a
 * rule with a {@link Rule.Gate} is skipped, through one bit mask per invocation, when its gate does
 * not admit the invocation. Immutable and thread-safe.
 */
public final class RuleBook implements RuleRunner {
    private final Map<String, Rule> byId;
    private final Map<String, List<Rule>> byProgram;
    private final List<Rule> anyProgram;
    /** The first 64 rules on every invocation, in book order; bit i of the masks below stands for anyRules[i]. */
    private final Rule[] anyRules;

    private final long ungated;
    private final long onRedirect;
    private final long onTreeWalk;
    private final Map<String, Long> byGateProgram;
    /** Rules on every invocation past the 64th, run ungated (a policy would need dozens of extra rules to get here). */
    private final List<Rule> overflow;
    /** Programs named by a DANGEROUS rule (its program list or its gate). */
    private final java.util.Set<String> blocking;
    /** A DANGEROUS rule looks at every invocation without a gate: any program may be blocked. */
    private final boolean blocksAny;

    public RuleBook(List<Rule> rules) {
        Map<String, Rule> ids = new LinkedHashMap<>();
        Map<String, List<Rule>> index = new HashMap<>();
        List<Rule> any = new ArrayList<>();
        for (Rule r : rules) {
            if (ids.putIfAbsent(r.id(), r) != null) {
                throw new IllegalArgumentException("duplicate rule id " + r.id());
            }
            java.util.Set<String> programs = r.programs();
            if (programs == null) { // structural: raised by the walker
                continue;
            }
            if (programs.isEmpty()) {
                any.add(r);
            } else {
                for (String p : programs) {
                    index.computeIfAbsent(p, k -> new ArrayList<>()).add(r);
                }
            }
        }
        this.byId = Collections.unmodifiableMap(ids);
        this.byProgram = index;
        this.anyProgram = List.copyOf(any);
        int n = Math.min(any.size(), Long.SIZE);
        this.anyRules = any.subList(0, n).toArray(new Rule[0]);
        this.overflow = List.copyOf(any.subList(n, any.size()));
        long always = 0;
        long redirect = 0;
        long tree = 0;
        Map<String, Long> gated = new HashMap<>();
        for (int i = 0; i < n; i++) {
            long bit = 1L << i;
            Rule.Gate g = anyRules[i].gate();
            if (g == null) {
                always |= bit;
                continue;
            }
            redirect |= g.redirected() ? bit : 0;
            tree |= g.treeWalk() ? bit : 0;
            for (String p : g.programs()) {
                gated.merge(p, bit, (a, b) -> a | b);
            }
        }
        java.util.Set<String> blockers = new java.util.HashSet<>();
        boolean all = false;
        for (Rule r : ids.values()) {
            java.util.Set<String> programs = r.programs();
            if (r.risk() != io.clituner.core.RiskLevel.DANGEROUS || programs == null) {
                continue;
            }
            blockers.addAll(programs);
            Rule.Gate gate = r.gate();
            if (gate != null) {
                blockers.addAll(gate.programs());
            }
            all |= programs.isEmpty() && gate == null; // an ungated rule on every invocation
        }
        this.blocking = java.util.Set.copyOf(blockers);
        this.blocksAny = all;
        this.ungated = always;
        this.onRedirect = redirect;
        this.onTreeWalk = tree;
        this.byGateProgram = Map.copyOf(gated);
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
        all.addAll(ResolvedPathRules.rules());
        all.addAll(PowerRules.rules());
        all.addAll(ArchiveRules.rules());
        all.addAll(LockoutRules.rules());
        all.addAll(ExhaustionRules.rules());
        all.addAll(ContainerHostRules.rules());
        all.addAll(UploadRules.rules());
        all.addAll(PersistenceRules.rules());
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
        applySpecific(name, inv, reporter);
        long run = ungated;
        if (!inv.redirects().isEmpty()) {
            run |= onRedirect;
        }
        if (inv.treeWalk()) {
            run |= onTreeWalk;
        }
        Long forName = byGateProgram.get(name);
        if (forName != null) {
            run |= forName;
        }
        for (; run != 0; run &= run - 1) {
            apply(anyRules[Long.numberOfTrailingZeros(run)], inv, reporter);
        }
        for (Rule r : overflow) {
            apply(r, inv, reporter);
        }
    }

    @Override
    public boolean knows(String program) {
        return byProgram.containsKey(program) || byGateProgram.containsKey(program);
    }

    @Override
    public boolean mayBlock(String program) {
        return blocksAny || blocking.contains(program);
    }

    @Override
    public boolean dangerous(String ruleId) {
        Rule r = byId.get(ruleId);
        return r != null && r.risk() == io.clituner.core.RiskLevel.DANGEROUS;
    }

    /** Every rule that could apply, gates ignored: the reference that the gates are tested against. */
    void evaluateUngated(Invocation inv, Reporter reporter) {
        applySpecific(inv.name(), inv, reporter);
        for (Rule r : anyProgram) {
            apply(r, inv, reporter);
        }
    }

    private void applySpecific(String name, Invocation inv, Reporter reporter) {
        List<Rule> specific = name.isEmpty() ? null : byProgram.get(name);
        if (specific == null && name.length() > 5 && name.startsWith("mkfs.")) {
            specific = byProgram.get("mkfs");
        }
        if (specific != null) {
            for (Rule r : specific) {
                apply(r, inv, reporter);
            }
        }
    }

    private static void apply(Rule r, Invocation inv, Reporter reporter) {
        String detail = r.matcher().match(inv);
        if (detail != null) {
            reporter.report(r.id(), inv.start(), inv.end(), detail);
        }
    }
}
