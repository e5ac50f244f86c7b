package io.clituner.inference.djl.bank;

import io.clituner.core.error.ConfigurationException;
import io.clituner.core.error.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Examples from a tldr client's page cache already on the user's machine (opt-in; nothing is
 * downloaded): tealdeer ({@code ~/.cache/tealdeer/tldr-pages}), the Node client ({@code ~/.tldr/cache})
 * and the Python client ({@code ~/.cache/tldr}). English pages of the {@code common} and
 * {@code linux} platforms become {@code description TAB command} pairs in a bank named
 * {@value #BANK_NAME}, so their example ids say where they came from; {@code {{placeholders}}}
 * become their plain text (the engine's slots then fill them). tldr-pages is CC BY 4.0.
 */
public final class TldrCache {
    public static final String BANK_NAME = "tldr-cache";
    public static final String ATTRIBUTION = "tldr-pages (https://github.com/tldr-pages/tldr), CC BY 4.0";
    private static final Pattern DESCRIPTION = Pattern.compile("^- (.+?):?\\s*$");
    private static final Pattern COMMAND = Pattern.compile("^`(.+)`\\s*$");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(.*?)}}");

    private TldrCache() {}

    /** The first cache directory that exists (holding a {@code pages} or {@code pages.en} folder), if any. */
    public static Optional<Path> find(Map<String, String> env) {
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        String xdg = env.getOrDefault("XDG_CACHE_HOME", home + "/.cache");
        List<Path> candidates = new ArrayList<>();
        if (env.containsKey("TEALDEER_CACHE_DIR")) {
            candidates.add(Path.of(env.get("TEALDEER_CACHE_DIR"), "tldr-pages"));
        }
        candidates.add(Path.of(xdg, "tealdeer", "tldr-pages"));
        candidates.add(Path.of(home, ".tldr", "cache"));
        candidates.add(Path.of(xdg, "tldr"));
        for (Path c : candidates) {
            if (Files.isDirectory(c.resolve("pages")) || Files.isDirectory(c.resolve("pages.en"))) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** The pages under {@code cacheDir} as a bank; a typed error when it holds none. */
    public static ExampleBank read(Path cacheDir) {
        List<String[]> pairs = new ArrayList<>();
        for (String pages : List.of("pages.en", "pages")) {
            for (String platform : List.of("common", "linux")) {
                Path dir = cacheDir.resolve(pages).resolve(platform);
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.md")) {
                    for (Path f : files) {
                        parsePage(Files.readAllLines(f, StandardCharsets.UTF_8), pairs);
                    }
                } catch (IOException e) {
                    throw new ConfigurationException(
                            ErrorCode.CONFIGURATION, "cannot read the tldr cache " + dir + ": " + e.getMessage(), e);
                }
            }
            if (!pairs.isEmpty()) {
                break; // pages.en and pages are the same pages in different client layouts
            }
        }
        if (pairs.isEmpty()) {
            throw new ConfigurationException(ErrorCode.CONFIGURATION, "no tldr pages found under " + cacheDir);
        }
        return ExampleBank.of(BANK_NAME, pairs);
    }

    static void parsePage(List<String> lines, List<String[]> out) {
        String description = null;
        for (String line : lines) {
            Matcher d = DESCRIPTION.matcher(line);
            Matcher c = COMMAND.matcher(line);
            if (d.matches()) {
                description = d.group(1).strip();
            } else if (c.matches() && description != null) {
                String command =
                        PLACEHOLDER.matcher(c.group(1)).replaceAll(m -> Matcher.quoteReplacement(plain(m.group(1))));
                if (!command.isBlank() && command.indexOf('\n') < 0) {
                    out.add(new String[] {description, command.strip()});
                }
                description = null;
            }
        }
    }

    /** "path/to/file" stays, "[-r|--recursive]" keeps its first option, "file1 file2 ..." its first word. */
    private static String plain(String placeholder) {
        String p = placeholder.strip();
        if (p.startsWith("[") && p.endsWith("]")) {
            p = p.substring(1, p.length() - 1);
            int bar = p.indexOf('|');
            return bar > 0 ? p.substring(0, bar) : p;
        }
        return p.replace(" ", "_");
    }
}
