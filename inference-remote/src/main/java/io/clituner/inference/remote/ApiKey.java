package io.clituner.inference.remote;

import io.clituner.core.error.ConfigurationException;
import io.clituner.core.error.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bearer token for a model server, read from an environment variable or a key file. The key
 * itself never appears in {@link #toString()}, logs, exceptions, provenance or audit events; only
 * where it came from does.
 */
public final class ApiKey {
    private static final Logger LOG = LoggerFactory.getLogger(ApiKey.class);
    private static final ApiKey NONE = new ApiKey(null, "none");

    /** Null for {@link #none()}. */
    private final @Nullable String secret;

    private final String source;

    private ApiKey(@Nullable String secret, String source) {
        this.secret = secret;
        this.source = source;
    }

    /** No key: for servers on a trusted network that do not check one (llama-server without --api-key). */
    public static ApiKey none() {
        return NONE;
    }

    /** The key held by environment variable {@code name}; a typed error when it is unset or blank. */
    public static ApiKey fromEnvironment(String name) {
        return fromEnvironment(name, System::getenv);
    }

    static ApiKey fromEnvironment(String name, Function<String, String> env) {
        if (name == null || name.isBlank()) {
            throw new ConfigurationException(
                    ErrorCode.CONFIGURATION, "the API key's environment variable name is empty");
        }
        String value = env.apply(name);
        if (value == null || value.isBlank()) {
            throw new ConfigurationException(
                    ErrorCode.CONFIGURATION, "environment variable " + name + " holds no API key");
        }
        return new ApiKey(value.strip(), "environment variable " + name);
    }

    /**
     * The key in {@code file} (its first line, surrounding whitespace removed). A file that other
     * users can read is accepted with a warning, as ssh does for keys it is told to use.
     */
    public static ApiKey fromFile(Path file) {
        String value;
        try {
            value = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new ConfigurationException(
                    ErrorCode.CONFIGURATION,
                    "cannot read API key file " + file + ": " + e.getClass().getSimpleName());
        }
        int eol = value.indexOf('\n');
        value = (eol >= 0 ? value.substring(0, eol) : value).strip();
        if (value.isEmpty()) {
            throw new ConfigurationException(ErrorCode.CONFIGURATION, "API key file " + file + " is empty");
        }
        warnIfShared(file);
        return new ApiKey(value, "file " + file);
    }

    /** A key the host obtained itself (from a secret store); {@code source} says from where, for diagnostics. */
    public static ApiKey of(String secret, String source) {
        if (secret == null || secret.isBlank()) {
            throw new ConfigurationException(ErrorCode.CONFIGURATION, "API key from " + source + " is empty");
        }
        return new ApiKey(secret.strip(), source);
    }

    /** From engine options {@code apiKeyEnv} or {@code apiKeyFile} (at most one), else {@link #none()}. */
    public static ApiKey fromOptions(Map<String, String> options) {
        String env = options.get("apiKeyEnv");
        String file = options.get("apiKeyFile");
        if (env != null && file != null) {
            throw new ConfigurationException(
                    ErrorCode.CONFIGURATION, "give the API key by apiKeyEnv or apiKeyFile, not both");
        }
        if (env != null) {
            return fromEnvironment(env);
        }
        return file != null ? fromFile(Path.of(file)) : none();
    }

    public boolean present() {
        return secret != null;
    }

    /** Where the key came from ("environment variable OPENAI_API_KEY", "file /run/secrets/key", "none"). */
    public String source() {
        return source;
    }

    /** The secret, for the HTTP client only; null for {@link #none()}. */
    @Nullable
    String reveal() {
        return secret;
    }

    @Override
    public String toString() {
        return present() ? "ApiKey[from " + source + ", redacted]" : "ApiKey[none]";
    }

    private static void warnIfShared(Path file) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)) {
                LOG.warn("API key file {} is readable by other users; chmod 600 it", file);
            }
        } catch (IOException | UnsupportedOperationException e) {
            // not a POSIX file system: nothing to check
        }
    }
}
