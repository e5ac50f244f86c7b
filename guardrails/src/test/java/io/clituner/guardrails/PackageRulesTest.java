package io.clituner.guardrails;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.clituner.core.testing.PackageRules;
import org.junit.jupiter.api.Test;

/** This module's main code keeps the project's package rules (see {@link PackageRules}). */
class PackageRulesTest {
    private static final JavaClasses CLASSES = PackageRules.mainClasses("io.clituner.guardrails");

    @Test
    void noPackageCycles() {
        PackageRules.assertNoPackageCycles(CLASSES);
    }

    @Test
    void everyPackageIsNullMarked() {
        PackageRules.assertEveryPackageNullMarked(CLASSES);
    }
}
