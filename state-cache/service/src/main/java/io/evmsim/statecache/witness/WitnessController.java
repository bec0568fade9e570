package io.evmsim.statecache.witness;

import io.evmsim.common.types.Address;
import io.evmsim.common.types.UInt256;
import io.evmsim.statecache.client.Protocol;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /v1/witness}: the witness parts of a simulation's read set ({@link Protocol.WitnessRequest}). */
@RestController
@RequestMapping("/v1")
public class WitnessController {
    private final WitnessBuilder witnesses;

    public WitnessController(WitnessBuilder witnesses) {
        this.witnesses = witnesses;
    }

    @PostMapping("/witness")
    public Protocol.WitnessResponse witness(@RequestBody Protocol.WitnessRequest request) {
        require(request.blockHash() != null, "blockHash is required");
        List<Protocol.AccountRequest> accounts = request.accounts() == null ? List.of() : request.accounts();
        Map<Address, Set<UInt256>> reads = new LinkedHashMap<>();
        for (int i = 0; i < accounts.size(); i++) {
            Protocol.AccountRequest account = accounts.get(i);
            require(account != null && account.address() != null, "accounts[" + i + "].address is required");
            List<UInt256> slots = account.slots() == null ? List.of() : account.slots();
            require(!slots.contains(null), "accounts[" + i + "].slots holds a null");
            require(reads.putIfAbsent(account.address(), new LinkedHashSet<>(slots)) == null,
                    "accounts[" + i + "].address " + account.address() + " appears twice");
        }
        require(request.codeHashes() == null || !request.codeHashes().contains(null), "codeHashes holds a null");
        require(request.blockHashNumbers() == null || !request.blockHashNumbers().contains(null),
                "blockHashNumbers holds a null");
        return witnesses.build(witnesses.block(request.blockHash(), request.blockNumber()), reads,
                request.codeHashes() == null ? List.of() : request.codeHashes(),
                request.blockHashNumbers() == null ? List.of() : request.blockHashNumbers());
    }

    private static void require(boolean holds, String message) {
        if (!holds) {
            throw new IllegalArgumentException(message);
        }
    }
}
