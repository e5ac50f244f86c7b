package io.clituner.benchmarks.eval.sandbox;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * One path of the working tree after a command ran. Modification times are left out on purpose: two
 * correct commands run a few milliseconds apart write different ones.
 *
 * @param type    file, dir, symlink, other
 * @param mode    permission bits, octal text ({@code "644"})
 * @param size    bytes (files)
 * @param sha256  content digest (files); {@code null} when unreadable
 * @param preview the first bytes of a file as text, for showing differences
 * @param target  a symlink's target
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PathState(
        String type,
        String mode,
        @Nullable Long size,
        @Nullable String sha256,
        @Nullable String preview,
        @Nullable String target) {
    /** Equal for the comparator: everything but the preview (which the digest covers). */
    public boolean sameAs(PathState o) {
        return type.equals(o.type)
                && mode.equals(o.mode)
                && java.util.Objects.equals(size, o.size)
                && java.util.Objects.equals(sha256, o.sha256)
                && java.util.Objects.equals(target, o.target);
    }

    public String describe() {
        return switch (type) {
            case "file" -> "file " + mode + " " + size + " B" + (preview == null ? "" : " \"" + preview + "\"");
            case "symlink" -> "symlink -> " + target;
            default -> type + " " + mode;
        };
    }
}
