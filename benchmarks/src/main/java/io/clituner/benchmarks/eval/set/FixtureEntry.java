package io.clituner.benchmarks.eval.set;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * One path of a fixture, relative to the sandbox's home directory.
 *
 * @param path    relative path ({@code a/b.txt}); no {@code ..}, not absolute
 * @param type    file, dir or symlink
 * @param content text of a file (UTF-8); {@code null} for directories and symlinks
 * @param repeat  for files: the content written this many times (large files without large JSON); 1 by default
 * @param mode    octal permission bits ({@code "644"}); files 644 and directories 755 by default
 * @param age     how long before the run's clock the entry was last modified ({@code 3d}, {@code 5h},
 *                {@code 40m}, {@code 3d6h}, {@code 0}); 30 days and 6 hours by default, off the
 *                whole-day boundaries that {@code -mtime} tasks test
 * @param target  a symlink's target (may dangle)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FixtureEntry(
        String path,
        @Nullable Type type,
        @Nullable String content,
        @Nullable Integer repeat,
        @Nullable String mode,
        @Nullable String age,
        @Nullable String target) {
    public enum Type {
        file,
        dir,
        symlink
    }

    /** The age of entries that give none, and of directories created implicitly. */
    public static final Duration DEFAULT_AGE = Duration.ofDays(30).plusHours(6);

    public Type typeOrDefault() {
        return type == null ? Type.file : type;
    }

    public int permissions() {
        if (mode != null) {
            return Integer.parseInt(mode, 8);
        }
        return typeOrDefault() == Type.dir ? 0755 : 0644;
    }

    public Duration ageOrDefault() {
        return age == null ? DEFAULT_AGE : Ages.parse(age);
    }

    /** The file's bytes as text: {@code content} repeated {@code repeat} times. */
    public String text() {
        String c = content == null ? "" : content;
        Integer times = repeat;
        return times == null || times == 1 ? c : c.repeat(times);
    }
}
