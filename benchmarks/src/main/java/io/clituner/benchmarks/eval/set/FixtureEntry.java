package io.clituner.benchmarks.eval.set;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;

/**
 * One path of a fixture, relative to the sandbox's home directory.
 *
 * @param path    relative path ({@code a/b.txt}); no {@code ..}, not absolute
 * @param type    file, dir or symlink
 * @param content text of a file (UTF-8); {@code null} for directories and symlinks
 * @param repeat  for files: the content written this many times (large files without large JSON); 1 by default
 * @param mode    octal permission bits ({@code "644"}); files 644 and directories 755 by default
 * @param age     how long before the run's clock the entry was last modified ({@code 3d}, {@code 5h},
 *                {@code 40m}, {@code 0}); 30 days by default, so that {@code -mtime -7} tasks have a
 *                stable answer
 * @param target  a symlink's target (may dangle)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FixtureEntry(String path, Type type, String content, Integer repeat, String mode, String age, String target) {
    public enum Type { file, dir, symlink }

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
        return age == null ? Duration.ofDays(30) : Ages.parse(age);
    }

    /** The file's bytes as text: {@code content} repeated {@code repeat} times. */
    public String text() {
        String c = content == null ? "" : content;
        return repeat == null || repeat == 1 ? c : c.repeat(repeat);
    }
}
