package io.clituner.provenance.registry;

import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import java.util.Comparator;
import java.util.Objects;

/** Names one model version: {@code model@1.2.0}. */
public record VersionRef(String model, SemVer version) implements Comparable<VersionRef> {
    private static final Comparator<VersionRef> ORDER =
            Comparator.comparing(VersionRef::model).thenComparing(VersionRef::version);

    public VersionRef {
        Names.model(model);
        Objects.requireNonNull(version, "version");
    }

    public static VersionRef of(String model, String version) {
        return new VersionRef(model, SemVer.parse(version));
    }

    /** Parses {@code model@1.2.0}; an alias ({@code model@champion}) is not a version and is rejected here. */
    public static VersionRef parse(String text) {
        TargetRef t = TargetRef.parse(text);
        if (t.version() == null) {
            throw new CliTunerException(
                    ErrorCode.REGISTRY_INVALID,
                    "'" + text + "' does not name a version; expected model@MAJOR.MINOR.PATCH");
        }
        return new VersionRef(t.model(), t.version());
    }

    @Override
    public int compareTo(VersionRef o) {
        return ORDER.compare(this, o);
    }

    @Override
    public String toString() {
        return model + "@" + version;
    }
}
