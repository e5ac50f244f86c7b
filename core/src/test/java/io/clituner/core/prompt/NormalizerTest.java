package io.clituner.core.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Normalization keeps meaning; the ASCII fast path must give exactly what full NFKC gives. */
class NormalizerTest {
    /** The definition: NFKC, whitespace runs to one space, ends trimmed. */
    private static String reference(String text) {
        String nfkc = java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKC);
        StringBuilder sb = new StringBuilder();
        for (String part : nfkc.split("[\\s\\p{Zs}\\u2028\\u2029]+")) {
            if (!part.isEmpty()) {
                sb.append(sb.length() > 0 ? " " : "").append(part);
            }
        }
        return sb.toString();
    }

    @Test
    void compatibilityFormsBecomePlainAndCaseIsKept() {
        assertEquals("list Report.PDF files", Normalizer.normalize("  ｌｉｓｔ\u3000Report.PDF\t\tfiles \n"));
        assertEquals("fi", Normalizer.normalize("\ufb01"));
        assertEquals("\u00e9 composes", Normalizer.normalize("e\u0301 composes"));
    }

    @Test
    void equalsFullNfkcOnGeneratedText() {
        SplittableRandom rnd = new SplittableRandom(7);
        String alphabet = "ab Z9-_./*'\"$\t\n\r\u000b\u000cxyz\u00e9\u0301\uff21\u3000\u2003\ufb01\u2460\u00a0";
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            int n = rnd.nextInt(1, 40);
            StringBuilder sb = new StringBuilder();
            boolean asciiOnly = rnd.nextBoolean();
            for (int k = 0; k < n; k++) {
                char c = alphabet.charAt(rnd.nextInt(asciiOnly ? 22 : alphabet.length()));
                sb.append(c);
            }
            String in = sb.toString();
            if (!reference(in).equals(Normalizer.normalize(in)) && mismatches.size() < 5) {
                mismatches.add(in);
            }
        }
        assertEquals(List.of(), mismatches);
    }
}
