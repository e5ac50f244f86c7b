package io.clituner.guardrails.metamorphic;

import java.util.ArrayList;
import java.util.List;

/**
 * A command to rewrite. A simple seed is a program and its argument words (each a literal value, or {@code raw} text
 * that bash must expand: {@code ~}, {@code $HOME}) followed by {@code suffix} (redirections, later pipeline stages);
 * a structural seed ({@link #code}) is only ever rewritten as a whole (a fork bomb has no program word to quote).
 *
 * @param words the program then its arguments; empty for a structural seed
 * @param suffix text after the words, already in bash syntax ("" when none)
 * @param external whether the program is an executable file (wrappers and other paths for it run the same program)
 * @param bashOnly whether the seed needs bash rather than a POSIX sh ({@code /dev/tcp}, {@code >&}, here-strings)
 */
record Seed(String id, List<Word> words, String suffix, boolean external, boolean bashOnly) {

    /** A word of a simple seed: its value, and whether that value is bash text to expand rather than a literal. */
    record Word(String value, boolean raw) {}

    /** A simple seed from words separated by single spaces; words starting with ~ or $ are raw. */
    static Seed simple(String words, String suffix, boolean bashOnly) {
        List<Word> ws = new ArrayList<>();
        for (String w : words.split(" ")) {
            ws.add(new Word(w, w.startsWith("~") || w.startsWith("$")));
        }
        return new Seed(words + suffix, ws, suffix, true, bashOnly);
    }

    static Seed simple(String words) {
        return simple(words, "", false);
    }

    /** A simple seed whose argument words are given one by one (words that hold spaces or quotes). */
    static Seed argv(String... words) {
        List<Word> ws = new ArrayList<>();
        for (String w : words) {
            ws.add(new Word(w, false));
        }
        return new Seed(String.join(" ", words), ws, "", true, false);
    }

    /** A simple seed of literal words followed by a suffix. */
    static Seed words(String suffix, String... words) {
        Seed s = argv(words);
        return new Seed(s.id() + suffix, s.words(), suffix, true, false);
    }

    static Seed code(String code, boolean bashOnly) {
        return new Seed(code, List.of(), code, false, bashOnly);
    }

    boolean structural() {
        return words.isEmpty();
    }

    /** The seed as bash code, each literal word single-quoted where it needs quoting. */
    String text() {
        if (structural()) {
            return suffix;
        }
        StringBuilder sb = new StringBuilder();
        for (Word w : words) {
            sb.append(sb.length() > 0 ? " " : "").append(w.raw() ? w.value() : Quoting.minimal(w.value()));
        }
        return sb + suffix;
    }
}
