package io.clituner.guardrails.internal.analysis;

import io.clituner.guardrails.internal.expand.Env;
import io.clituner.guardrails.internal.expand.Value;
import io.clituner.guardrails.parse.Ast;
import java.util.Locale;
import java.util.Set;

/**
 * Environment variables that hold credentials by their name ({@code *_SECRET*}, {@code *_TOKEN}, {@code *_API_KEY},
 * {@code *_PASSWORD}, the AWS keys): a word that expands one the line never assigned carries a secret, so sending it
 * in a URL, a request body or a DNS name is exfiltration. Sending it as what it is for — an authentication header or
 * {@code -u user:$TOKEN} — is not.
 */
final class SecretVariables {
    private SecretVariables() {}

    /** AWS_ variables that configure rather than authenticate. */
    private static final Set<String> AWS_SETTINGS = Set.of(
            "AWS_REGION",
            "AWS_DEFAULT_REGION",
            "AWS_PROFILE",
            "AWS_DEFAULT_PROFILE",
            "AWS_DEFAULT_OUTPUT",
            "AWS_CONFIG_FILE",
            "AWS_SHARED_CREDENTIALS_FILE",
            "AWS_CA_BUNDLE",
            "AWS_PAGER",
            "AWS_RETRY_MODE",
            "AWS_MAX_ATTEMPTS",
            "AWS_ENDPOINT_URL",
            "AWS_SDK_LOAD_CONFIG",
            "AWS_ROLE_ARN",
            "AWS_ROLE_SESSION_NAME",
            "AWS_WEB_IDENTITY_TOKEN_FILE");

    static boolean secretName(String name) {
        if (name.length() < 5 || !Character.isLetter(name.charAt(0))) {
            return false; // $1, $@, $HOME, $PATH, $f: never
        }
        String n = name.toUpperCase(Locale.ROOT);
        if (n.startsWith("AWS_")) {
            return !AWS_SETTINGS.contains(n) && !n.startsWith("AWS_ENDPOINT_URL");
        }
        return n.contains("SECRET")
                || n.endsWith("TOKEN")
                || n.endsWith("API_KEY")
                || n.endsWith("APIKEY")
                || n.endsWith("_PASSWORD")
                || n.endsWith("_PASSWD")
                || n.endsWith("PRIVATE_KEY")
                || n.endsWith("ACCESS_KEY")
                || n.endsWith("_CREDENTIALS");
    }

    /** Whether the word expands a secret-named variable that the line itself never set (it comes from outside). */
    @SuppressWarnings(
            "ReferenceEquality") // Value.UNKNOWN_UNSET is a sentinel: identity, not an equal value, means never set
    static boolean readsInherited(Ast.Word w, Env env) {
        for (Ast.Part p : w.parts()) {
            if (p instanceof Ast.Param param
                    && ((param.name() != null
                                    && secretName(param.name())
                                    && env.get(param.name()) == Value.UNKNOWN_UNSET)
                            || (param.arg() != null && readsInherited(param.arg(), env)))) {
                return true;
            }
        }
        return false;
    }

    /** Header names that carry credentials to the service they are for. */
    private static final Set<String> AUTH_HEADERS = Set.of(
            "authorization",
            "proxy-authorization",
            "private-token",
            "x-api-key",
            "api-key",
            "x-auth-token",
            "x-vault-token",
            "x-github-token",
            "x-gitlab-token",
            "cookie");

    /** argv[i] is an authentication value: an auth header, {@code -u user:pass}, a bearer/password option. */
    static boolean authentication(Invocation inv, int i) {
        String value = inv.arg(i).text();
        String prev = i > 1 ? inv.arg(i - 1).text() : "";
        if (prev.equals("-H") || prev.equals("--header") || value.startsWith("--header=")) {
            String h = value.startsWith("--header=") ? value.substring(9) : value;
            int colon = h.indexOf(':');
            return colon > 0
                    && AUTH_HEADERS.contains(h.substring(0, colon).strip().toLowerCase(Locale.ROOT));
        }
        return prev.equals("-u")
                || prev.equals("--user")
                || prev.equals("--oauth2-bearer")
                || prev.equals("--password")
                || prev.equals("--http-password")
                || value.startsWith("--user=")
                || value.startsWith("--password=")
                || value.startsWith("--http-password=")
                || value.startsWith("--header=Authorization");
    }
}
