package io.clituner.inference.djl.retrieval;

import io.clituner.inference.djl.bank.Example;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Adapts a retrieved example to the user's request by replacing its <em>slots</em>: values that
 * occur in both the example's request and its command (a file or host name, a file extension, a number,
 * a quoted search string). A slot is filled only when the example and the user's request each
 * hold exactly one value of that kind, and only with a value made of characters that cannot
 * change the shape of a shell command; otherwise the example is returned as it is. The output
 * still goes through the guardrail like any other engine output.
 */
public final class SlotAdapter {
    /** Extensions recognised in phrases like "pdf files" (as opposed to "*.pdf", which is always recognised). */
    private static final Set<String> KNOWN_EXTENSIONS = Set.of(
            "pdf", "txt", "log", "csv", "tsv", "json", "xml", "yaml", "yml", "toml", "ini", "conf", "cfg", "md", "html",
            "htm", "css", "js", "ts", "jsx", "tsx", "py", "java", "kt", "scala", "c", "h", "cpp", "hpp", "cc", "go", "rs",
            "rb", "php", "pl", "sh", "bash", "zsh", "sql", "db", "jpg", "jpeg", "png", "gif", "svg", "bmp", "webp", "tiff",
            "mp3", "mp4", "wav", "flac", "ogg", "mkv", "avi", "mov", "webm", "doc", "docx", "xls", "xlsx", "ppt", "pptx",
            "odt", "zip", "tar", "gz", "tgz", "bz2", "xz", "7z", "rar", "iso", "img", "deb", "rpm", "jar", "war", "class",
            "o", "so", "bin", "exe", "tmp", "bak", "swp", "pyc", "lock", "env", "properties", "gradle", "tex", "rst", "epub");
    private static final String NOUNS = "files?|documents?|images?|pictures?|photos?|archives?|scripts?|sources?|logs?|sheets?|videos?|songs?";

