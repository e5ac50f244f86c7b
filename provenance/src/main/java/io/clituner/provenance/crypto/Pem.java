package io.clituner.provenance.crypto;

import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** PEM armour (RFC 7468) for DER blobs. Error messages never echo the armoured content. */
final class Pem {
    static final String PRIVATE_KEY = "PRIVATE KEY";
    static final String PUBLIC_KEY = "PUBLIC KEY";

    private Pem() {}

    static String encode(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    static byte[] decode(String label, String pem) {
        if (pem == null) {
            throw new CliTunerException(ErrorCode.KEY_ERROR, "no PEM text given; expected a " + label + " block");
        }
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int b = pem.indexOf(begin);
        int e = pem.indexOf(end, Math.max(b, 0));
        if (b < 0 || e < 0) {
            throw new CliTunerException(
                    ErrorCode.KEY_ERROR, "not a PEM " + label + " block (expected '" + begin + "' … '" + end + "')");
        }
        String body = pem.substring(b + begin.length(), e).replaceAll("\\s", "");
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException ex) {
            // The cause would carry no key bytes, but keep it out anyway: the message is enough.
            throw new CliTunerException(ErrorCode.KEY_ERROR, "PEM " + label + " block is not valid base64");
        }
    }
}
