package io.clituner.guardrails.internal.rules;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The version of the guardrails' judgement, derived rather than bumped by hand: a SHA-256 over the rule book's
 * definitions (ids, risks, descriptions, programs, gates, examples) and over every class and resource of the
 * {@code io.clituner.guardrails} packages in the code source that holds them (matchers, the analysis that feeds them,
 * policies). Any change to either gives a new version, so a response cache keyed by it cannot serve verdicts of an
 * older rule book. Deterministic for one build; two builds with different compilers may differ, which only costs a
 * cache miss.
 */
public final class RuleBookDigest {
    private static final String ROOT = "io/clituner/guardrails/";

    private RuleBookDigest() {}

    /** {@code prefix+HASH}: the hash (16 hex digits) of the default rules and the guardrails' code. */
    public static String version(String prefix) {
        MessageDigest md = sha256();
        md.update(definitions(RuleBook.defaultRules()));
        md.update(code(RuleBookDigest.class));
        return prefix + "+" + HexFormat.of().formatHex(md.digest(), 0, 8);
    }

    /** A canonical text of the rules' definitions in book order (everything but the matchers' code). */
    static byte[] definitions(List<Rule> rules) {
        StringBuilder sb = new StringBuilder();
        for (Rule r : rules) {
            sb.append(r.id())
                    .append('\u0000')
                    .append(r.risk())
                    .append('\u0000')
                    .append(r.strictOnly())
                    .append('\u0000')
                    .append(r.description())
                    .append('\u0000')
                    .append(r.programs() == null ? "structural" : new java.util.TreeSet<>(r.programs()))
                    .append('\u0000');
            Rule.Gate g = r.gate();
            sb.append(
                    g == null
                            ? "-"
                            : new java.util.TreeSet<>(g.programs()) + "/" + g.redirected() + "/" + g.treeWalk());
            r.examples().forEach(e -> sb.append('\u0001').append(e));
            r.counterExamples().forEach(e -> sb.append('\u0002').append(e));
            sb.append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The hash of every file under {@code io/clituner/guardrails/} next to {@code anchor}'s class file (a jar or a
     * class directory), in name order; "unknown code source" when the class loader does not say where it came from.
     */
    static byte[] code(Class<?> anchor) {
        CodeSource cs = anchor.getProtectionDomain().getCodeSource();
        try {
            if (cs != null && cs.getLocation() != null) {
                Path p = Path.of(cs.getLocation().toURI());
                return Files.isDirectory(p) ? directory(p) : jar(p);
            }
        } catch (IOException
                | URISyntaxException
                | IllegalArgumentException
                | java.nio.file.FileSystemNotFoundException e) {
            // fall through: the rule definitions alone still version the book
        }
        return "unknown code source".getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] directory(Path root) throws IOException {
        TreeMap<String, Path> files = new TreeMap<>();
        Path base = root.resolve(ROOT);
        if (!Files.isDirectory(base)) {
            return new byte[0];
        }
        try (Stream<Path> s = Files.walk(base)) {
            for (Path f : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
                files.put(root.relativize(f).toString().replace('\\', '/'), f);
            }
        }
        MessageDigest md = sha256();
        for (var e : files.entrySet()) {
            md.update(e.getKey().getBytes(StandardCharsets.UTF_8));
            md.update(Files.readAllBytes(e.getValue()));
        }
        return md.digest();
    }

    private static byte[] jar(Path jar) throws IOException {
        MessageDigest md = sha256();
        try (JarFile jf = new JarFile(jar.toFile())) {
            List<JarEntry> entries = new ArrayList<>();
            jf.stream()
                    .filter(e -> !e.isDirectory() && e.getName().startsWith(ROOT))
                    .forEach(entries::add);
            entries.sort(java.util.Comparator.comparing(JarEntry::getName));
            for (JarEntry e : entries) {
                md.update(e.getName().getBytes(StandardCharsets.UTF_8));
                try (InputStream in = jf.getInputStream(e)) {
                    md.update(in.readAllBytes());
                }
            }
        }
        return md.digest();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
