package io.clituner.examples.cli;

import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import io.clituner.provenance.crypto.FileKeyProvider;
import io.clituner.provenance.crypto.PrivateKeys;
import io.clituner.provenance.crypto.Signer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One convention for every private-key option of the CLI ({@code --key}, {@code --sign-key},
 * {@code --checkpoint-key}): the path of the key file, e.g. {@code keys/ops.key} as written by
 * {@code clituner provenance keygen --dir keys --name ops}. The older {@code DIR/NAME} form (without
 * {@code .key}) is still read. Files named {@code *.key} go through {@link FileKeyProvider}, which
 * refuses keys that group or others can read.
 */
final class KeyFiles {
    private KeyFiles() {}

    static Signer signer(Path path) {
        if (path == null) {
            throw new CliTunerException(ErrorCode.KEY_ERROR, "a private key file is required");
        }
        Path p = path;
        if (!Files.isRegularFile(p) && Files.isRegularFile(Path.of(path + ".key"))) {
            p = Path.of(path + ".key");
        }
        if (!Files.isRegularFile(p)) {
            throw new CliTunerException(
                    ErrorCode.KEY_ERROR,
                    "no private key file at " + path
                            + "; make one with `clituner provenance keygen --dir DIR --name NAME` and pass DIR/NAME.key");
        }
        String name = p.getFileName().toString();
        if (name.endsWith(".key")) {
            return new FileKeyProvider(directoryOf(p)).signer(name.substring(0, name.length() - ".key".length()));
        }
        try {
            return PrivateKeys.signerFromPkcs8Pem(Files.readString(p));
        } catch (IOException e) {
            throw new CliTunerException(ErrorCode.KEY_ERROR, "cannot read private key " + p + ": " + e.getMessage(), e);
        }
    }

    /** The directory a key file lies in (a {@link FileKeyProvider} reads keys by name from a directory). */
    static Path directoryOf(Path keyFile) {
        Path dir = keyFile.toAbsolutePath().getParent();
        if (dir == null) {
            throw new CliTunerException(ErrorCode.KEY_ERROR, keyFile + " is a root directory, not a key file");
        }
        return dir;
    }
}
