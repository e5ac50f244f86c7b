package io.clituner.provenance.crypto;

import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keys as files in one directory: {@code NAME.key} (PKCS#8 PEM, mode 0600, created with that mode
 * so it is never briefly world-readable) and {@code NAME.pub} (SubjectPublicKeyInfo PEM). A private
 * key file that group or others can read is refused, as ssh does.
 */
public final class FileKeyProvider implements KeyProvider {
    private static final Logger LOG = LoggerFactory.getLogger(FileKeyProvider.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Set<PosixFilePermission> OWNER_RW =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private final Path directory;

    public FileKeyProvider(Path directory) {
        this.directory = directory.toAbsolutePath();
    }

    public Path directory() {
        return directory;
    }

    public Path privateKeyFile(String keyName) {
        return directory.resolve(checkName(keyName) + ".key");
    }

    public Path publicKeyFile(String keyName) {
        return directory.resolve(checkName(keyName) + ".pub");
    }

    @Override
    public Signer signer(String keyName) {
        Path file = privateKeyFile(keyName);
        checkOwnerOnly(file);
        String pem;
        try {
            pem = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new CliTunerException(
                    ErrorCode.KEY_ERROR,
                    "no private key '" + keyName + "' at " + file + "; generate one (clituner provenance keygen)");
        } catch (IOException e) {
            throw new CliTunerException(
                    ErrorCode.KEY_ERROR,
                    "cannot read private key file " + file + ": " + e.getClass().getSimpleName());
        }
        return PrivateKeys.signerFromPkcs8Pem(pem);
    }

    @Override
    public PublicKey publicKey(String keyName) {
        Path file = publicKeyFile(keyName);
        if (!Files.exists(file)) {
            throw new CliTunerException(ErrorCode.KEY_ERROR, "no public key '" + keyName + "' at " + file);
        }
        return PublicKeys.read(file);
    }

    @Override
    public Signer generate(String keyName, KeyAlgorithm algorithm) {
        Path priv = privateKeyFile(keyName);
        if (Files.exists(priv)) {
            throw new CliTunerException(
                    ErrorCode.KEY_ERROR,
                    "key '" + keyName + "' already exists at " + priv + "; rotate it or choose another name");
        }
        Signer signer = newSigner(algorithm);
        store(keyName, signer, false);
        LOG.info("generated {} key '{}' id={}", algorithm.label(), keyName, signer.keyId());
        return signer;
    }

    @Override
    public Signer rotate(String keyName, KeyAlgorithm algorithm) {
        PublicKey old = publicKey(keyName);
        String oldId = KeyIds.of(old);
        PublicKeys.write(directory.resolve(keyName + "." + oldId.substring(0, 16) + ".retired.pub"), old);
        Signer signer = newSigner(algorithm);
        store(keyName, signer, true);
        LOG.info("rotated key '{}' from id={} to id={}", keyName, oldId, signer.keyId());
        return signer;
    }

    /** Stores an existing signer's key under a name (for keys created elsewhere, e.g. in tests or migrations). */
    public void store(String keyName, Signer signer) {
        store(keyName, signer, false);
    }

    private void store(String keyName, Signer signer, boolean replace) {
        Path priv = privateKeyFile(keyName);
        try {
            Files.createDirectories(directory);
            Path tmp = directory.resolve("." + keyName + ".key.tmp");
            Files.deleteIfExists(tmp);
            if (supportsPosix()) {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_RW));
            } else {
                Files.createFile(tmp);
            }
            Files.writeString(tmp, PrivateKeys.toPkcs8Pem(signer), StandardCharsets.US_ASCII);
            if (!replace && Files.exists(priv)) {
                Files.delete(tmp);
                throw new FileAlreadyExistsException(priv.toString());
            }
            try {
                Files.move(tmp, priv, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, priv, StandardCopyOption.REPLACE_EXISTING);
            }
            PublicKeys.write(publicKeyFile(keyName), signer.publicKey());
        } catch (FileAlreadyExistsException e) {
            throw new CliTunerException(ErrorCode.KEY_ERROR, "key '" + keyName + "' already exists at " + priv);
        } catch (IOException e) {
            throw new CliTunerException(
                    ErrorCode.KEY_ERROR,
                    "cannot store key '" + keyName + "' in " + directory + ": "
                            + e.getClass().getSimpleName() + " " + e.getMessage());
        }
    }

    private static Signer newSigner(KeyAlgorithm algorithm) {
        return switch (algorithm) {
            case ED25519 -> Ed25519Signer.generate();
            case ECDSA_P256 -> EcdsaP256Signer.generate();
        };
    }

    private void checkOwnerOnly(Path file) {
        if (!supportsPosix() || !Files.exists(file)) {
            return;
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            Set<PosixFilePermission> extra = EnumSet.copyOf(perms);
            extra.removeAll(EnumSet.of(
                    PosixFilePermission.OWNER_READ,
                    PosixFilePermission.OWNER_WRITE,
                    PosixFilePermission.OWNER_EXECUTE));
            if (!extra.isEmpty()) {
                throw new CliTunerException(
                        ErrorCode.KEY_ERROR,
                        "private key file " + file + " is accessible by others (" + PosixFilePermissions.toString(perms)
                                + "); run: chmod 600 " + file);
            }
        } catch (IOException e) {
            throw new CliTunerException(
                    ErrorCode.KEY_ERROR, "cannot read permissions of " + file + ": " + e.getMessage());
        }
    }

    private boolean supportsPosix() {
        Path probe = Files.exists(directory) ? directory : directory.getRoot();
        return probe != null && Files.getFileAttributeView(probe, PosixFileAttributeView.class) != null;
    }

    private static String checkName(String keyName) {
        if (keyName == null || !NAME.matcher(keyName).matches()) {
            throw new CliTunerException(
                    ErrorCode.KEY_ERROR,
                    "invalid key name '" + keyName
                            + "'; use letters, digits, '.', '_' or '-' (at most 128, not starting with a dot)");
        }
        return keyName;
    }

    @Override
    public String toString() {
        return "FileKeyProvider[" + directory + "]";
    }
}
