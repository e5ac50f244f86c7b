package io.clituner.core.testing.unmarked;

/** A package without package-info, so that {@code PackageRulesTest} sees the null-marked check find one. */
public final class NoPackageInfo {
    private NoPackageInfo() {}
}
