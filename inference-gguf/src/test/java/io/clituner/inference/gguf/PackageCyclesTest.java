package io.clituner.inference.gguf;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Every package of this module is its own slice (the root package too); no two may depend on each other. */
class PackageCyclesTest {
    @Test
    void noPackageCycles() {
        slices().matching("io.clituner.(**)")
                .should()
                .beFreeOfCycles()
                .check(new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.clituner.inference.gguf"));
    }
}
