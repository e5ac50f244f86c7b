package io.clituner.benchmarks.eval.sandbox;

import io.clituner.benchmarks.eval.set.Fixture;
import io.clituner.benchmarks.eval.set.FixtureEntry;
import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import io.clituner.core.hash.Digests;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** Materialises a fixture into a directory, snapshots a directory's state, and removes it again. */
final class WorkTree {
    private static final int PREVIEW = 160;

    private WorkTree() {}

    /**
     * Writes the fixture under {@code root}. Modes and times are applied after every entry exists,
     * deepest first, so that creating a child does not reset its directory's time and a 000 directory
     * does not block writing into it.
     */
    /** A fixture file's bytes with their digest and preview, computed once per sandbox. */
    @SuppressWarnings("ArrayRecordComponent") // fixture bytes computed once, never compared
    record Blob(byte[] bytes, String sha256, String preview) {
        static Blob of(FixtureEntry e) {
            byte[] b = e.text().getBytes(StandardCharsets.UTF_8);
            return new Blob(b, Digests.sha256Hex(b), WorkTree.preview(b, Math.min(PREVIEW, b.length)));
        }
    }

    /** What a regular file looked like when materialised; unchanged size, mtime and ctime mean unchanged content. */
    record Stamp(long size, FileTime mtime, Object ctime, String sha256, String preview) {}

    static Map<String, Stamp> materialise(
            Fixture fixture, Path root, Instant now, @Nullable Integer ownerUid, Map<FixtureEntry, Blob> blobs)
            throws IOException {
        List<FixtureEntry> entries = new ArrayList<>(fixture.entries());
        Set<Path> implicitDirs = new HashSet<>();
        for (FixtureEntry e : entries) {
            Path p = root.resolve(e.path());
            for (Path parent = p.getParent(); parent != null && !parent.equals(root); parent = parent.getParent()) {
                implicitDirs.add(parent);
            }
            Files.createDirectories(p.getParent());
            switch (e.typeOrDefault()) {
                case dir -> Files.createDirectories(p);
                case symlink -> Files.createSymbolicLink(p, Path.of(e.target()));
                case file -> Files.write(p, blobs.computeIfAbsent(e, Blob::of).bytes());
            }
        }
        if (ownerUid != null) {
            try (var walk = Files.walk(root)) {
                for (Path p : (Iterable<Path>) walk::iterator) {
                    Files.setAttribute(p, "unix:uid", ownerUid, LinkOption.NOFOLLOW_LINKS);
                    Files.setAttribute(p, "unix:gid", ownerUid, LinkOption.NOFOLLOW_LINKS);
                }
            }
        }
        FileTime implicitTime = FileTime.from(now.minus(FixtureEntry.DEFAULT_AGE));
        entries.sort(
                Comparator.comparingInt((FixtureEntry e) -> depth(e.path())).reversed());
        List<Path> dirs = new ArrayList<>(implicitDirs);
        dirs.sort(Comparator.comparingInt((Path p) -> p.getNameCount()).reversed());
        for (Path d : dirs) {
            if (fixture.entries().stream().noneMatch(e -> root.resolve(e.path()).equals(d))) {
                Files.setLastModifiedTime(d, implicitTime);
            }
        }
        for (FixtureEntry e : entries) {
            Path p = root.resolve(e.path());
            FileTime t = FileTime.from(now.minus(e.ageOrDefault()));
            if (e.typeOrDefault() == FixtureEntry.Type.symlink) {
                Files.getFileAttributeView(
                                p, java.nio.file.attribute.BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                        .setTimes(t, null, null);
                continue;
            }
            Files.setLastModifiedTime(p, t);
        }
        // permissions last: a read-only directory must already hold its children
        for (FixtureEntry e : entries) {
            if (e.typeOrDefault() != FixtureEntry.Type.symlink) {
                Files.setPosixFilePermissions(root.resolve(e.path()), perms(e.permissions()));
            }
        }
        Map<String, Stamp> stamps = new HashMap<>();
        for (FixtureEntry e : entries) {
            if (e.typeOrDefault() == FixtureEntry.Type.file) {
                Blob b = Objects.requireNonNull(blobs.get(e), "a file entry is written from its blob");
                Map<String, Object> a = Files.readAttributes(
                        root.resolve(e.path()), "unix:size,lastModifiedTime,ctime", LinkOption.NOFOLLOW_LINKS);
                stamps.put(
                        e.path(),
                        new Stamp(
                                (Long) attribute(a, "size"),
                                (FileTime) attribute(a, "lastModifiedTime"),
                                attribute(a, "ctime"),
                                b.sha256(),
                                b.preview()));
            }
        }
        return stamps;
    }

    /** The "unix" view always reports what was asked; a file system that does not is no place for the sandbox. */
    private static Object attribute(Map<String, Object> attributes, String name) throws IOException {
        Object value = attributes.get(name);
        if (value == null) {
            throw new IOException("the file system does not report unix:" + name);
        }
        return value;
    }

    private static int depth(String path) {
        return path.split("/").length;
    }

    static Set<PosixFilePermission> perms(int mode) {
        StringBuilder s = new StringBuilder(9);
        String rwx = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) {
            s.append((mode & (1 << (8 - i))) != 0 ? rwx.charAt(i) : '-');
        }
        return PosixFilePermissions.fromString(s.toString());
    }

