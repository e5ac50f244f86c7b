package io.clituner.core.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The one way tests find {@code ../shared}, the read-only corpora and tiny models beside the repository
 * (shipped to other modules in core's test-jar). The build passes its location as {@code -Dclituner.shared.dir};
 * a test run from an IDE finds it by looking for {@code shared/} beside an ancestor of the working directory.
 * A test that needs a shared file it cannot find is skipped with a JUnit assumption that names the file:
 * it must never pass without having checked anything.
 */
public final class SharedFiles {
    /** The system property the parent pom sets to {@code ${maven.multiModuleProjectDirectory}/../shared}. */
    public static final String PROPERTY = "clituner.shared.dir";

    private SharedFiles() {}

    /** The shared folder, when there is one. */
    public static Optional<Path> root() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null) {
            Path p = Path.of(configured).toAbsolutePath().normalize();
            return Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared");
            if (Files.isDirectory(candidate.resolve("corpora")) || Files.isDirectory(candidate.resolve("models"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The shared file or folder at {@code relative} (e.g. {@code models/stories260K.gguf}), when present. */
    public static Optional<Path> find(String relative) {
        return root().map(r -> r.resolve(relative)).filter(Files::exists);
    }

    /** The shared file or folder at {@code relative}; skips the calling test, naming what is missing, when absent. */
    public static Path require(String relative) {
        Optional<Path> p = find(relative);
        assumeTrue(
                p.isPresent(),
                () -> "skipped: shared " + relative + " not found ("
                        + root().map(r -> r + " has no such file")
                                .orElse("no ../shared beside the repository and -D" + PROPERTY + " unset")
                        + ")");
        return p.orElseThrow();
    }
}
