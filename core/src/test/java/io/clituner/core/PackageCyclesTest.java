package io.clituner.core;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Every package of core is its own slice (the root package too); no two may depend on each other,
 * with one known, named exception.
 *
 * <p>Core still has cycles through its root package: {@link Pipeline} (root) uses every stage
 * package, the stage packages use the root's records, and three root records reach into a stage
 * package ({@code CommandRequest} → {@code ingress.SafeQuery}, {@code CommandResponse} →
 * {@code egress.SignedEnvelope}, {@code ValidatedCommand} → {@code analysis.Verdict}). Breaking them
 * moves {@code Pipeline} and those types, which every module imports. Until then only these four
 * types' dependencies are left out of the check: any other cycle (between stage packages, or a new
 * root type reaching into a stage package) fails.
 */
class PackageCyclesTest {
    @Test
    void noPackageCyclesBeyondTheKnownRootOnes() {
        slices().matching("io.clituner.(**)").should().beFreeOfCycles()
                .ignoreDependency(belongToAnyOf(Pipeline.class, CommandRequest.class, CommandResponse.class, ValidatedCommand.class),
                        resideInAPackage("io.clituner.core.."))
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.clituner.core"));
    }
}
