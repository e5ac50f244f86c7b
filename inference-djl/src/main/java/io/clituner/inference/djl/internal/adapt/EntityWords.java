package io.clituner.inference.djl.internal.adapt;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The English words {@link EntityExtractor} knows: extensions and the names people use for them, top-level domains,
 * conventional directory names, and the words that follow "directory", "user" or "named" without being a value.
 */
final class EntityWords {
    private EntityWords() {}

    /** Extensions recognised in phrases like "pdf files" (as opposed to "*.pdf", which is always recognised). */
    static final Set<String> KNOWN_EXTENSIONS = Set.of(
            "pdf", "txt", "log", "csv", "tsv", "json", "xml", "yaml", "yml", "toml", "ini", "conf", "cfg", "md", "html",
            "htm", "css", "js", "ts", "jsx", "tsx", "py", "java", "kt", "scala", "c", "h", "cpp", "hpp", "cc", "go", "rs",
            "rb", "php", "pl", "sh", "bash", "zsh", "sql", "db", "jpg", "jpeg", "png", "gif", "svg", "bmp", "webp", "tiff",
            "mp3", "mp4", "wav", "flac", "ogg", "mkv", "avi", "mov", "webm", "doc", "docx", "xls", "xlsx", "ppt", "pptx",
            "odt", "zip", "tar", "gz", "tgz", "bz2", "xz", "7z", "rar", "iso", "img", "deb", "rpm", "jar", "war", "class",
            "o", "so", "bin", "exe", "tmp", "bak", "swp", "pyc", "lock", "env", "properties", "gradle", "tex", "rst", "epub",
            "out", "err", "pem", "key", "crt", "csr", "pub", "svgz", "heic", "mkd", "ipynb", "lua", "r", "swift", "vue");
    /** Names people use for a kind of file instead of its extension. */
    static final Map<String, String> LANGUAGE_EXTENSIONS = Map.ofEntries(
            Map.entry("python", "py"), Map.entry("javascript", "js"), Map.entry("typescript", "ts"),
            Map.entry("markdown", "md"), Map.entry("text", "txt"), Map.entry("shell", "sh"), Map.entry("ruby", "rb"),
            Map.entry("rust", "rs"), Map.entry("golang", "go"), Map.entry("kotlin", "kt"), Map.entry("perl", "pl"),
            Map.entry("java", "java"), Map.entry("jpeg", "jpg"), Map.entry("word", "docx"), Map.entry("excel", "xlsx"));
    /** Top-level domains that make "name.tld" a host rather than a file. */
    static final Set<String> TOP_LEVEL_DOMAINS = Set.of("com", "org", "net", "io", "dev", "edu", "gov", "co",
            "uk", "de", "fr", "local", "internal", "lan", "example", "test", "localdomain", "app", "cloud", "info", "me");
    /** Words after "directory"/"user"/"named" that are not a value ("the directory of", "a user with"). */
    static final Set<String> NOT_A_VALUE = Set.copyOf(List.of("a", "an", "the", "this", "that", "these", "those", "my",
            "your", "its", "their", "current", "working", "home", "parent", "root", "same", "new", "each", "every", "all",
            "any", "some", "empty", "with", "without", "and", "or", "in", "into", "to", "from", "of", "on", "for", "is",
            "are", "has", "have", "which", "where", "who", "whose", "named", "called", "recursively", "tree", "structure",
            "listing", "contents", "content", "size", "sizes", "name", "names", "files", "file", "here", "there", "it",
            "them", "by", "as", "at", "than", "only", "not", "temporary", "temp", "hidden", "given", "specified",
            "other", "another", "two", "both", "one", "first", "last", "most", "recent", "largest", "biggest",
            "under", "inside", "within", "below", "above", "over", "beneath", "top-level", "sub", "level", "contains",
            "containing", "starts", "starting", "ends", "ending", "begins", "like", "matching", "sorted", "listed",
            "recursive", "again", "now", "then", "too", "instead", "path", "pointing"));

    /**
     * Directory names so conventional that "in Downloads" or "under src" names a place without the word
     * "directory": the XDG user directories and the usual project and system folders.
     */
    static final Set<String> CONVENTIONAL_DIRECTORIES = Set.of("downloads", "documents", "desktop", "pictures", "music", "videos",
            "templates", "src", "lib", "bin", "build", "dist", "docs", "tests", "scripts", "logs", "tmp", "etc", "assets",
            "vendor", "node_modules", "backups", "uploads", "releases");
    /** Verbs that start a request ("find", "list"…): never a directory's name. */
    static final Set<String> VERBS = Set.of("find", "list", "show", "delete", "remove", "create", "make", "count",
            "copy", "move", "search", "print", "display", "rename", "compress", "archive", "zip", "extract", "sync",
            "mount", "change", "enter", "open", "go", "get", "check", "clean", "empty", "backup", "mirror", "watch", "sort");
    /** Words paired by a slash without naming a path ("and/or", "read/write", "tcp/udp"). */
    static final Set<String> ALTERNATIVES = Set.of("and", "or", "read", "write", "execute", "on", "off", "yes", "no", "input",
            "output", "tcp", "udp", "start", "stop", "true", "false", "open", "close", "up", "down");

    static boolean isAlternative(String v) {
        String[] parts = v.toLowerCase(Locale.ROOT).split("/");
        return ALTERNATIVES.contains(parts[0]) || ALTERNATIVES.contains(parts[1]);
    }

    /** Whether the word before {@code at} names an extension ("pdf log files"). */
    static boolean otherExtensionNear(String text, int at) {
        String before = text.substring(Math.max(0, at - 12), at).toLowerCase(Locale.ROOT).trim();
        String last = before.contains(" ") ? before.substring(before.lastIndexOf(' ') + 1) : before;
        return KNOWN_EXTENSIONS.contains(last) || LANGUAGE_EXTENSIONS.containsKey(last);
    }
}