    private static final Pattern GLOB_EXT = Pattern.compile("\\*\\.([A-Za-z0-9]{1,10})\\b");
    private static final Pattern DOT_EXT = Pattern.compile("(?<![\\w.*])\\.([A-Za-z0-9]{1,10})\\b");
    private static final Pattern WORD_EXT = Pattern.compile("\\b([A-Za-z0-9]{1,10})(?=\\s+(?:" + NOUNS + ")\\b)", Pattern.CASE_INSENSITIVE);
    private static final Pattern FILE_NAME = Pattern.compile("(?<![\\w./-])([A-Za-z0-9_][A-Za-z0-9_-]*(?:\\.[A-Za-z0-9_-]+)*\\.[A-Za-z][A-Za-z0-9]{0,9})(?![\\w/-])");
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.])(\\d{1,9})(?![\\w.])");
    private static final Pattern DOUBLE_QUOTED = Pattern.compile("\"([^\"]+)\"");
    private static final Pattern SINGLE_QUOTED = Pattern.compile("'([^']+)'");

    /** Characters that can never start a new word, expansion, redirection or command in bash. */
    private static final Pattern SAFE_TOKEN = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.+-]*");
    private static final Pattern SAFE_QUOTED = Pattern.compile("[A-Za-z0-9_ .,:@=+/-]+");

    /** The command to return and which slots were replaced ("kind:old->new"), empty when none. */
    public record Adaptation(String command, List<String> substitutions) {
        public Adaptation {
            substitutions = List.copyOf(substitutions);
        }

        public boolean adapted() {
            return !substitutions.isEmpty();
        }
    }

    public Adaptation adapt(String userQuery, Example example) {
        String command = example.command();
        List<String> done = new ArrayList<>();

        // Names (files, hosts) first: their extensions must not also count as bare extensions.
        List<String> userFiles = fileNames(userQuery);
        List<String> exampleFiles = fileNames(example.query()).stream().filter(f -> containsToken(example.command(), f)).toList();
        if (userFiles.size() == 1 && exampleFiles.size() == 1 && !userFiles.get(0).equals(exampleFiles.get(0))
                && SAFE_TOKEN.matcher(userFiles.get(0)).matches()) {
            command = replaceToken(command, exampleFiles.get(0), userFiles.get(0));
            done.add("name:" + exampleFiles.get(0) + "->" + userFiles.get(0));
        }

        List<String> userExt = extensions(userQuery);
        List<String> exampleExt = extensions(example.query()).stream()
                .filter(e -> Pattern.compile("\\." + Pattern.quote(e) + "(?![A-Za-z0-9])").matcher(example.command()).find()).toList();
        if (userExt.size() == 1 && exampleExt.size() == 1 && !userExt.get(0).equals(exampleExt.get(0))
                && SAFE_TOKEN.matcher(userExt.get(0)).matches()) {
            command = command.replaceAll("\\." + Pattern.quote(exampleExt.get(0)) + "(?![A-Za-z0-9])",
                    Matcher.quoteReplacement("." + userExt.get(0)));
            done.add("ext:" + exampleExt.get(0) + "->" + userExt.get(0));
        }

        List<String> userNumbers = numbers(userQuery);
        List<String> exampleNumbers = numbers(example.query()).stream().filter(n -> containsNumber(example.command(), n)).toList();
        if (userNumbers.size() == 1 && exampleNumbers.size() == 1 && !userNumbers.get(0).equals(exampleNumbers.get(0))) {
            command = command.replaceAll("(?<![\\w.])" + exampleNumbers.get(0) + "(?![\\d.])", userNumbers.get(0));
            done.add("number:" + exampleNumbers.get(0) + "->" + userNumbers.get(0));
        }

        // A quoted string in the request replaces the one single-quoted argument whose text the example's request names.
        List<String> userQuoted = quoted(userQuery);
        List<String> exampleQuoted = new ArrayList<>();
        Matcher m = SINGLE_QUOTED.matcher(example.command());
        while (m.find()) {
            if (containsWord(example.query(), m.group(1))) {
                exampleQuoted.add(m.group(1));
            }
        }
        if (userQuoted.size() == 1 && exampleQuoted.size() == 1 && !userQuoted.get(0).equals(exampleQuoted.get(0))
                && SAFE_QUOTED.matcher(userQuoted.get(0)).matches()) {
            command = command.replace("'" + exampleQuoted.get(0) + "'", "'" + userQuoted.get(0) + "'");
            done.add("text:" + exampleQuoted.get(0) + "->" + userQuoted.get(0));
        }
        return new Adaptation(command, done);
    }

    static List<String> fileNames(String text) {
        String scrubbed = stripQuoted(text);
        Set<String> out = new LinkedHashSet<>();
        Matcher m = FILE_NAME.matcher(scrubbed);
        while (m.find()) {
            out.add(m.group(1));
        }
        return new ArrayList<>(out);
    }

    static List<String> extensions(String text) {
        String scrubbed = stripQuoted(text);
        for (String f : fileNames(text)) {
            scrubbed = scrubbed.replace(f, " ");
        }
        Set<String> out = new LinkedHashSet<>();
        for (Pattern p : List.of(GLOB_EXT, DOT_EXT)) {
            Matcher m = p.matcher(scrubbed);
            while (m.find()) {
                out.add(m.group(1).toLowerCase(Locale.ROOT));
            }
        }
        Matcher m = WORD_EXT.matcher(scrubbed);
        while (m.find()) {
            String e = m.group(1).toLowerCase(Locale.ROOT);
            if (KNOWN_EXTENSIONS.contains(e)) {
                out.add(e);
            }
        }
        return new ArrayList<>(out);
    }

    static List<String> numbers(String text) {
        String scrubbed = stripQuoted(text);
        for (String f : fileNames(text)) {
            scrubbed = scrubbed.replace(f, " ");
        }
        Set<String> out = new LinkedHashSet<>();
        Matcher m = NUMBER.matcher(scrubbed);
        while (m.find()) {
            out.add(m.group(1));
        }
        return new ArrayList<>(out);
    }

    static List<String> quoted(String text) {
        List<String> out = new ArrayList<>();
        for (Pattern p : List.of(DOUBLE_QUOTED, SINGLE_QUOTED)) {
            Matcher m = p.matcher(text);
            while (m.find()) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    private static String stripQuoted(String text) {
        return SINGLE_QUOTED.matcher(DOUBLE_QUOTED.matcher(text).replaceAll(" ")).replaceAll(" ");
    }

    private static boolean containsToken(String command, String token) {
        return Pattern.compile("(?<![\\w.-])" + Pattern.quote(token) + "(?![\\w-])").matcher(command).find();
    }

    private static String replaceToken(String command, String from, String to) {
        return command.replaceAll("(?<![\\w.-])" + Pattern.quote(from) + "(?![\\w-])", Matcher.quoteReplacement(to));
    }

    private static boolean containsNumber(String command, String number) {
        return Pattern.compile("(?<![\\w.])" + number + "(?![\\d.])").matcher(command).find();
    }

    private static boolean containsWord(String text, String word) {
        return Pattern.compile("(?<![\\w])" + Pattern.quote(word) + "(?![\\w])", Pattern.CASE_INSENSITIVE).matcher(text).find();
    }
}
