package io.clituner.examples.api;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.Location;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The public surface of one module as text, one line per type and per member, sorted, so that a
 * diff against the committed baseline reads as "what a host could see that changed". A type is
 * API when it is public (nested: public or protected inside an API type) and its package has no
 * {@code internal} segment; its members are API when public, or protected in a class a host can
 * extend. Generic signatures are kept: narrowing a type argument breaks hosts as much as renaming.
 */
final class ApiSurface {
    private static final Set<String> RECORD_METHODS = Set.of("equals(java.lang.Object)", "hashCode()", "toString()");

    private ApiSurface() {}

    /** Compiled main classes of the packages under {@code rootPackage}, wherever they sit on the class path (test classes excluded). */
    static JavaClasses mainClasses(String rootPackage) {
        return new ClassFileImporter().withImportOption(ApiSurface::isMainCode).importPackages(rootPackage);
    }

    private static boolean isMainCode(Location location) {
        String uri = location.asURI().toString();
        return !uri.contains("/test-classes/") && !uri.contains("-tests.jar");
    }

    /** Types by name, each as its header line followed by its members, sorted. */
    static List<String> render(JavaClasses classes) {
        List<String> out = new ArrayList<>();
        classes.stream()
                .filter(ApiSurface::isApi)
                .sorted(Comparator.comparing(JavaClass::getName))
                .forEach(c -> {
                    out.add(c.getName() + " = " + header(c));
                    out.addAll(members(c));
                });
        return out;
    }

    private static Set<String> members(JavaClass c) {
        Set<String> lines = new TreeSet<>();
        boolean extensible = !c.getModifiers().contains(JavaModifier.FINAL)
                && !c.isEnum()
                && !c.isRecord()
                && c.getConstructors().stream().anyMatch(k -> visible(k.getModifiers(), true));
        for (JavaField f : c.getFields()) {
            if (visible(f.getModifiers(), extensible) && !f.getModifiers().contains(JavaModifier.SYNTHETIC)) {
                lines.add(c.getName() + " : " + modifiers(f.getModifiers()) + "field " + type(f.getType()) + " "
                        + f.getName());
            }
        }
        for (JavaCodeUnit u : c.getCodeUnits()) {
            if (c.isRecord() && RECORD_METHODS.contains(u.getFullName().replace(c.getName() + ".", ""))) {
                continue; // generated for every record
            }
            if (!visible(u.getModifiers(), extensible)
                    || u.getModifiers().contains(JavaModifier.SYNTHETIC)
                    || u.getModifiers().contains(JavaModifier.BRIDGE)) {
                continue;
            }
            String name = u.isConstructor() ? "<init>" : type(u.getReturnType()) + " " + u.getName();
            String params = u.getParameterTypes().stream().map(ApiSurface::type).collect(Collectors.joining(", "));
            String throwsClause = u.getThrowsClause().getTypes().isEmpty()
                    ? ""
                    : " throws "
                            + u.getThrowsClause().getTypes().stream()
                                    .map(JavaClass::getName)
                                    .sorted()
                                    .collect(Collectors.joining(", "));
            lines.add(c.getName() + " : " + modifiers(u.getModifiers()) + name + "(" + params + ")" + throwsClause);
        }
        return lines;
    }

    static boolean isApi(JavaClass c) {
        if (c.isAnonymousClass()
                || c.isLocalClass()
                || c.getModifiers().contains(JavaModifier.SYNTHETIC)
                || ("." + c.getPackageName() + ".").contains(".internal.")) {
            return false;
        }
        if (c.getEnclosingClass().isPresent()) {
            return isApi(c.getEnclosingClass().get()) && visible(c.getModifiers(), true);
        }
        return c.getModifiers().contains(JavaModifier.PUBLIC);
    }

    private static boolean visible(Set<JavaModifier> modifiers, boolean protectedCounts) {
        return modifiers.contains(JavaModifier.PUBLIC)
                || (protectedCounts && modifiers.contains(JavaModifier.PROTECTED));
    }

    private static String header(JavaClass c) {
        String kind = c.isAnnotation()
                ? "@interface"
                : c.isInterface() ? "interface" : c.isEnum() ? "enum" : c.isRecord() ? "record" : "class";
        Set<JavaModifier> modifiers =
                c.getEnclosingClass().isPresent() ? c.getModifiers() : EnumSet.copyOf(c.getModifiers());
        if (c.getEnclosingClass().isEmpty()) {
            modifiers.remove(JavaModifier.STATIC); // a top-level type is never static (some class files say otherwise)
        }
        StringBuilder b = new StringBuilder(modifiers(modifiers)).append(kind);
        c.getRawSuperclass()
                .filter(s -> !s.isEquivalentTo(Object.class)
                        && !s.isEquivalentTo(Enum.class)
                        && !s.isEquivalentTo(Record.class))
                .ifPresent(
                        s -> b.append(" extends ").append(type(c.getSuperclass().orElseThrow())));
        List<String> interfaces =
                c.getInterfaces().stream().map(ApiSurface::type).sorted().toList();
        if (!interfaces.isEmpty() && !c.isAnnotation()) {
            b.append(c.isInterface() ? " extends " : " implements ").append(String.join(", ", interfaces));
        }
        return b.toString();
    }

    private static String modifiers(Set<JavaModifier> modifiers) {
        StringBuilder b = new StringBuilder();
        for (JavaModifier m : List.of(
                JavaModifier.PUBLIC,
                JavaModifier.PROTECTED,
                JavaModifier.STATIC,
                JavaModifier.ABSTRACT,
                JavaModifier.FINAL)) {
            if (modifiers.contains(m)) {
                b.append(m.name().toLowerCase(java.util.Locale.ROOT)).append(' ');
            }
        }
        return b.toString();
    }

    private static String type(JavaType t) {
        return t.getName();
    }
}
