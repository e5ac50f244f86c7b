package io.clituner.guardrails.analysis;

import io.clituner.guardrails.expand.Arg;
import io.clituner.guardrails.expand.BashNames;
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

    private static final java.util.Set<String> EXTENSIONS = java.util.Set.of("pem", "key", "p12", "pfx", "jks", "keystore",
            "kdbx", "ppk", "json", "yml", "yaml", "toml");

    /** Directories and files (anywhere in a path) that hold credentials, keyrings or browser profiles. */
    private static final Pattern PLACE = Pattern.compile("(^|.*/)(\\.ssh|\\.gnupg|\\.aws|\\.azure|\\.oci|\\.kube|\\.password-store"
            + "|\\.docker/config\\.json|\\.config/gcloud|\\.config/doctl|\\.config/gh/hosts\\.yml|\\.terraform\\.d/credentials[^/]*"
            + "|\\.mozilla/firefox|\\.mozilla|\\.config/google-chrome|\\.config/chromium|\\.config/BraveSoftware|\\.config/microsoft-edge"
            + "|Library/Application Support/(Google/Chrome|Firefox|BraveSoftware)|\\.local/share/keyrings|Library/Keychains"
            + "|\\.electrum|\\.bitcoin|\\.ethereum/keystore|\\.config/rclone/rclone\\.conf|\\.s3cfg|\\.boto)(/.*)?");

    /** Whether the (resolved) path names a secret by its name or its place. */
    public static boolean secret(Arg a) {
        if (!a.resolved()) {
            return false;
        }
        String t = a.text();
        String base = BashNames.basename(t);
        boolean byName = base.startsWith(".env") || base.startsWith("id_") || base.startsWith(".") || base.startsWith("_netrc")
                || base.indexOf('.') > 0 && EXTENSIONS.contains(base.substring(base.lastIndexOf('.') + 1))
                || base.contains("credentials") || base.startsWith("service") || base.startsWith("secret") || base.equals("wallet.dat");
        boolean byPlace = t.contains("/.") || t.startsWith(".") || t.contains("Library/");
        if (!byName && !byPlace) {
            return false; // checked for operands of every command: most words stop here, before any pattern
        }
        if (t.indexOf(' ') >= 0 && !(t.startsWith("/") || t.startsWith("~") || t.startsWith("."))) {
            return false; // a command line or sentence (rsync -e "ssh -i key.pem"), not a path
        }
        if (t.endsWith(".pub") || t.endsWith("/known_hosts") || t.endsWith("/authorized_keys") || t.endsWith(".crt")) {
            return false;
        }
        return byName && NAME.matcher(base).matches() || byPlace && PLACE.matcher(t).matches();
    }
}
