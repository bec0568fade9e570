package io.evmsim.worker.rpc;

import io.evmsim.common.crypto.Keccak;
import io.evmsim.common.types.Hash;
import io.evmsim.evm.state.Log;

/** The 2048-bit logs bloom of a block header (Yellow Paper 4.4.1: M3:2048 of each address and topic). */
final class LogsBloom {
    private final byte[] bits = new byte[256];

    void add(Log log) {
        set(log.address().toArray());
        for (Hash topic : log.topics()) {
            set(topic.toArray());
        }
    }

    byte[] bytes() {
        return bits.clone();
    }

    private void set(byte[] item) {
        byte[] hash = Keccak.hash(item).toArray();
        for (int i = 0; i < 6; i += 2) {
            int bit = ((hash[i] & 0x07) << 8 | (hash[i + 1] & 0xff));
            bits[255 - bit / 8] |= (byte) (1 << (bit % 8));
        }
    }
}
