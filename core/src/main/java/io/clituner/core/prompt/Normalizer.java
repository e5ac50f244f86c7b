package io.clituner.core.prompt;

import java.text.Normalizer.Form;

/**
 * Meaning-preserving normalization: Unicode NFKC (full-width and compatibility forms become their
 * plain equivalents), runs of whitespace collapsed to one space, ends trimmed. Case is never
 * changed: {@code Report.PDF} and {@code report.pdf} are different files.
 */
public final class Normalizer {
    private Normalizer() {}

    public static String normalize(String text) {
        // ASCII is NFKC already (no compatibility forms, nothing to compose): skip the ICU tables for most queries.
        String nfkc = ascii(text) || java.text.Normalizer.isNormalized(text, Form.NFKC)
                ? text
                : java.text.Normalizer.normalize(text, Form.NFKC);
        StringBuilder sb = new StringBuilder(nfkc.length());
        boolean pendingSpace = false;
        for (int i = 0; i < nfkc.length(); i++) {
            char c = nfkc.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                pendingSpace = sb.length() > 0;
                continue;
            }
            if (pendingSpace) {
                sb.append(' ');
                pendingSpace = false;
            }
            sb.append(c);
        }
        return sb.toString();
    }

    private static boolean ascii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
