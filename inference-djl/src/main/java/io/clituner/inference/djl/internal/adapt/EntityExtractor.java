package io.clituner.inference.djl.internal.adapt;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the typed values of an English request: quoted strings, URLs, users and hosts, paths, file
 * names, sizes, time spans, ports, permissions, extensions, names and plain numbers. Each character
 * of the request belongs to at most one entity: the passes run from the most specific shape
 * (a quoted string, a URL) to the least (a bare number), and a later pass skips text an earlier
 * one took. Stateless and thread-safe.
 */
public final class EntityExtractor {
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"|'([^']+)'|`([^`]+)`|“([^”]+)”");
    private static final Pattern URL = Pattern.compile("\\b(?:https?|ftp)://[^\\s'\"<>]+");
    private static final Pattern USER_AT_HOST =
            Pattern.compile("(?<![\\w.@-])([a-z_][a-z0-9_.-]*)@([A-Za-z0-9][A-Za-z0-9.-]*[A-Za-z0-9])(?![\\w@])");
    private static final Pattern IPV4 =
            Pattern.compile("(?<![\\w.])(\\d{1,3}(?:\\.\\d{1,3}){3})(/\\d{1,2})?(?![\\w.])");
    private static final Pattern HOST_PORT =
            Pattern.compile("(?<![\\w.])(localhost|[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+):(\\d{1,5})(?!\\d)");
    private static final Pattern PORT =
            Pattern.compile("(?i)\\bports?\\s+(?:number\\s+)?(\\d{1,5})\\b|(?<![\\w:])(:\\d{2,5})\\b");
    private static final Pattern PATH = Pattern.compile(
            "(?<![\\w.~/-])((?:~|\\.{1,2})?/[A-Za-z0-9_.@%+~/-]*|~|[A-Za-z0-9_.-]+/(?:[A-Za-z0-9_.@%+-]+/?)*)(?![\\w/])");
    private static final Pattern FILE_NAME = Pattern.compile(
            "(?<![\\w./-])(-?[A-Za-z0-9_][A-Za-z0-9_-]*(?:\\.[A-Za-z0-9_-]+)*\\.[A-Za-z][A-Za-z0-9]{0,9}|\\.[a-z][a-z0-9_]*rc|\\.env|\\.gitignore|Makefile|Dockerfile)(?![\\w/-])");
    private static final Pattern SIZE = Pattern.compile(
            "(?i)(?<![\\w.])(\\d+(?:\\.\\d+)?)\\s*(bytes?|b|kilobytes?|kb|kib|k|megabytes?|mb|mib|megs?|gigabytes?|gb|gib|gigs?|terabytes?|tb|tib)(?![\\w])");
    private static final Pattern SIZE_LETTER = Pattern.compile("(?<![\\w.])(\\d+(?:\\.\\d+)?)([KMGT])(?![\\w])");
    private static final Pattern DURATION = Pattern.compile(
            "(?i)(?<![\\w.])(\\d+(?:\\.\\d+)?)\\s*(seconds?|secs?|minutes?|mins?|hours?|hrs?|h|days?|d|weeks?|wks?|months?|years?|yrs?)(?![\\w])");
    private static final Pattern DURATION_WORDS = Pattern.compile(
            "(?i)\\b(?:(?:in\\s+)?the\\s+(?:last|past)|within\\s+the\\s+(?:last|past)|(?:last|past)|this|an?|one|since)\\s+(minute|hour|day|week|month|year)\\b|\\b(today|yesterday|in the last day)\\b");
    private static final Pattern OCTAL_MODE = Pattern.compile("(?<![\\w.])([0-7]{3,4})(?![\\w.])");
    private static final Pattern SYMBOLIC_MODE = Pattern.compile("(?<![\\w-])([ugoa]{0,3}[+=-][rwxXst]{1,4})(?![\\w])");
    private static final Pattern MODE_CONTEXT =
            Pattern.compile("(?i)\\b(?:perm\\w*|mode|chmod|access rights|rights)\\b");
    private static final Pattern USER = Pattern.compile(
            "(?i)\\b(?:user(?:name)?|owner|owned by|belonging to|account)\\s+(?:named\\s+|called\\s+)?([a-z_][a-z0-9_-]{0,31})\\b");
    /** "change the owner of f to www-data", "connect to db as admin". */
    private static final Pattern USER_AFTER_VERB = Pattern.compile(
            "(?i)\\b(?:owner|ownership|chown)\\b[^;]*?\\bto\\s+(?:the\\s+)?(?:user\\s+)?([a-z_][a-z0-9_-]{0,31})\\b"
                    + "|\\b(?:log ?in|connect|ssh|run|execute|sign in)\\b[^;]*?\\bas\\s+(?:the\\s+)?(?:user\\s+)?([a-z_][a-z0-9_-]{0,31})\\b");

    private static final Pattern HOST = Pattern.compile(
            "(?i)\\b(?:host(?:name)?|server|machine|domain|site)\\s+(?:named\\s+|called\\s+)?([A-Za-z0-9][A-Za-z0-9.-]*[A-Za-z0-9])\\b");
    private static final Pattern DOTTED_HOST =
            Pattern.compile("(?<![\\w.@/-])([A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.([A-Za-z]{2,12}))(?![\\w/-])");
    private static final Pattern DIRECTORY_THEN_NAME = Pattern.compile(
            "(?i)\\b(?:director(?:y|ies)|folders?|dirs?)\\s+(?:named\\s+|called\\s+)?([A-Za-z0-9_][A-Za-z0-9_.-]*)"
                    + "(?=\\s*$|\\s*[,;:]|\\s+(?:and|to|into|in|on|with|for|from|recursively|as|if|that|which)\\b)");
    private static final Pattern NAME_THEN_DIRECTORY =
            Pattern.compile("(?i)\\b([A-Za-z0-9_][A-Za-z0-9_.-]*)\\s+(?:director(?:y|ies)|folders?|dirs?)\\b");
    /** A conventional directory after a word of place: "files in Downloads", "everything under the src". */
    private static final Pattern PLACE_WORD = Pattern.compile(
            "(?i)\\b(?:in|under|inside|within|from|into|to|of|below|beneath)\\s+(?:the\\s+|my\\s+)?([A-Za-z_][A-Za-z0-9_-]*)(?=\\s*$|\\s*[,;:.?!)]|\\s+(?!director|folder|dir\\b|files?\\b)\\S)");

    private static final Pattern HOME =
            Pattern.compile("(?i)\\b(?:my\\s+home|the\\s+home|home)\\s+(?:directory|folder|dir)\\b");
    private static final Pattern NAMED =
            Pattern.compile("(?i)\\b(?:named|called|name)\\s+([A-Za-z0-9_*][A-Za-z0-9_.*-]*)");
    private static final Pattern GLOB_EXT = Pattern.compile("\\*\\.([A-Za-z0-9]{1,10})\\b");
    private static final Pattern DOT_EXT = Pattern.compile("(?<![\\w.*])\\.([A-Za-z0-9]{1,10})\\b");
    private static final String NOUNS =
            "files?|documents?|images?|pictures?|photos?|archives?|scripts?|sources?|source files?|logs?|sheets?|videos?|songs?|code|notebooks?|programs?|modules?|pages?|tarballs?";
    private static final Pattern WORD_EXT = Pattern.compile("(?i)\\b([A-Za-z0-9]{1,10})(?=\\s+(?:" + NOUNS + ")\\b)");
    private static final Pattern SEARCH_TERM = Pattern.compile(
            "(?i)\\b(?:search|grep|look|scan)\\s+(?:for|through)\\s+([A-Za-z0-9_][A-Za-z0-9_.:@-]*)\\s+(?:in|inside|within|across|under|through)\\b|(?i)\\b(?:the\\s+)?(?:word|string|text|pattern|term|phrase|keyword)\\s+([A-Za-z0-9_][A-Za-z0-9_.:@-]*)|\\bcontain(?:s|ing)?\\s+(?:the\\s+(?:word|string|text)\\s+)?([A-Za-z0-9_][A-Za-z0-9_.:@-]*)");
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.:/-])(\\d{1,9})(?![\\w.])");

    public List<Entity> extract(String request) {
        String text = request == null ? "" : request;
        boolean[] taken = new boolean[text.length()];
        List<Entity> out = new ArrayList<>();
        // The passes' order is the order of precedence: each one skips text an earlier one took.
        quoted(text, taken, out);
        find(text, taken, out, URL, 0, EntityKind.URL, v -> stripTrailingPunctuation(v));
        pairs(text, taken, out, USER_AT_HOST, EntityKind.USER, EntityKind.HOST);
        pairs(text, taken, out, HOST_PORT, EntityKind.HOST, EntityKind.PORT);
        find(text, taken, out, IPV4, 0, EntityKind.HOST, v -> v);
        ports(text, taken, out);
        paths(text, taken, out);
        home(text, taken, out);
        fileNames(text, taken, out);
        sizes(text, taken, out);
        durations(text, taken, out);
        if (MODE_CONTEXT.matcher(text).find()) {
            find(text, taken, out, OCTAL_MODE, 1, EntityKind.PERMISSION, v -> v);
        }
        find(text, taken, out, SYMBOLIC_MODE, 1, EntityKind.PERMISSION, v -> v);
        valueAfterKeyword(text, taken, out, USER, EntityKind.USER);
        valueAfterKeyword(text, taken, out, USER_AFTER_VERB, EntityKind.USER);
        valueAfterKeyword(text, taken, out, HOST, EntityKind.HOST);
        dottedHosts(text, taken, out);
        directories(text, taken, out);
        places(text, taken, out);
        extensions(text, taken, out);
        named(text, taken, out);
        searchTerms(text, taken, out);
        find(text, taken, out, NUMBER, 1, EntityKind.NUMBER, v -> v);
        out.sort(Comparator.comparingInt(Entity::start));
        out.replaceAll(e -> new Entity(
                e.kind(), e.value(), e.start(), e.end(), text.substring(Math.max(0, e.start() - 30), e.start())));
        return List.copyOf(out);
    }

    /**
     * The request with its specific values replaced by plain words ("count lines in main.py" → "count
     * lines in a file"), or the request itself when it holds none. Embeddings weigh a value's own
     * meaning ("main.py" pulls towards "all python files"); the masked request finds the task.
     */
    public String masked(String request) {
        // Most requests hold nothing to mask; this check is cheap (the engine masks its whole bank at start).
        return MASKABLE.matcher(request).find() ? masked(request, extract(request)) : request;
    }

    /** Text without any of these cannot yield a file, path, host, URL, user or name entity (see the patterns above). */
    private static final Pattern MASKABLE =
            Pattern.compile("[./~@:'\"`“]|(?i)makefile|dockerfile|folder|director|\\bdirs?\\b|home|host|server"
                    + "|machine|domain|site|user|owner|owned|belonging|account|chown|log ?in|connect|ssh|\\brun\\b|execute|sign in|named|called|\\bname\\b"
                    + "|(?i)\\b(?:" + String.join("|", EntityWords.CONVENTIONAL_DIRECTORIES) + ")\\b");

    /** As {@link #masked(String)} with the request's entities already extracted. */
    public String masked(String request, List<Entity> entities) {
        StringBuilder sb = new StringBuilder();
        int pos = 0;
        for (Entity e : entities) {
            boolean namedPlace = e.kind() == EntityKind.PATH
                    && NAMED_PLACE_FOLLOWS
                            .matcher(request)
                            .region(e.end(), request.length())
                            .lookingAt();
            String word = switch (e.kind()) {
                case FILE -> "a file";
                case PATH -> namedPlace ? "" : "a directory";
                case HOST -> "a host";
                case URL -> "a url";
                case USER -> "a user";
                case NAME -> "something";
                default -> null;
            };
            if (word == null || e.start() < pos) {
                continue;
            }
            String before = request.substring(pos, e.start());
            if (!namedPlace) {
                before = before.replaceFirst("(?i)\\b(the|a|an|my)\\s+$", "");
            }
            sb.append(before).append(word);
            pos = e.end();
        }
        return pos == 0
                ? request
                : sb.append(request.substring(pos))
                        .toString()
                        .replaceAll("\\s{2,}", " ")
                        .strip();
    }

    /**
     * The request without any of its values ("search for the word 'timeout' in app.log" → "search for the
     * word in"): the words that say what to do, for statistics of which program a request's words go with.
     */
    public static String withoutValues(String request, List<Entity> entities) {
        StringBuilder sb = new StringBuilder();
        int pos = 0;
        for (Entity e : entities) {
            if (e.start() >= pos) {
                sb.append(request, pos, e.start()).append(' ');
                pos = e.end();
            }
        }
        return sb.append(request.substring(Math.min(pos, request.length()))).toString();
    }

    /** The values of one kind, in request order, without repeats. */
    public static List<String> values(List<Entity> entities, EntityKind kind) {
        List<String> out = new ArrayList<>();
        for (Entity e : entities) {
            if (e.kind() == kind && !out.contains(e.value())) {
                out.add(e.value());
            }
        }
        return out;
    }

    /** Quoted strings: a file name when shaped like one, else text. */
    private static void quoted(String text, boolean[] taken, List<Entity> out) {
        Matcher m = QUOTED.matcher(text);
        while (m.find()) {
            int g = m.group(1) != null ? 1 : m.group(2) != null ? 2 : m.group(3) != null ? 3 : 4;
            if (claim(taken, m.start(), m.end())) {
                String v = m.group(g);
                boolean fileName = v.matches("[^/]*\\.[A-Za-z][A-Za-z0-9]{0,9}") && v.length() < 80;
                out.add(new Entity(fileName ? EntityKind.FILE : EntityKind.TEXT, v, m.start(g), m.end(g)));
            }
        }
    }

    /** Two values in one match ({@code user@host}, {@code host:port}): groups 1 and 2, taken together or not at all. */
    private static void pairs(
            String text, boolean[] taken, List<Entity> out, Pattern p, EntityKind first, EntityKind second) {
        Matcher m = p.matcher(text);
        while (m.find()) {
            if (free(taken, m.start(), m.end())) {
                claim(taken, m.start(), m.end());
                out.add(new Entity(first, m.group(1), m.start(1), m.end(1)));
                out.add(new Entity(second, m.group(2), m.start(2), m.end(2)));
            }
        }
    }

    private static void ports(String text, boolean[] taken, List<Entity> out) {
        Matcher m = PORT.matcher(text);
        while (m.find()) {
            int g = m.group(1) != null ? 1 : 2;
            if (free(taken, m.start(g), m.end(g))) {
                claim(taken, m.start(g), m.end(g));
                out.add(new Entity(EntityKind.PORT, m.group(g).replace(":", ""), m.start(g), m.end(g)));
            }
        }
    }

    private static void paths(String text, boolean[] taken, List<Entity> out) {
        Matcher m = PATH.matcher(text);
        while (m.find()) {
            String v = stripTrailingPunctuation(m.group(1));
            int end = m.start(1) + v.length();
            if (v.isEmpty()
                    || (v.equals("/") && !rootMeant(text, m.start(1)))
                    || v.matches("\\d+/\\d+")
                    || !free(taken, m.start(1), end)) {
                continue;
            }
            if (v.matches("[A-Za-z]+/[A-Za-z]+") && !v.contains(".") && EntityWords.isAlternative(v)) {
                continue; // "and/or", "read/write"
            }
            claim(taken, m.start(1), end);
            out.add(new Entity(looksLikeFile(v) ? EntityKind.FILE : EntityKind.PATH, v, m.start(1), end));
        }
    }

    private static void home(String text, boolean[] taken, List<Entity> out) {
        Matcher m = HOME.matcher(text);
        while (m.find()) {
            if (claim(taken, m.start(), m.end())) {
                out.add(new Entity(EntityKind.PATH, "~", m.start(), m.end()));
            }
        }
    }

    /** File names, or hosts when the "extension" is a top-level domain and no known extension. */
    private static void fileNames(String text, boolean[] taken, List<Entity> out) {
        Matcher m = FILE_NAME.matcher(text);
        while (m.find()) {
            String v = m.group(1);
            String ext = v.substring(v.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
            if (!free(taken, m.start(1), m.end(1)) || v.matches("\\d+(\\.\\d+)+")) {
                continue;
            }
            if (EntityWords.TOP_LEVEL_DOMAINS.contains(ext) && !EntityWords.KNOWN_EXTENSIONS.contains(ext)) {
                claim(taken, m.start(1), m.end(1));
                out.add(new Entity(EntityKind.HOST, v, m.start(1), m.end(1)));
                continue;
            }
            claim(taken, m.start(1), m.end(1));
            out.add(new Entity(EntityKind.FILE, v, m.start(1), m.end(1)));
        }
    }

    private static void sizes(String text, boolean[] taken, List<Entity> out) {
        Matcher m = SIZE.matcher(text);
        while (m.find()) {
            addSize(text, taken, out, m.start(), m.end(), m.group(1), m.group(2));
        }
        m = SIZE_LETTER.matcher(text);
        while (m.find()) {
            addSize(text, taken, out, m.start(), m.end(), m.group(1), m.group(2));
        }
    }

    /** Spans in minutes: an amount with a unit ("3 days"), then words ("last week", "yesterday"). */
    private static void durations(String text, boolean[] taken, List<Entity> out) {
        Matcher m = DURATION.matcher(text);
        while (m.find()) {
            if (free(taken, m.start(), m.end())) {
                claim(taken, m.start(), m.end());
                long minutes = Math.round(Double.parseDouble(m.group(1)) * Units.minutesPer(m.group(2)));
                out.add(new Entity(EntityKind.DURATION, Long.toString(minutes), m.start(), m.end()));
            }
        }
        m = DURATION_WORDS.matcher(text);
        while (m.find()) {
            if (free(taken, m.start(), m.end())) {
                claim(taken, m.start(), m.end());
                String unit = m.group(1) != null
                        ? m.group(1)
                        : m.group(2).toLowerCase(Locale.ROOT).equals("yesterday") ? "2 days" : "day";
                long minutes = unit.equals("2 days") ? 2 * 1440 : (long) Units.minutesPer(unit);
                out.add(new Entity(EntityKind.DURATION, Long.toString(minutes), m.start(), m.end()));
            }
        }
    }

    private static void dottedHosts(String text, boolean[] taken, List<Entity> out) {
        Matcher m = DOTTED_HOST.matcher(text);
        while (m.find()) {
            if (EntityWords.TOP_LEVEL_DOMAINS.contains(m.group(2).toLowerCase(Locale.ROOT))
                    && claim(taken, m.start(1), m.end(1))) {
                out.add(new Entity(EntityKind.HOST, m.group(1), m.start(1), m.end(1)));
            }
        }
    }

    /** A word next to "directory" or "folder": a place, or the name of directories to look for. */
    private static void directories(String text, boolean[] taken, List<Entity> out) {
        for (Pattern p : List.of(DIRECTORY_THEN_NAME, NAME_THEN_DIRECTORY)) {
            Matcher m = p.matcher(text);
            while (m.find()) {
                String v = m.group(1);
                String lower = v.toLowerCase(Locale.ROOT);
                if (!EntityWords.NOT_A_VALUE.contains(lower)
                        && !EntityWords.VERBS.contains(lower)
                        && !EntityWords.LANGUAGE_EXTENSIONS.containsKey(lower)
                        && !v.matches("\\d+")
                        && claim(taken, m.start(1), m.end(1))) {
                    // "the src directory" is a place; "node_modules folders", "a directory named build" name
                    // directories.
                    String phrase = m.group().toLowerCase(Locale.ROOT);
                    boolean name = phrase.matches("(?s).*\\b(directories|folders|dirs|named|called)\\b.*");
                    out.add(new Entity(name ? EntityKind.NAME : EntityKind.PATH, v, m.start(1), m.end(1)));
                }
            }
        }
    }

    private static void places(String text, boolean[] taken, List<Entity> out) {
        Matcher m = PLACE_WORD.matcher(text);
        while (m.find()) {
            if (EntityWords.CONVENTIONAL_DIRECTORIES.contains(m.group(1).toLowerCase(Locale.ROOT))
                    && claim(taken, m.start(1), m.end(1))) {
                out.add(new Entity(EntityKind.PATH, m.group(1), m.start(1), m.end(1)));
            }
        }
    }

    private static void named(String text, boolean[] taken, List<Entity> out) {
        Matcher m = NAMED.matcher(text);
        while (m.find()) {
            String v = m.group(1);
            if (!EntityWords.NOT_A_VALUE.contains(v.toLowerCase(Locale.ROOT)) && claim(taken, m.start(1), m.end(1))) {
                out.add(new Entity(EntityKind.NAME, v, m.start(1), m.end(1)));
            }
        }
    }

    private static void searchTerms(String text, boolean[] taken, List<Entity> out) {
        Matcher m = SEARCH_TERM.matcher(text);
        while (m.find()) {
            int g = m.group(1) != null ? 1 : m.group(2) != null ? 2 : 3;
            String v = m.group(g);
            if (!EntityWords.NOT_A_VALUE.contains(v.toLowerCase(Locale.ROOT))
                    && !v.matches("\\d+")
                    && claim(taken, m.start(g), m.end(g))) {
                out.add(new Entity(EntityKind.TEXT, v, m.start(g), m.end(g)));
            }
        }
    }

    private void extensions(String text, boolean[] taken, List<Entity> out) {
        for (Pattern p : List.of(GLOB_EXT, DOT_EXT)) {
            Matcher m = p.matcher(text);
            while (m.find()) {
                if (claim(taken, m.start(), m.end())) {
                    out.add(new Entity(EntityKind.EXTENSION, m.group(1).toLowerCase(Locale.ROOT), m.start(), m.end()));
                }
            }
        }
        Matcher m = WORD_EXT.matcher(text);
        while (m.find()) {
            String word = m.group(1).toLowerCase(Locale.ROOT);
            String ext = EntityWords.KNOWN_EXTENSIONS.contains(word) ? word : EntityWords.LANGUAGE_EXTENSIONS.get(word);
            if (ext != null
                    && !(word.equals("log") || word.equals("text") || word.equals("word"))
                    && claim(taken, m.start(1), m.end(1))) {
                out.add(new Entity(EntityKind.EXTENSION, ext, m.start(1), m.end(1)));
            } else if (ext != null
                    && (word.equals("log") || word.equals("text"))
                    && !EntityWords.otherExtensionNear(text, m.start(1))
                    && claim(taken, m.start(1), m.end(1))) {
                // "log files" and "text files" name an extension unless another one is named ("pdf log files").
                out.add(new Entity(EntityKind.EXTENSION, ext, m.start(1), m.end(1)));
            }
        }
    }

    private static void addSize(
            String text, boolean[] taken, List<Entity> out, int start, int end, String amount, String unit) {
        if (!free(taken, start, end)) {
            return;
        }
        String u = unit.toLowerCase(Locale.ROOT);
        if ((u.equals("b") || u.equals("k")) && !sizeContext(text)) {
            return; // "5 b" is rarely a size unless the request speaks of sizes
        }
        claim(taken, start, end);
        long factor = switch (u.charAt(0)) {
            case 'k' -> 1024L;
            case 'm' -> 1024L * 1024;
            case 'g' -> 1024L * 1024 * 1024;
            case 't' -> 1024L * 1024 * 1024 * 1024;
            default -> 1L;
        };
        long bytes = Math.round(Double.parseDouble(amount) * factor);
        out.add(new Entity(EntityKind.SIZE, Long.toString(bytes), start, end));
    }

    private static final Pattern SIZE_CONTEXT = Pattern.compile(
            "(?i)\\b(size|larger|bigger|smaller|over|under|than|exceed\\w*|at least|at most|bytes?)\\b");
    private static final Pattern NAMED_PLACE_FOLLOWS = Pattern.compile("(?i)\\s+(folders?|director(y|ies)|dirs?)\\b");

    private static boolean sizeContext(String text) {
        return SIZE_CONTEXT.matcher(text).find();
    }

    private static boolean rootMeant(String text, int at) {
        return text.substring(at).matches("(?s)/(\\s|$|[,.;]).*")
                && text.substring(0, at).matches("(?is).*\\b(in|under|from|of|on|at)\\s+$");
    }

    static boolean looksLikeFile(String path) {
        if (path.endsWith("/")) {
            return false;
        }
        String last = path.substring(path.lastIndexOf('/') + 1);
        int dot = last.lastIndexOf('.');
        return dot > 0 && dot < last.length() - 1 && last.substring(dot + 1).matches("[A-Za-z][A-Za-z0-9]{0,9}");
    }

    private static String stripTrailingPunctuation(String v) {
        String s = v;
        while (s.length() > 1 && ".,;:!?)".indexOf(s.charAt(s.length() - 1)) >= 0) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    private void valueAfterKeyword(String text, boolean[] taken, List<Entity> out, Pattern p, EntityKind kind) {
        Matcher m = p.matcher(text);
        while (m.find()) {
            int g = m.group(1) != null ? 1 : 2;
            String v = m.group(g);
            if (!EntityWords.NOT_A_VALUE.contains(v.toLowerCase(Locale.ROOT))
                    && !v.matches("\\d+")
                    && claim(taken, m.start(g), m.end(g))) {
                out.add(new Entity(kind, v, m.start(g), m.end(g)));
            }
        }
    }

    private static void find(
            String text,
            boolean[] taken,
            List<Entity> out,
            Pattern p,
            int group,
            EntityKind kind,
            java.util.function.UnaryOperator<String> value) {
        Matcher m = p.matcher(text);
        while (m.find()) {
            String v = value.apply(m.group(group));
            int start = m.start(group);
            int end = start + v.length();
            if (claim(taken, start, end)) {
                out.add(new Entity(kind, v, start, end));
            }
        }
    }

    private static boolean free(boolean[] taken, int start, int end) {
        for (int i = start; i < end; i++) {
            if (taken[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean claim(boolean[] taken, int start, int end) {
        if (!free(taken, start, end)) {
            return false;
        }
        for (int i = start; i < end; i++) {
            taken[i] = true;
        }
        return true;
    }
}
