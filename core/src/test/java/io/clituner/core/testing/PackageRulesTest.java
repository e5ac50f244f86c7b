package io.clituner.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.util.List;
import org.junit.jupiter.api.Test;

class PackageRulesTest {
    @Test
    void findsAPackageWithoutNullMarked() {
        JavaClasses classes = new ClassFileImporter().importPackages("io.clituner.core.testing.unmarked");
        assertEquals(List.of("io.clituner.core.testing.unmarked"), PackageRules.unmarkedPackages(classes));
        assertThrows(AssertionError.class, () -> PackageRules.assertEveryPackageNullMarked(classes));
    }

    @Test
    void aMarkedPackagePasses() {
        JavaClasses classes = new ClassFileImporter().importPackages("io.clituner.core.error");
        assertEquals(List.of(), PackageRules.unmarkedPackages(classes));
    }
}
