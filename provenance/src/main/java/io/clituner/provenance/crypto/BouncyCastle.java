package io.clituner.provenance.crypto;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/** One Bouncy Castle provider instance, used explicitly rather than registered JVM-wide. */
final class BouncyCastle {
    static final Provider PROVIDER = new BouncyCastleProvider();

    private BouncyCastle() {}
}
