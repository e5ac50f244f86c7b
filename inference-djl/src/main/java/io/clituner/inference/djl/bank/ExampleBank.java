package io.clituner.inference.djl.bank;

import io.clituner.core.error.ConfigurationException;
import io.clituner.core.error.ErrorCode;
import io.clituner.core.hash.Digests;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * An immutable list of {@link Example}s with a content hash. Banks are read from TSV:
 * {@code request TAB command} per line (extra columns ignored), {@code #} comments and blank lines
 * skipped, exact duplicate pairs dropped. The project's own bank ({@link #builtIn()}) ships as a
 * resource; users add theirs (e.g. a tldr export) with {@link #fromTsv(Path)} and {@link #concat}.
 */
public final class ExampleBank {
    static final String BUILT_IN_RESOURCE = "/io/clituner/inference/djl/bank/builtin-bank.tsv";
    public static final String BUILT_IN_NAME = "builtin";

    private final String name;
    private final List<Example> examples;
    private final String sha256;

    private ExampleBank(String name, List<Example> examples) {
        this.name = name;
        this.examples = List.copyOf(examples);
        MessageDigest md = Digests.sha256();
        for (Example e : this.examples) {
            md.update((e.query() + '\t' + e.command() + '\n').getBytes(StandardCharsets.UTF_8));
        }
        this.sha256 = Digests.hex(md.digest());
    }

    /** The bank written for this project (several hundred everyday tasks). */
    public static ExampleBank builtIn() {
        InputStream in = ExampleBank.class.getResourceAsStream(BUILT_IN_RESOURCE);
        if (in == null) {
            throw new ConfigurationException(
                    ErrorCode.CONFIGURATION, "built-in bank resource " + BUILT_IN_RESOURCE + " missing from the jar");
        }
        try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return parse(BUILT_IN_NAME, r, BUILT_IN_RESOURCE);
        } catch (IOException e) {
            throw new ConfigurationException(
                    ErrorCode.CONFIGURATION, "cannot read the built-in bank: " + e.getMessage(), e);
        }
    }

    /** Reads a user bank; its name (used in example ids) is the file name without extension. */
    public static ExampleBank fromTsv(Path file) {
        Objects.requireNonNull(file, "file");
        String fileName = file.getFileName().toString();
        String name = fileName.contains(".") ? fileName.substring(0, fileName.lastIndexOf('.')) : fileName;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(name, r, file.toString());
        } catch (NoSuchFileException e) {
            throw new ConfigurationException(ErrorCode.CONFIGURATION, "example bank not found: " + file);
        } catch (IOException e) {
            throw new ConfigurationException(
                    ErrorCode.CONFIGURATION, "cannot read example bank " + file + ": " + e.getMessage(), e);
        }
    }

    /** Builds a bank from pairs already in memory (each pair is {request, command}). */
    public static ExampleBank of(String name, List<String[]> pairs) {
        List<Example> out = new ArrayList<>(pairs.size());
        Set<String> seen = new LinkedHashSet<>();
        for (String[] p : pairs) {
            add(name, p[0], p[1], out, seen);
        }
        return new ExampleBank(name, out);
    }

    /** One bank holding the examples of all given banks in order (duplicates kept once). */
    public static ExampleBank concat(String name, ExampleBank... banks) {
        List<Example> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (ExampleBank b : banks) {
            for (Example e : b.examples) {
                if (seen.add(e.query() + '\t' + e.command())) {
                    out.add(e);
                }
            }
        }
        return new ExampleBank(name, out);
    }

    /**
     * This bank plus, for each example whose request {@code rewrite} changes, a copy with the rewritten
     * request, the same command and the same id (so an answer found through the copy names the original).
     * The retrieval engine indexes requests with their values masked ("count lines in notes.txt" →
     * "count lines in a file") beside the originals.
     */
    public ExampleBank withVariants(UnaryOperator<String> rewrite) {
        List<Example> out = new ArrayList<>(examples);
        Set<String> seen = new LinkedHashSet<>();
        for (Example e : examples) {
            seen.add(e.query().toLowerCase(Locale.ROOT) + '\t' + e.command());
        }
        for (Example e : examples) {
            String q = rewrite.apply(e.query());
            if (!q.equals(e.query()) && seen.add(q.toLowerCase(Locale.ROOT) + '\t' + e.command())) {
                out.add(new Example(e.id(), q, e.command()));
            }
        }
        return new ExampleBank(name + "+variants", out);
    }

    static ExampleBank parse(String name, Reader reader, String source) throws IOException {
        BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        List<Example> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        String line;
        int lineNo = 0;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\t", -1);
            if (cols.length < 2 || cols[0].isBlank() || cols[1].isBlank()) {
                throw new ConfigurationException(
                        ErrorCode.CONFIGURATION,
                        source + " line " + lineNo + ": expected 'request<TAB>command', got '" + abbreviate(line)
                                + "'");
            }
            add(name, cols[0], cols[1], out, seen);
        }
        if (out.isEmpty()) {
            throw new ConfigurationException(
                    ErrorCode.CONFIGURATION, source + ": the bank holds no 'request<TAB>command' lines");
        }
        return new ExampleBank(name, out);
    }

    private static void add(String bank, String query, String command, List<Example> out, Set<String> seen) {
        String q = query.strip();
        String c = command.strip();
        String key = q + '\t' + c;
        if (q.isEmpty() || c.isEmpty() || !seen.add(key)) {
            return;
        }
        out.add(new Example(bank + ":" + Digests.sha256Hex(key).substring(0, 12), q, c));
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    public String name() {
        return name;
    }

    public List<Example> examples() {
        return examples;
    }

    public int size() {
        return examples.size();
    }

    public Example get(int index) {
        return examples.get(index);
    }

    /** SHA-256 over every pair in order: identifies the bank's content. */
    public String sha256() {
        return sha256;
    }

    public List<String> queries() {
        return examples.stream().map(Example::query).toList();
    }
}
