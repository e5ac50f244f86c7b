package io.clituner.provenance.signing;

import io.clituner.provenance.intoto.Statement;
import java.util.List;

/** A statement whose envelope verified, and the ids of the keys that vouched for it. */
public record VerifiedStatement(Statement statement, List<String> keyIds) {
    public VerifiedStatement {
        keyIds = List.copyOf(keyIds);
    }
}
