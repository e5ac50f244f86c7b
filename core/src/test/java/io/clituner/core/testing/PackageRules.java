package io.clituner.core.testing;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.Test;

/**
 * The package rules every module's main code keeps; each module's {@code PackageRulesTest} extends this with its
 * root package. No package cycle (every package is its own slice, the root package too), and every package
 * {@link NullMarked}, so that JSpecify-aware tools and Kotlin callers see the nullness NullAway enforces.
 */
public abstract class PackageRules {
    /** JMH writes its benchmark harness into this package at build time; it is not ours to annotate. */
    private static final String GENERATED = ".jmh_generated";

    private final JavaClasses classes;

    protected PackageRules(String rootPackage) {
        this.classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(rootPackage);
    }

    /** The main classes (tests excluded) under the root package. */
    protected final JavaClasses mainClasses() {
        return classes;
    }

    @Test
    void noPackageCycles() {
        slices().matching("io.clituner.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void everyPackageIsNullMarked() {
        assertEquals(
                List.of(),
                unmarkedPackages(classes),
                "packages without @NullMarked (add a package-info.java saying what the package holds)");
    }

    /** The packages of {@code classes} (generated code aside) whose package-info lacks {@link NullMarked}, sorted. */
    public static List<String> unmarkedPackages(JavaClasses classes) {
        return classes.stream()
                .map(JavaClass::getPackageName)
                .distinct()
                .filter(name -> !name.endsWith(GENERATED))
                .filter(name -> !classes.getPackage(name).isAnnotatedWith(NullMarked.class))
                .sorted()
                .toList();
    }
}
