package io.evmsim.standalone;

import io.evmsim.common.bytes.Hex;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.UInt256;
import io.evmsim.statecache.client.StateCacheClient;
import java.util.Map;

/**
 * The devnet with a contract that reads the balance of the account its calldata names
 * ({@link #BALANCE_READER}), and accounts ({@link #slow}) whose read takes a given time: a
 * bundle of calls that each read one of them has one slow state round trip per transaction, which
 * the worker cannot predict, so its transactions finish one by one.
 */
final class SlowReads {
    static final String DEV = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
    /** PUSH1 0 CALLDATALOAD BALANCE POP STOP. */
    static final Address BALANCE_READER = Address.fromHex("0x000000000000000000000000000000000000ba1a");
    /**
     * PUSH1 0 CALLDATALOAD BALANCE BALANCE BALANCE BALANCE POP STOP: reads the account its calldata names, then
     * the account named by that one's balance, and so on, four in all. Called with {@link #CHAIN_FIRST}, it
     * reads four slow accounts one after another, as no read can be known before the one before it returns.
     */
    static final Address CHAIN_READER = Address.fromHex("0x000000000000000000000000000000000000ba1b");
    /** The first of the slow accounts {@link #CHAIN_READER} reads in a chain: each is funded with the next's address. */
    static final int CHAIN_FIRST = 200;
    static final int CHAIN_LENGTH = 4;
    private static final String SLOW_PREFIX = "0x00000000000000000000000000000000005a00";

    private SlowReads() {
    }

    /** The devnet with {@link #DEV} funded and {@link #BALANCE_READER} deployed, its slow accounts slow. */
    static SlowAccounts state(long readMillis) {
        DevnetStateCache devnet = new DevnetStateCache();
        devnet.fund(Address.fromHex(DEV), UInt256.parse("10000000000000000000000"));
        devnet.deploy(BALANCE_READER, Hex.decode("0x600035315000"), Map.of());
        devnet.deploy(CHAIN_READER, Hex.decode("0x600035313131315000"), Map.of());
        for (int i = 0; i < CHAIN_LENGTH; i++) {
            devnet.fund(slow(CHAIN_FIRST + i), UInt256.parse(slow(CHAIN_FIRST + i + 1).toString()));
        }
        return new SlowAccounts(devnet, address -> address.toString().startsWith(SLOW_PREFIX), readMillis);
    }

    /** The {@code n}th slow account (n below 256). */
    static Address slow(int n) {
        return Address.fromHex(SLOW_PREFIX + "%02x".formatted(n));
    }

    /** A bundle of {@code size} calls, the {@code i}th reading slow account {@code first + i}. */
    static String bundle(int first, int size) {
        StringBuilder json = new StringBuilder("{\"transactions\":[");
        for (int i = 0; i < size; i++) {
            json.append(i == 0 ? "" : ",").append("{\"from\":\"%s\",\"to\":\"%s\",\"data\":\"0x%s\"}".formatted(DEV,
                    BALANCE_READER, "00".repeat(12) + slow(first + i).toString().substring(2)));
        }
        return json.append("]}").toString();
    }
}
