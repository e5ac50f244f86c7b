package io.clituner.core;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClass;
import io.clituner.core.testing.PackageRules;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Core's packages keep the project's {@link PackageRules} and form one-way layers (core/README.md, "Layers"): every package is its own slice (the root
 * package too) and none may depend on another that depends back on it; and each package depends only on the
 * core packages this table allows, so a new dependency is a visible decision here and in the README.
 */
class PackageCyclesTest extends PackageRules {
    private static final String CORE = "io.clituner.core";

    /** Package (relative to io.clituner.core; "" is the root) → the core packages it may use. */
    static final Map<String, Set<String>> MAY_USE = Map.ofEntries(
            Map.entry("hash", Set.of()),
            Map.entry("", Set.of()),
            Map.entry("analysis", Set.of("")),
            Map.entry("error", Set.of("", "analysis")),
            Map.entry("lifecycle", Set.of("error")),
            Map.entry("engine.options", Set.of("error")),
            Map.entry("engine", Set.of("", "error", "engine.options", "hash")),
            Map.entry("prompt", Set.of("", "engine", "hash")),
            Map.entry("ingress", Set.of("", "error", "prompt")),
            Map.entry("egress", Set.of("")),
            Map.entry("metrics", Set.of("")),
            Map.entry("internal.cache", Set.of("", "analysis")),
            Map.entry("internal.egress", Set.of("", "analysis", "egress", "engine", "hash")),
            Map.entry(
                    "pipeline",
                    Set.of(
                            "",
                            "analysis",
                            "egress",
                            "engine",
                            "error",
                            "ingress",
                            "internal.cache",
                            "internal.egress",
                            "lifecycle",
                            "metrics",
                            "prompt")));

    PackageCyclesTest() {
        super(CORE);
    }

    @Test
    void everyPackageIsInTheTable() {
        Set<String> packages = mainClasses().stream()
                .map(JavaClass::getPackageName)
                .map(PackageCyclesTest::relative)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(
                new TreeSet<>(MAY_USE.keySet()),
                packages,
                "core/README.md's layer table and MAY_USE list every package");
    }

    static Stream<String> packages() {
        return MAY_USE.keySet().stream().sorted();
    }

    @ParameterizedTest
    @MethodSource("packages")
    void usesOnlyTheLayersBelowIt(String pkg) {
        Set<String> allowed = new TreeSet<>(MAY_USE.get(pkg));
        allowed.add(pkg);
        String[] allowedPackages =
                allowed.stream().map(PackageCyclesTest::absolute).toArray(String[]::new);
        noClasses()
                .that()
                .resideInAPackage(absolute(pkg))
                .should()
                .dependOnClassesThat(resideInAPackage(CORE + "..").and(not(resideInAnyPackage(allowedPackages))))
                .because("core/README.md's layers: " + (pkg.isEmpty() ? "the root" : pkg) + " may use only "
                        + MAY_USE.get(pkg))
                .check(mainClasses());
    }

    private static String relative(String pkg) {
        return pkg.equals(CORE) ? "" : pkg.substring(CORE.length() + 1);
    }

    private static String absolute(String pkg) {
        return pkg.isEmpty() ? CORE : CORE + "." + pkg;
    }
}
