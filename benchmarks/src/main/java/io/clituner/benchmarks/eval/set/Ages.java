package io.clituner.benchmarks.eval.set;

import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code 0}, {@code 45s}, {@code 40m}, {@code 5h}, {@code 3d}: how old a fixture entry is. */
final class Ages {
    private static final Pattern AGE = Pattern.compile("(\\d+)([smhd]?)");

    private Ages() {}

    static Duration parse(String age) {
        Matcher m = AGE.matcher(age.strip());
        if (!m.matches()) {
            throw new CliTunerException(ErrorCode.INVALID_REQUEST, "fixture age must look like 0, 45s, 40m, 5h or 3d, got '" + age + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "", "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }
}
