package io.clituner.provenance.registry;

import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import org.jspecify.annotations.Nullable;

/**
 * What a caller names: a whole model ({@code model}), one version ({@code model@1.2.0}) or an alias
 * ({@code model@champion}). Exactly one of {@code version}/{@code alias} is set, or neither for a model.
 */
public record TargetRef(
        String model, @Nullable SemVer version, @Nullable String alias) {
    public TargetRef {
        Names.model(model);
        if (version != null && alias != null) {
            throw new CliTunerException(ErrorCode.REGISTRY_INVALID, "a target names a version or an alias, not both");
        }
        if (alias != null) {
            Names.alias(alias);
        }
    }

    public static TargetRef model(String model) {
        return new TargetRef(model, null, null);
    }

    public static TargetRef version(VersionRef ref) {
        return new TargetRef(ref.model(), ref.version(), null);
    }

    public static TargetRef alias(String model, String alias) {
        return new TargetRef(model, null, Names.alias(alias));
    }

    public static TargetRef parse(String text) {
        if (text == null || text.isBlank()) {
            throw new CliTunerException(
                    ErrorCode.REGISTRY_INVALID, "target is missing; expected model, model@1.2.0 or model@alias");
        }
        int at = text.lastIndexOf('@');
        if (at < 0) {
            return model(text);
        }
        String model = text.substring(0, at);
        String rest = text.substring(at + 1);
        if (!rest.isEmpty() && Character.isDigit(rest.charAt(0))) {
            return new TargetRef(model, SemVer.parse(rest), null);
        }
        return alias(model, rest);
    }

    public boolean isModel() {
        return version == null && alias == null;
    }

    public @Nullable VersionRef versionRef() {
        return version == null ? null : new VersionRef(model, version);
    }

    @Override
    public String toString() {
        return model + (version != null ? "@" + version : alias != null ? "@" + alias : "");
    }
}
