package io.evmsim.statecache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evmsim.common.types.Address;
import io.evmsim.common.types.UInt256;
import io.evmsim.statecache.block.BlockSelector;
import io.evmsim.statecache.client.AccountData;
import io.evmsim.statecache.client.BlockHeader;
import io.evmsim.statecache.devnet.GenesisStateSource;
import io.evmsim.testsupport.Anvil;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class GenesisStateSourceTest {
    private final GenesisStateSource devnet = GenesisStateSource.fromClasspath("/devnet/genesis.json");

    @Test
    void theDevnetHoldsAnvilsDevelopmentAccountsWithTheirBalances() {
        BlockHeader genesis = devnet.genesis();
        assertEquals(31337, genesis.chainId());
        assertEquals(30_000_000, genesis.gasLimit());
        assertEquals(UInt256.valueOf(1_000_000_000), genesis.baseFee());
        Map<Address, Set<UInt256>> wanted = new LinkedHashMap<>();
        try (Anvil anvil = Anvil.start()) {
            JsonNode accounts = anvil.rpc().call("eth_accounts");
            assertEquals(10, accounts.size());
            accounts.forEach(account -> wanted.put(Address.fromHex(account.asString()), Set.of(UInt256.ZERO)));
            for (AccountData account : devnet.fetch(genesis, wanted, hash -> false).values().stream()
                    .map(fetched -> fetched.account()).toList()) {
                assertTrue(account.exists(), account.address().toString());
                assertEquals(UInt256.parse(anvil.rpc().callText("eth_getBalance", account.address().toString(), "0x0")),
                        account.balance());
                assertEquals(UInt256.ZERO, account.slots().get(UInt256.ZERO));
            }
        }
    }

    @Test
    void everyTagResolvesToGenesisAndOtherBlocksAreUnknown() {
        assertEquals(devnet.genesis(), devnet.header(BlockSelector.parse("latest")).orElseThrow());
        assertEquals(devnet.genesis(), devnet.header(BlockSelector.parse("0")).orElseThrow());
        assertEquals(devnet.genesis(), devnet.header(BlockSelector.parse(devnet.genesis().hash().toString())).orElseThrow());
        assertTrue(devnet.header(BlockSelector.parse("1")).isEmpty());
    }

    @Test
    void anUntouchedAccountDoesNotExist() {
        Address nobody = Address.fromLong(0x5678);
        AccountData account = devnet.fetch(devnet.genesis(), Map.of(nobody, Set.of()), hash -> false).get(nobody).account();
        assertFalse(account.exists());
        assertEquals(UInt256.ZERO, account.balance());
    }
}
