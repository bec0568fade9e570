package io.evmsim.evm.interpreter;

import io.evmsim.common.crypto.Keccak;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.UInt256;
import java.io.ByteArrayOutputStream;

/** Addresses of new contracts: CREATE from the creator's nonce, CREATE2 (EIP-1014) from a salt. */
public final class ContractAddress {
    private ContractAddress() {
    }

    /** keccak256(rlp([creator, nonce]))[12:]. */
    public static Address fromNonce(Address creator, long nonce) {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        payload.write(0x80 + Address.SIZE);
        payload.writeBytes(creator.toArray());
        if (nonce != 0 && Long.compareUnsigned(nonce, 0x80) < 0) {
            payload.write((int) nonce);
        } else {
            byte[] minimal = UInt256.of(nonce, 0, 0, 0).toMinimalBytes();
            payload.write(0x80 + minimal.length);
            payload.writeBytes(minimal);
        }
        byte[] body = payload.toByteArray();
        byte[] list = new byte[body.length + 1];
        list[0] = (byte) (0xc0 + body.length);
        System.arraycopy(body, 0, list, 1, body.length);
        return lastTwentyBytes(Keccak.keccak256(list));
    }

    /** keccak256(0xff ++ creator ++ salt ++ keccak256(initcode))[12:]. */
    public static Address fromSalt(Address creator, UInt256 salt, byte[] initcodeHash) {
        byte[] preimage = new byte[1 + Address.SIZE + 32 + 32];
        preimage[0] = (byte) 0xff;
        creator.copyTo(preimage, 1);
        salt.writeTo(preimage, 1 + Address.SIZE);
        System.arraycopy(initcodeHash, 0, preimage, 1 + Address.SIZE + 32, 32);
        return lastTwentyBytes(Keccak.keccak256(preimage));
    }

    private static Address lastTwentyBytes(byte[] hash) {
        return Address.fromWordBytes(hash, 0);
    }
}
