package io.clituner.guardrails;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The module's API is what lies outside {@code io.clituner.guardrails.internal}: no public or protected signature of
 * a public type there (supertypes, fields, constructors, methods, with their type arguments) may name an internal
 * type, or a host would reach the internals through it.
 */
class ApiBoundaryTest {
    private static final String INTERNAL = "io.clituner.guardrails.internal";

    @Test
    void publicSignaturesNameNoInternalType() {
        List<Class<?>> api = new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.clituner.guardrails")
                        .stream()
                        .filter(c -> !c.getPackageName().startsWith(INTERNAL))
                        .map(JavaClass::reflect)
                        .filter(ApiBoundaryTest::isApi)
                        .toList();
        assertTrue(api.contains(BashCommandAnalyzer.class), "the analyzer is API");
        Set<String> leaks = new TreeSet<>();
        for (Class<?> c : api) {
            List<Type> types = new ArrayList<>();
            types.add(c.getGenericSuperclass());
            types.addAll(List.of(c.getGenericInterfaces()));
            check(c.getName(), types, leaks);
            for (Field f : c.getDeclaredFields()) {
                if (visible(f)) {
                    check(c.getName() + "." + f.getName(), List.of(f.getGenericType()), leaks);
                }
            }
            for (Constructor<?> k : c.getDeclaredConstructors()) {
                if (visible(k)) {
                    check(c.getName() + ".<init>", List.of(k.getGenericParameterTypes()), leaks);
                }
            }
            for (Method m : c.getDeclaredMethods()) {
                if (visible(m) && !m.isSynthetic()) {
                    List<Type> sig = new ArrayList<>(List.of(m.getGenericParameterTypes()));
                    sig.add(m.getGenericReturnType());
                    check(c.getName() + "." + m.getName(), sig, leaks);
                }
            }
        }
        assertEquals(Set.of(), leaks, "API signatures that name internal types");
    }

    private static boolean isApi(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
            if (!Modifier.isPublic(k.getModifiers()) || k.isAnonymousClass() || k.isLocalClass()) {
                return false;
            }
        }
        return true;
    }

    private static boolean visible(Member m) {
        return Modifier.isPublic(m.getModifiers()) || Modifier.isProtected(m.getModifiers());
    }

    private static void check(String where, List<Type> types, Set<String> leaks) {
        types.stream()
                .flatMap(ApiBoundaryTest::raw)
                .filter(k -> k.getName().startsWith(INTERNAL + "."))
                .forEach(k -> leaks.add(where + " → " + k.getName()));
    }

    /** Every class a type names: itself, its type arguments, bounds and array components. */
    private static Stream<Class<?>> raw(Type t) {
        if (t == null) {
            return Stream.empty();
        }
        if (t instanceof Class<?> c) {
            return c.isArray() ? raw(c.getComponentType()) : Stream.of(c);
        }
        if (t instanceof ParameterizedType p) {
            return Stream.concat(
                    raw(p.getRawType()), Stream.of(p.getActualTypeArguments()).flatMap(ApiBoundaryTest::raw));
        }
        if (t instanceof GenericArrayType g) {
            return raw(g.getGenericComponentType());
        }
        if (t instanceof WildcardType w) {
            return Stream.concat(Stream.of(w.getUpperBounds()), Stream.of(w.getLowerBounds()))
                    .flatMap(ApiBoundaryTest::raw);
        }
        if (t instanceof TypeVariable<?> v) {
            return Stream.of(v.getBounds()).flatMap(ApiBoundaryTest::raw);
        }
        return Stream.empty();
    }
}
