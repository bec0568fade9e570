package io.evmsim.statecache.api;

import io.evmsim.common.bytes.Hex;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import io.evmsim.statecache.block.BlockResolver;
import io.evmsim.statecache.client.BlockHeader;
import io.evmsim.statecache.client.Protocol;
import io.evmsim.statecache.state.StateReader;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The HTTP API of {@link io.evmsim.statecache.client.Protocol}: checks the request, then asks the application services. */
@RestController
@RequestMapping("/v1")
public class StateController {
    private static final Pattern BLOCK_HASH = Pattern.compile("0x[0-9a-fA-F]{64}");
    private static final Pattern HEX_BYTES = Pattern.compile("0x(?:[0-9a-fA-F]{2})*");

    private final BlockResolver blocks;
    private final StateReader state;

    public StateController(BlockResolver blocks, StateReader state) {
        this.blocks = blocks;
        this.state = state;
    }

    @GetMapping("/blocks/{blockId}")
    public BlockHeader block(@PathVariable("blockId") String blockId) {
        return blocks.resolve(blockId);
    }

    /** The hash of ancestor {@code number} of the pinned {@code block}, linked to it by parent hashes. */
    @GetMapping("/block-hashes/{number}")
    public Protocol.BlockHashResponse blockHash(@PathVariable("number") long number,
            @RequestParam(name = "block", required = false) String block) {
        require(number >= 0, "number must not be negative: " + number);
        require(block != null && BLOCK_HASH.matcher(block).matches(), "block (the pinned block's 0x-hash) is "
                + "required: a BLOCKHASH value is taken from the header chain linked to it, not by number");
        return new Protocol.BlockHashResponse(number, blocks.ancestor(Hash.fromHex(block), number).hash());
    }

    @PostMapping("/state")
    public Protocol.ReadResponse read(@RequestBody Protocol.ReadRequest request) {
        require(request.blockHash() != null, "blockHash is required");
        require(request.accounts() != null, "accounts is required");
        BlockHeader block = blocks.byHash(request.blockHash());
        require(block.number() == request.blockNumber(), "blockNumber " + request.blockNumber()
                + " does not match block " + block.hash() + ", which is number " + block.number());
        Map<Address, Set<UInt256>> wanted = new LinkedHashMap<>();
        for (int i = 0; i < request.accounts().size(); i++) {
            Protocol.AccountRequest account = request.accounts().get(i);
            require(account != null && account.address() != null, "accounts[" + i + "].address is required");
            List<UInt256> slots = account.slots() == null ? List.of() : account.slots();
            require(!slots.contains(null), "accounts[" + i + "].slots holds a null");
            require(wanted.putIfAbsent(account.address(), new LinkedHashSet<>(slots)) == null,
                    "accounts[" + i + "].address " + account.address() + " appears twice");
        }
        List<Protocol.CallHint> hints = request.hints() == null ? List.of() : request.hints();
        for (int i = 0; i < hints.size(); i++) {
            require(hints.get(i) != null && hints.get(i).from() != null, "hints[" + i + "].from is required");
            require(hints.get(i).data() == null || HEX_BYTES.matcher(hints.get(i).data()).matches(), "hints[" + i + "].data is not 0x-hex");
        }
        require(hints.size() <= Protocol.MAX_HINTS, "hints holds " + hints.size() + " calls, at most " + Protocol.MAX_HINTS + " are taken");
        StateReader.Read read = state.read(block, wanted, hints);
        return new Protocol.ReadResponse(read.accounts(), read.hinted(), hex(read.code()));
    }

    @PostMapping("/code")
    public Protocol.CodeResponse code(@RequestBody Protocol.CodeRequest request) {
        require(request.codeHashes() != null && !request.codeHashes().contains(null),
                "codeHashes is required and must not hold null");
        Map<Hash, byte[]> found = state.code(request.codeHashes());
        List<Hash> unknown = request.codeHashes().stream().filter(hash -> !found.containsKey(hash)).toList();
        if (!unknown.isEmpty()) {
            throw new UnknownCodeException("code hashes " + unknown
                    + " are not cached: read an account holding the code at a block first");
        }
        return new Protocol.CodeResponse(hex(found));
    }

    private static Map<Hash, String> hex(Map<Hash, byte[]> code) {
        Map<Hash, String> hex = new HashMap<>();
        code.forEach((hash, bytes) -> hex.put(hash, Hex.encode(bytes)));
        return hex;
    }

    private static void require(boolean holds, String message) {
        if (!holds) {
            throw new IllegalArgumentException(message);
        }
    }
}
