package io.clituner.benchmarks.eval.set;

import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code 0}, {@code 45s}, {@code 40m}, {@code 5h}, {@code 3d}, {@code 3d6h}: how old a fixture entry
 * is. Keep ages off whole days where tasks test {@code -mtime}: a file exactly 2 days old sits on
 * the boundary of {@code -mtime -2}, and the answer then depends on when the command runs.
 */
final class Ages {
    private static final Pattern AGE = Pattern.compile("(?:\\d+[dhms])+|\\d+");
    private static final Pattern PART = Pattern.compile("(\\d+)([dhms])");

    private Ages() {}

    static Duration parse(String age) {
        String a = age.strip();
        if (!AGE.matcher(a).matches()) {
            throw new CliTunerException(
                    ErrorCode.INVALID_REQUEST,
                    "fixture age must look like 0, 45s, 40m, 5h, 3d or 3d6h, got '" + age + "'");
        }
        if (a.chars().allMatch(Character::isDigit)) {
            return Duration.ofSeconds(Long.parseLong(a));
        }
        Duration d = Duration.ZERO;
        Matcher m = PART.matcher(a);
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            d = d.plus(
                    switch (m.group(2)) {
                        case "s" -> Duration.ofSeconds(n);
                        case "m" -> Duration.ofMinutes(n);
                        case "h" -> Duration.ofHours(n);
                        default -> Duration.ofDays(n);
                    });
        }
        return d;
    }
}
