package io.evmsim.common.tx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evmsim.common.crypto.Keccak;
import io.evmsim.common.crypto.Secp256k1;
import io.evmsim.common.rlp.Rlp;
import io.evmsim.common.rlp.RlpDecoder;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.UInt256;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class AuthorizationTest {
    private static final BigInteger KEY = BigInteger.valueOf(0x7702_7702L);
    private static final Address DELEGATE = Address.fromHex("0x000000000000000000000000000000000000c0de");

    @Test
    void signingHashIsKeccakOfMagicAndTuple() {
        byte[] tuple = Rlp.encodeList(Rlp.encodeLong(1), Rlp.encodeAddress(DELEGATE), Rlp.encodeLong(7));
        byte[] message = new byte[1 + tuple.length];
        message[0] = 0x05;
        System.arraycopy(tuple, 0, message, 1, tuple.length);
        Authorization authorization = Authorization.sign(UInt256.ONE, DELEGATE, 7, KEY);
        assertEquals(Keccak.hash(message), authorization.signingHash());
    }

    @Test
    void recoversTheAuthority() {
        Authorization authorization = Authorization.sign(UInt256.ZERO, DELEGATE, 0, KEY);
        assertEquals(Secp256k1.addressOf(KEY), authorization.authority());
        assertEquals(authorization, Authorization.decode(RlpDecoder.decode(authorization.encode())));
    }

    @Test
    void invalidSignaturesHaveNoAuthority() {
        Authorization valid = Authorization.sign(UInt256.ONE, DELEGATE, 1, KEY);
        UInt256 highS = Secp256k1.N_WORD.sub(valid.s());
        // The high-s twin is the same signature, but EIP-7702 requires s <= n/2.
        assertNull(new Authorization(valid.chainId(), DELEGATE, 1, valid.yParity() ^ 1, valid.r(), highS).authority());
        assertNull(new Authorization(valid.chainId(), DELEGATE, 1, 2, valid.r(), valid.s()).authority());
        assertNull(new Authorization(valid.chainId(), DELEGATE, 1, 0, UInt256.ZERO, valid.s()).authority());
        assertNull(new Authorization(valid.chainId(), DELEGATE, 1, 0, valid.r(), UInt256.ZERO).authority());
        // Another nonce signs another message: some other key, not ours.
        Address other = new Authorization(valid.chainId(), DELEGATE, 2, valid.yParity(), valid.r(), valid.s()).authority();
        assertTrue(other == null || !other.equals(Secp256k1.addressOf(KEY)));
    }

    @Test
    void decodingChecksTheTupleShape() {
        byte[] fiveItems = Rlp.encodeList(Rlp.encodeLong(1), Rlp.encodeAddress(DELEGATE), Rlp.encodeLong(0),
                Rlp.encodeLong(0), Rlp.encodeLong(1));
        assertThrows(InvalidTransactionException.class, () -> Authorization.decode(RlpDecoder.decode(fiveItems)));
        byte[] bigParity = Rlp.encodeList(Rlp.encodeLong(1), Rlp.encodeAddress(DELEGATE), Rlp.encodeLong(0),
                Rlp.encodeLong(256), Rlp.encodeLong(1), Rlp.encodeLong(1));
        InvalidTransactionException e = assertThrows(InvalidTransactionException.class,
                () -> Authorization.decode(RlpDecoder.decode(bigParity)));
        assertTrue(e.getMessage().contains("below 2^8"), e.getMessage());
    }
}
