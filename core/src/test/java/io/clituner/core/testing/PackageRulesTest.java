package io.clituner.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The null-marked rule itself: it finds a package without {@code @NullMarked} and passes a marked one. */
class PackageRulesTest {
    @Test
    void findsAPackageWithoutNullMarked() {
        assertEquals(
                List.of("io.clituner.core.testing.unmarked"),
                PackageRules.unmarkedPackages(
                        new ClassFileImporter().importPackages("io.clituner.core.testing.unmarked")));
    }

    @Test
    void aMarkedPackagePasses() {
        assertEquals(
                List.of(),
                PackageRules.unmarkedPackages(new ClassFileImporter().importPackages("io.clituner.core.error")));
    }
}
