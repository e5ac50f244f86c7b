package io.clituner.guardrails.internal.expand;

/** Shell identifier rules shared by the expander and the analysis. */
public final class BashNames {
    private BashNames() {}

    public static boolean isName(String s) {
        return io.clituner.guardrails.parse.BashParser.isName(s);
    }

    /** The last path component: "/usr/bin/rm" → "rm". */
    public static String basename(String s) {
        int slash = s.lastIndexOf('/');
        return slash >= 0 && slash < s.length() - 1 ? s.substring(slash + 1) : s;
    }
}
