package io.evmsim.statecache;

import io.evmsim.common.bytes.Hex;
import io.evmsim.common.crypto.Keccak;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.UInt256;
import io.evmsim.testsupport.Anvil;
import io.evmsim.testsupport.Solc;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** An anvil chain with the test ERC-20 deployed and tokens sent to a number of holders. */
public final class TokenChain implements AutoCloseable {
    public static final UInt256 SUPPLY = UInt256.valueOf(1_000_000_000_000L);
    public static final UInt256 TOTAL_SUPPLY_SLOT = UInt256.valueOf(2);

    public final Anvil anvil;
    public final Address token;
    public final List<Address> holders = new ArrayList<>();

    public TokenChain(Anvil anvil, int holderCount) {
        this.anvil = anvil;
        Solc.Contract contract = Solc.compile(source()).get("Token");
        this.token = Address.fromHex(anvil.deploy(contract.bytecode() + Hex.encodeBare(SUPPLY.toBytes32(), 0, 32)));
        for (int i = 1; i <= holderCount; i++) {
            Address holder = Address.fromLong(0x1000 + i);
            holders.add(holder);
            anvil.transact(token.toString(), transferCall(holder, UInt256.valueOf(i * 1000L)));
        }
    }

    public static String transferCall(Address to, UInt256 amount) {
        return "0xa9059cbb" + Hex.encodeBare(to.toWord().toBytes32(), 0, 32) + Hex.encodeBare(amount.toBytes32(), 0, 32);
    }

    /** Solidity's slot of balanceOf[holder]: keccak256(pad32(holder) ++ pad32(0)). */
    public static UInt256 balanceSlot(Address holder) {
        byte[] preimage = new byte[64];
        holder.toWord().writeTo(preimage, 0);
        return UInt256.fromBytes(Keccak.keccak256(preimage));
    }

    public static Address deployer() {
        return Address.fromHex(Anvil.DEV_ACCOUNT);
    }

    private static String source() {
        try (InputStream in = TokenChain.class.getResourceAsStream("/contracts/Token.sol")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        anvil.close();
    }
}
