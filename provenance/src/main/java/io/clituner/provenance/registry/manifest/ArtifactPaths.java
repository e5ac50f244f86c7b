package io.clituner.provenance.registry.manifest;

import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which files may be registered as model artifacts. Registration hashes a file and records its digest
 * and size, and {@code verify} later re-reads it, so a registry caller who may register models could
 * otherwise probe secrets (is {@code /etc/shadow} still what it was?) or record system files as a
 * "model". Refused: anything under system trees ({@code /etc}, {@code /proc}, {@code /sys},
 * {@code /dev}, {@code /boot}, {@code /run}, {@code /var/run}, {@code /var/log}, …),
 * files that look like keys or credentials ({@code *.key}, {@code *.pem}, {@code id_rsa},
 * {@code .ssh}, {@code .gnupg}, {@code .aws}, {@code shadow}, {@code .netrc}, …), anything but a regular
 * file or directory, and a file with more than one hard link (a hard link can give a harmless name
 * to a secret's bytes) unless the caller allows it. Paths are judged after resolving symbolic links
 * of the parent directories, so {@code /tmp/x -> /etc} does not get through.
 */
public final class ArtifactPaths {
    private static final List<String> SYSTEM_TREES = List.of(
            "/etc",
            "/proc",
            "/sys",
            "/dev",
            "/boot",
            "/run",
            "/var/run",
            "/var/log",
            "/var/spool",
            "/var/mail",
            "/private/etc");
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i)(.*\\.(key|pem|p12|pfx|jks|keystore|gpg|asc|kdbx|ovpn)|id_(rsa|dsa|ecdsa|ed25519)(\\.pub)?|shadow|gshadow|passwd|"
                    + "master\\.passwd|sudoers|\\.netrc|\\.pgpass|\\.git-credentials|credentials|\\.htpasswd|authorized_keys|known_hosts|"
                    + "\\.env|.*\\.env|secrets?\\.(json|ya?ml|toml))");
    private static final List<String> SECRET_DIRS =
            List.of(".ssh", ".gnupg", ".aws", ".kube", ".docker", ".azure", ".config/gcloud", ".password-store");

    private ArtifactPaths() {}

    /**
     * @throws CliTunerException REGISTRY_INVALID naming the path and why it is refused
     */
    public static void check(Path path, boolean allowHardLinks) {
        Path real;
        try {
            Path parent = path.toAbsolutePath().normalize().getParent();
            Path realParent = parent == null ? null : parent.toRealPath();
            real = realParent == null ? path.toAbsolutePath().normalize() : realParent.resolve(path.getFileName());
        } catch (IOException e) {
            throw new CliTunerException(
                    ErrorCode.REGISTRY_NOT_FOUND, "cannot resolve artifact path " + path + ": " + e.getMessage(), e);
        }
        String text = real.toString().replace('\\', '/');
        for (String tree : SYSTEM_TREES) {
            if (text.equals(tree) || text.startsWith(tree + "/")) {
                throw refused(path, "it is under the system tree " + tree);
            }
        }
        if ("/".equals(text)) {
            throw refused(path, "it is the root directory");
        }
        String lower = text.toLowerCase(Locale.ROOT);
        for (String dir : SECRET_DIRS) {
            if (lower.contains("/" + dir + "/") || lower.endsWith("/" + dir)) {
                throw refused(path, "it is inside " + dir + ", where credentials live");
            }
        }
        Path name = real.getFileName();
        if (name != null && SECRET_NAME.matcher(name.toString()).matches()) {
            throw refused(path, "its name (" + name + ") is that of a key, password or credentials file");
        }
        if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            if (!allowHardLinks) {
                int links = linkCount(path);
                if (links > 1) {
                    throw refused(
                            path,
                            "it has " + links
                                    + " hard links, so its bytes may also be a file elsewhere (e.g. a secret);"
                                    + " copy the file, or allow hard-linked artifacts explicitly (--allow-hard-links)");
                }
            }
        } else if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            throw refused(path, "it is not a regular file or directory");
        }
    }

    private static int linkCount(Path p) {
        try {
            return ((Number) Files.getAttribute(p, "unix:nlink", LinkOption.NOFOLLOW_LINKS)).intValue();
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return 1; // no link counts on this file system (e.g. Windows without the unix view)
        } catch (IOException e) {
            throw new CliTunerException(
                    ErrorCode.STORE_IO, "cannot read the link count of " + p + ": " + e.getMessage(), e);
        }
    }

    private static CliTunerException refused(Path p, String why) {
        return new CliTunerException(ErrorCode.REGISTRY_INVALID, "refusing " + p + " as a model artifact: " + why);
    }
}
