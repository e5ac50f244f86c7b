package io.clituner.examples.cli;

import io.clituner.core.error.CliTunerException;
import java.util.Objects;
import java.util.Optional;

/** What a CLI user can do about an error: options and commands of this CLI, never a Java method. */
final class Advice {
    private Advice() {}

    static Optional<String> forError(CliTunerException e) {
        return Optional.ofNullable(
                switch (e.code()) {
                    case NO_SUGGESTION ->
                        message(e).contains("maxTokens")
                                ? "allow longer commands with --max-tokens N"
                                : "rephrase the request, add examples with --bank FILE.tsv (query<TAB>command per line), lower --min-similarity (e.g. 0.45),"
                                        + " or generate with a GGUF model: --model FILE.gguf";
                    case QUERY_TOO_SHORT, QUERY_EMPTY ->
                        "describe the task in a few words, e.g. clituner translate list all pdf files modified this week";
                    case QUERY_TOO_LONG -> "shorten the request; one task per request";
                    case MODEL_NOT_FOUND -> "check the path given to --model (a .gguf file)";
                    case MODEL_CORRUPT, MODEL_TRUNCATED, MODEL_UNSUPPORTED ->
                        "the file given to --model is not a usable GGUF model; download it again or pick another";
                    case KEY_ERROR ->
                        "make a key with `clituner provenance keygen --dir DIR --name NAME` and pass DIR/NAME.key";
                    case AUDIT_TAMPERED ->
                        "inspect the log with `clituner audit verify LOG`; do not append to a damaged log";
                    case ACCESS_DENIED ->
                        message(e).contains("authentication")
                                ? null
                                : "ask a registry administrator: clituner registry grant YOU TARGET PERMISSION";
                    default -> null;
                });
    }

    /** Every CliTunerException is built with a message; a subclass from elsewhere could still hand null. */
    private static String message(CliTunerException e) {
        return Objects.requireNonNullElse(e.getMessage(), "");
    }
}
