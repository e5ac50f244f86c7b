package io.clituner.provenance.signing;

import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import java.util.regex.Pattern;

/** Argument checks shared by the provenance records (signing, evaluation). */
public final class Hex {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private Hex() {}

    public static String sha256(String field, String value) {
        if (value == null || !SHA256.matcher(value).matches()) {
            throw new CliTunerException(
                    ErrorCode.INVALID_REQUEST,
                    field + " must be lower-case hex SHA-256 (64 characters), got "
                            + (value == null ? "nothing" : "'" + value + "'"));
        }
        return value;
    }

    public static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new CliTunerException(ErrorCode.INVALID_REQUEST, field + " is required");
        }
        return value;
    }
}
