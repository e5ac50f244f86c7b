package io.clituner.provenance.crypto;

import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import java.util.Arrays;
import java.util.Locale;

/** The signature algorithms this library signs and verifies with. */
public enum KeyAlgorithm {
    ED25519("ed25519"),
    ECDSA_P256("ecdsa-p256");

    private final String label;

    KeyAlgorithm(String label) {
        this.label = label;
    }

    /** The stable name used in key files, envelopes and CLI options. */
    public String label() {
        return label;
    }

    public static KeyAlgorithm fromLabel(String label) {
        String l = label == null ? "" : label.toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(a -> a.label.equals(l))
                .findFirst()
                .orElseThrow(() -> new CliTunerException(
                        ErrorCode.KEY_ERROR, "unknown key algorithm '" + label + "'; use one of ed25519, ecdsa-p256"));
    }
}