    /** Every path under {@code root} (not following links), relative path → state. */
    static SortedMap<String, PathState> snapshot(Path root, Map<String, Stamp> known) throws IOException {
        SortedMap<String, PathState> out = new TreeMap<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(root)) {
                    out.put(rel(root, dir), new PathState("dir", mode(dir), null, null, null, null));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String rel = rel(root, file);
                if (attrs.isSymbolicLink()) {
                    out.put(
                            rel,
                            new PathState(
                                    "symlink",
                                    "777",
                                    null,
                                    null,
                                    null,
                                    Files.readSymbolicLink(file).toString()));
                } else if (attrs.isRegularFile()) {
                    out.put(rel, unchanged(file, rel, attrs, known));
                } else {
                    out.put(rel, new PathState("other", mode(file), null, null, null, null));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                out.put(rel(root, file), new PathState("unreadable", "?", null, null, null, null));
                return FileVisitResult.CONTINUE;
            }
        });
        return out;
    }

    /** The materialised state when the file still has its size, mtime and ctime; else read and hashed. */
    private static PathState unchanged(Path file, String rel, BasicFileAttributes attrs, Map<String, Stamp> known)
            throws IOException {
        Stamp s = known.get(rel);
        if (s != null
                && s.size() == attrs.size()
                && s.mtime().equals(attrs.lastModifiedTime())
                && s.ctime().equals(Files.getAttribute(file, "unix:ctime", LinkOption.NOFOLLOW_LINKS))) {
            return new PathState("file", mode(file), s.size(), s.sha256(), s.preview(), null);
        }
        return fileState(file, attrs.size());
    }

    private static PathState fileState(Path file, long size) {
        String mode = mode(file);
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[65536];
            byte[] head = new byte[PREVIEW];
            int headLen = 0;
            int n;
            while ((n = in.read(buf)) > 0) {
                if (headLen < PREVIEW) {
                    int take = Math.min(PREVIEW - headLen, n);
                    System.arraycopy(buf, 0, head, headLen, take);
                    headLen += take;
                }
                md.update(buf, 0, n);
            }
            return new PathState("file", mode, size, Digests.hex(md.digest()), preview(head, headLen), null);
        } catch (IOException e) {
            return new PathState("file", mode, size, null, null, null);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    private static String preview(byte[] head, int len) {
        String s = new String(head, 0, len, StandardCharsets.UTF_8);
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c == '\n' ? "\\n" : c < 0x20 || c == 0xFFFD ? "." : String.valueOf(c));
        }
        return b.toString();
    }

    private static String mode(Path p) {
        try {
            int m = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            return Integer.toOctalString(m & 07777);
        } catch (IOException | UnsupportedOperationException e) {
            return "?";
        }
    }

    private static String rel(Path root, Path p) {
        return root.relativize(p).toString();
    }

    /** Removes a tree that a command may have left unwritable (mode 000 directories included). */
    static void delete(Path root) {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    Files.setPosixFilePermissions(dir, perms(0700));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                    // a directory we could not open (mode 000 left by a command): open it up and go again
                    Files.setPosixFilePermissions(file, perms(0700));
                    delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new CliTunerException(
                    ErrorCode.CONFIGURATION, "cannot remove sandbox tree " + root + ": " + e.getMessage(), e);
        }
    }
}
