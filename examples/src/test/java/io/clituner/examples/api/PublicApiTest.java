package io.clituner.examples.api;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The public API of each library module, compared with its committed baseline
 * ({@code MODULE/public-api.txt}): a removed or changed signature, and an added one, fails with the
 * difference, so a change to what hosts can see is a decision taken in review, not an accident.
 * This test lives here because this module depends on every library module. Packages named
 * {@code …internal…} are not API and not listed.
 *
 * <p>To accept an intended change, regenerate the baselines and commit them with the change:
 * {@value #ACCEPT}
 */
class PublicApiTest {
    static final String ACCEPT =
            "mvn -B -o -pl examples -am test -Dtest=PublicApiTest -Dsurefire.failIfNoSpecifiedTests=false -Dclituner.api.accept=true";

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "core,             io.clituner.core",
        "guardrails,       io.clituner.guardrails",
        "provenance,       io.clituner.provenance",
        "inference-gguf,   io.clituner.inference.gguf",
        "inference-djl,    io.clituner.inference.djl",
        "inference-remote, io.clituner.inference.remote",
    })
    void publicApiMatchesBaseline(String module, String rootPackage) throws IOException {
        List<String> actual = ApiSurface.render(ApiSurface.mainClasses(rootPackage));
        assertTrue(
                actual.size() > 10, "found almost no API for " + rootPackage + ": are its classes on the class path?");
        Path baseline = repositoryRoot().resolve(module).resolve("public-api.txt");
        if (Boolean.getBoolean("clituner.api.accept")) {
            Files.write(baseline, header(module, actual), StandardCharsets.UTF_8);
            return;
        }
        if (!Files.exists(baseline)) {
            fail("no API baseline " + baseline + "; create it with\n  " + ACCEPT);
        }
        List<String> expected = Files.readAllLines(baseline, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.startsWith("#") && !l.isBlank())
                .toList();
        Set<String> removed = new LinkedHashSet<>(expected);
        actual.forEach(removed::remove);
        Set<String> added = new LinkedHashSet<>(actual);
        expected.forEach(added::remove);
        if (!removed.isEmpty() || !added.isEmpty()) {
            StringBuilder diff = new StringBuilder("the public API of " + module + " differs from " + baseline + ":\n");
            removed.forEach(l -> diff.append("  - ").append(l).append('\n'));
            added.forEach(l -> diff.append("  + ").append(l).append('\n'));
            diff.append("If the change is intended, accept it (and commit the baseline with it):\n  ")
                    .append(ACCEPT);
            fail(diff.toString());
        }
    }

    private static List<String> header(String module, List<String> lines) {
        List<String> out = new ArrayList<>();
        out.add("# Public API of " + module + ": every public type outside …internal… packages, and its public (or");
        out.add("# protected, where hosts may extend) members. Checked by examples' PublicApiTest; regenerate with");
        out.add("# " + ACCEPT);
        out.addAll(lines);
        return out;
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("core/pom.xml")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the repository root (a directory with core/pom.xml) above " + dir);
    }
}
