package io.clituner.provenance.registry;

import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A semantic version (https://semver.org) without build metadata: build metadata does not take part
 * in precedence, so two versions differing only there would be indistinguishable identities.
 */
public record SemVer(int major, int minor, int patch, String preRelease) implements Comparable<SemVer> {
    private static final Pattern FORM = Pattern.compile(
            "(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})(?:-((?:0|[1-9]\\d*|\\d*[A-Za-z-][0-9A-Za-z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[A-Za-z-][0-9A-Za-z-]*))*))?");

    public SemVer {
        if (major < 0 || minor < 0 || patch < 0) {
            throw new CliTunerException(ErrorCode.REGISTRY_INVALID, "version numbers must not be negative");
        }
        preRelease = preRelease == null || preRelease.isEmpty() ? null : preRelease;
    }

    public static SemVer parse(String text) {
        if (text == null) {
            throw new CliTunerException(
                    ErrorCode.REGISTRY_INVALID, "version is missing; expected MAJOR.MINOR.PATCH, e.g. 1.0.0");
        }
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches()) {
            throw new CliTunerException(
                    ErrorCode.REGISTRY_INVALID,
                    "'" + text
                            + "' is not a semantic version; expected MAJOR.MINOR.PATCH[-prerelease], e.g. 1.2.0 or 1.2.0-rc.1");
        }
        return new SemVer(
                Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), m.group(4));
    }

    @Override
    public int compareTo(SemVer o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) c = Integer.compare(minor, o.minor);
        if (c == 0) c = Integer.compare(patch, o.patch);
        if (c != 0) return c;
        if (preRelease == null || o.preRelease == null) {
            // a release ranks above any of its pre-releases
            return preRelease == null ? (o.preRelease == null ? 0 : 1) : -1;
        }
        String[] a = preRelease.split("\\.");
        String[] b = o.preRelease.split("\\.");
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            boolean na = a[i].chars().allMatch(Character::isDigit);
            boolean nb = b[i].chars().allMatch(Character::isDigit);
            int r;
            if (na && nb) r = Long.compare(Long.parseLong(a[i]), Long.parseLong(b[i]));
            else if (na) r = -1;
            else if (nb) r = 1;
            else r = a[i].compareTo(b[i]);
            if (r != 0) return r;
        }
        return Integer.compare(a.length, b.length);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch + (preRelease == null ? "" : "-" + preRelease);
    }
}
