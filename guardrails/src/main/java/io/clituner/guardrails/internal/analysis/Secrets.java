package io.clituner.guardrails.internal.analysis;

import io.clituner.guardrails.internal.expand.Arg;
import io.clituner.guardrails.internal.expand.BashNames;
import java.util.regex.Pattern;

/**
 * Secrets named by what they are rather than where they sit: dotenv files, private keys and keystores by extension,
 * SSH identities, credential files of container, cluster and cloud CLIs, and browser profiles and keyrings, wherever
 * the path puts them (relative, under any home, in a project). Public material ({@code .pub}, certificates) is not secret.
 */
public final class Secrets {
    private Secrets() {}

    /** File names that hold secrets wherever they are. */
    private static final Pattern NAME = Pattern.compile(
            "\\.env(\\.(?!example$|sample$|template$|dist$|defaults$|schema$)[A-Za-z0-9_.-]+)?|.*\\.(pem|key|p12|pfx|jks|keystore|kdbx|ppk)"
                    + "|id_(rsa|dsa|ecdsa|ed25519|ecdsa_sk|ed25519_sk|[a-z0-9_]+)|\\.netrc|_netrc|\\.git-credentials|\\.pgpass"
                    + "|\\.vault-token|\\.my\\.cnf|\\.npmrc|\\.pypirc|wallet\\.dat|credentials\\.json|service[-_]account.*\\.json"
                    + "|\\.htpasswd|secrets?\\.(ya?ml|json|toml)");

    private static final java.util.Set<String> EXTENSIONS = java.util.Set.of(
            "pem", "key", "p12", "pfx", "jks", "keystore", "kdbx", "ppk", "json", "yml", "yaml", "toml");

    /** Directories and files (anywhere in a path) that hold credentials, keyrings or browser profiles. */
    private static final Pattern PLACE = Pattern.compile(
            "(^|.*/)(\\.ssh|\\.gnupg|\\.aws|\\.azure|\\.oci|\\.kube|\\.password-store"
                    + "|\\.docker/config\\.json|\\.config/gcloud|\\.config/doctl|\\.config/gh/hosts\\.yml|\\.terraform\\.d/credentials[^/]*"
                    + "|\\.mozilla/firefox|\\.mozilla|\\.config/google-chrome|\\.config/chromium|\\.config/BraveSoftware|\\.config/microsoft-edge"
                    + "|Library/Application Support/(Google/Chrome|Firefox|BraveSoftware)|\\.local/share/keyrings|Library/Keychains"
                    + "|\\.electrum|\\.bitcoin|\\.ethereum/keystore|\\.config/rclone/rclone\\.conf|\\.s3cfg|\\.boto)(/.*)?");

    /** Secret file names that start with a dot (the pattern below decides; these only let a word reach it). */
    private static final java.util.Set<String> HIDDEN_NAMES = java.util.Set.of(
            ".netrc", ".git-credentials", ".pgpass", ".vault-token", ".my.cnf", ".npmrc", ".pypirc", ".htpasswd");

    /** First path segments of the places below. */
    private static final java.util.Set<String> PLACE_SEGMENTS = java.util.Set.of(
            ".ssh",
            ".gnupg",
            ".aws",
            ".azure",
            ".oci",
            ".kube",
            ".password-store",
            ".docker",
            ".config",
            ".terraform.d",
            ".mozilla",
            ".local",
            ".electrum",
            ".bitcoin",
            ".ethereum",
            ".s3cfg",
            ".boto");

    /** A path segment (at the start or after '/') that begins one of the places: a scan, no pattern, no allocation. */
    private static boolean hasPlaceSegment(String t) {
        for (int i = t.indexOf('.'); i >= 0; i = t.indexOf('.', i + 1)) {
            if (i == 0 || t.charAt(i - 1) == '/') {
                int end = t.indexOf('/', i);
                String seg = end < 0 ? t.substring(i) : t.substring(i, end);
                if (PLACE_SEGMENTS.contains(seg)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether the (resolved) path names a secret by its name or its place. */
    public static boolean secret(Arg a) {
        if (!a.resolved()) {
            return false;
        }
        String t = a.text();
        String base = BashNames.basename(t);
        boolean byName = base.startsWith(".env")
                || base.startsWith("id_")
                || HIDDEN_NAMES.contains(base)
                || (base.indexOf('.') > 0 && EXTENSIONS.contains(base.substring(base.lastIndexOf('.') + 1)))
                || base.contains("credentials")
                || base.startsWith("service")
                || base.startsWith("secret")
                || base.equals("wallet.dat");
        boolean byPlace = hasPlaceSegment(t) || t.contains("Library/");
        if (!byName && !byPlace) {
            return false; // checked for operands of every command: most words stop here, before any pattern
        }
        if (t.indexOf(' ') >= 0 && !(t.startsWith("/") || t.startsWith("~") || t.startsWith("."))) {
            return false; // a command line or sentence (rsync -e "ssh -i key.pem"), not a path
        }
        if (t.endsWith(".pub") || t.endsWith("/known_hosts") || t.endsWith("/authorized_keys") || t.endsWith(".crt")) {
            return false;
        }
        return (byName && NAME.matcher(base).matches())
                || (byPlace && PLACE.matcher(t).matches());
    }
}
