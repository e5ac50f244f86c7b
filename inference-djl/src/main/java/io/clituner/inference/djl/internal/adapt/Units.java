package io.clituner.inference.djl.internal.adapt;

import java.util.Locale;

/**
 * Unit conversion for slots: sizes in bytes to {@code find -size} notation, time spans in minutes
 * to {@code find -mtime}/{@code -mmin} or to a "N units ago" phrase.
 */
public final class Units {
    private static final long KIB = 1024;
    private static final long MIB = KIB * 1024;
    private static final long GIB = MIB * 1024;
    private static final long DAY = 1440;

    private Units() {}

    /**
     * {@code find -size} argument for a number of bytes with the slot's sign kept. find rounds a
     * file's size up to whole units before comparing, so "-size -1M" matches only empty files: an
     * upper bound is therefore written in kibibytes (or bytes) to keep its meaning.
     */
    public static String findSize(char sign, long bytes) {
        String prefix = sign == '+' || sign == '-' ? String.valueOf(sign) : "";
        if (sign == '-') {
            return bytes % KIB == 0 ? prefix + bytes / KIB + "k" : prefix + bytes + "c";
        }
        if (bytes >= GIB && bytes % GIB == 0) {
            return prefix + bytes / GIB + "G";
        }
        if (bytes >= MIB && bytes % MIB == 0) {
            return prefix + bytes / MIB + "M";
        }
        if (bytes >= KIB && bytes % KIB == 0) {
            return prefix + bytes / KIB + "k";
        }
        return prefix + bytes + "c";
    }

    /** Bytes of a {@code find -size} argument such as {@code +100M}, or -1 when it is not one. */
    public static long parseFindSize(String arg) {
        String s = arg.startsWith("+") || arg.startsWith("-") ? arg.substring(1) : arg;
        if (!s.matches("\\d+[ckMGTbw]?")) {
            return -1;
        }
        char last = s.charAt(s.length() - 1);
        boolean hasUnit = !Character.isDigit(last);
        long n = Long.parseLong(hasUnit ? s.substring(0, s.length() - 1) : s);
        char unit = hasUnit ? last : 'b';
        return switch (unit) {
            case 'c' -> n;
            case 'w' -> 2 * n;
            case 'k' -> n * KIB;
            case 'M' -> n * MIB;
            case 'G' -> n * GIB;
            case 'T' -> n * GIB * 1024;
            default -> n * 512; // find's default unit is 512-byte blocks
        };
    }

    /**
     * The {@code find} time test for a span: whole days as {@code -Xtime N} (X = m, a or c as in the
     * slot), anything else as {@code -Xmin N}, with the slot's sign (+ older than, - newer than).
     */
    public static String findTime(char letter, char sign, long minutes) {
        String prefix = sign == '+' || sign == '-' ? String.valueOf(sign) : "";
        if (minutes > 0 && minutes % DAY == 0) {
            return "-" + letter + "time " + prefix + minutes / DAY;
        }
        return "-" + letter + "min " + prefix + Math.max(1, minutes);
    }

    /** Minutes of a {@code find} time test ({@code -mtime -7} → 10080), or -1. */
    public static long parseFindTime(String option, String arg) {
        String s = arg.startsWith("+") || arg.startsWith("-") ? arg.substring(1) : arg;
        if (!s.matches("\\d+")) {
            return -1;
        }
        long n = Long.parseLong(s);
        return option.endsWith("min") ? n : n * DAY;
    }

    /** "90 minutes", "2 hours", "3 days", "2 weeks": the largest unit that divides the span. */
    public static String phrase(long minutes) {
        if (minutes % (7 * DAY) == 0 && minutes > 0) {
            return plural(minutes / (7 * DAY), "week");
        }
        if (minutes % DAY == 0 && minutes > 0) {
            return plural(minutes / DAY, "day");
        }
        if (minutes % 60 == 0 && minutes > 0) {
            return plural(minutes / 60, "hour");
        }
        return plural(minutes, "minute");
    }

    /** Minutes of a phrase such as "2 hours" or "1 day", or -1. */
    public static long parsePhrase(String amount, String unit) {
        long n = Long.parseLong(amount);
        String u = unit.toLowerCase(Locale.ROOT);
        if (u.startsWith("min")) {
            return n;
        }
        if (u.startsWith("hour")) {
            return n * 60;
        }
        if (u.startsWith("day")) {
            return n * DAY;
        }
        if (u.startsWith("week")) {
            return n * 7 * DAY;
        }
        return -1;
    }

    /** Minutes in one of a duration unit as requests write it ("secs", "h", "months", "yrs"…). */
    static double minutesPer(String unit) {
        String u = unit.toLowerCase(Locale.ROOT);
        if (u.startsWith("s")) {
            return 1.0 / 60;
        }
        if (u.startsWith("mo")) {
            return 30 * 1440;
        }
        if (u.startsWith("m")) {
            return 1;
        }
        if (u.startsWith("h")) {
            return 60;
        }
        if (u.startsWith("d")) {
            return 1440;
        }
        if (u.startsWith("w")) {
            return 7 * 1440;
        }
        return 365 * 1440;
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
