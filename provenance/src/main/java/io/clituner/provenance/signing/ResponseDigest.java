package io.clituner.provenance.signing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clituner.core.CommandResponse;
import io.clituner.core.hash.Digests;
import io.clituner.provenance.crypto.CanonicalJson;

/** The statement subject of a response: SHA-256 of its RFC 8785 JSON without the {@code signature} member. */
public final class ResponseDigest {
    private ResponseDigest() {}

    public static byte[] canonicalBytes(CommandResponse response) {
        return CanonicalJson.write(unsignedTree(response));
    }

    /** The response as a JSON tree without its signature; its {@code provenance} member is the predicate. */
    static ObjectNode unsignedTree(CommandResponse response) {
        ObjectNode tree = CanonicalJson.mapper().valueToTree(response);
        tree.remove("signature");
        // A response without alternatives digests as it did before alternatives existed.
        if (response.alternatives().isEmpty()) {
            tree.remove("alternatives");
        }
        return tree;
    }

    public static String sha256(CommandResponse response) {
        return Digests.sha256Hex(canonicalBytes(response));
    }

    /** Subject name: ties the digest to the request id for a human reader. */
    static String subjectName(CommandResponse response) {
        return "clituner-response:" + response.provenance().requestId();
    }
}
