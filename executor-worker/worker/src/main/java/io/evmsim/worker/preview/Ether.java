package io.evmsim.worker.preview;

import java.math.BigInteger;

/** Wei written as ether. */
final class Ether {
    private Ether() {
    }

    static String format(BigInteger wei) {
        return TokenMetadata.ETHER.format(wei);
    }
}
