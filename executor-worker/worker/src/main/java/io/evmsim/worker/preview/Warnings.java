package io.evmsim.worker.preview;

import static io.evmsim.worker.preview.PreviewWarning.Code;
import static io.evmsim.worker.preview.PreviewWarning.Severity;

import io.evmsim.common.bytes.Hex;
import io.evmsim.common.crypto.Keccak;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import io.evmsim.evm.assets.Asset;
import io.evmsim.evm.assets.AssetTransfer;
import io.evmsim.evm.block.BlockContext;
import io.evmsim.evm.decode.TokenEvent;
import io.evmsim.evm.simulation.DecodedLog;
import io.evmsim.evm.simulation.SimulationStatus;
import io.evmsim.evm.simulation.TransactionSimulation;
import io.evmsim.evm.trace.prestate.AccountSnapshot;
import io.evmsim.evm.transaction.Authorization;
import io.evmsim.evm.transaction.EvmTransaction;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** The warnings of one transaction, each rule from what the simulation did (never from the calldata alone). */
final class Warnings {
    /** Permit2's "unlimited" is {@code type(uint160).max}; {@code type(uint256).max} is above it. */
    private static final BigInteger UNLIMITED = BigInteger.ONE.shiftLeft(160).subtract(BigInteger.ONE);
    private static final Hash OWNERSHIP_TRANSFERRED = Keccak.hash(
            "OwnershipTransferred(address,address)".getBytes(StandardCharsets.US_ASCII));
    /** EIP-1967's slots: {@code bytes32(uint256(keccak256('eip1967.proxy.<name>')) - 1)}. */
    private static final Map<UInt256, String> PROXY_SLOTS = Map.of(
            UInt256.parse("0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc"), "implementation",
            UInt256.parse("0xb53127684a568b3173ae13b9f8a6016e243e63b6e8ee1178d6a717850b5d6103"), "admin",
            UInt256.parse("0xa3f0ad74e5423aebfd80d3ef4346578335a9a72aeaee59ff6cb3582b35133d50"), "beacon");
    /** {@code onERC721Received(address,address,uint256,bytes)} and ERC-1155's {@code onERC1155Received}. */
    private static final byte[] ERC721_RECEIVED = Hex.decode("0x150b7a02");
    private static final byte[] ERC1155_RECEIVED = Hex.decode("0xf23a6e61");
    /** A plain ether transfer: what "another transaction" costs at least. */
    private static final long NEXT_TRANSACTION_GAS = 21_000;

    private final TransactionSimulation simulation;
    private final StateCalls calls;
    private final Function<Address, String> label;
    private final List<PreviewWarning> warnings = new ArrayList<>();

    private Warnings(TransactionSimulation simulation, StateCalls calls, Function<Address, String> label) {
        this.simulation = simulation;
        this.calls = calls;
        this.label = label;
    }

    /**
     * @param label a token's symbol, or its short address
     * @param knownDelegates delegation targets recognised as wallets' own (a delegation elsewhere is critical)
     * @param customError the custom error an ABI names, with its arguments, or null
     */
    static List<PreviewWarning> of(TransactionSimulation simulation, StateCalls calls, BlockContext block,
            Function<Address, String> label, Set<Address> knownDelegates, String customError) {
        Warnings w = new Warnings(simulation, calls, label);
        EvmTransaction tx = simulation.transaction();
        if (simulation.status() == SimulationStatus.INVALID || simulation.status() == SimulationStatus.GAS_CAP_EXCEEDED) {
            String why = simulation.result() != null ? simulation.result().invalid().description()
                    : "its gas limit exceeds what the gas cap has left";
            w.add(Code.INVALID, Severity.CRITICAL, "Cannot be included: " + why, tx.sender());
            return List.copyOf(w.warnings);
        }
        w.delegations(tx, knownDelegates);
        if (simulation.status() == SimulationStatus.REVERTED || simulation.status() == SimulationStatus.HALTED) {
            w.add(Code.REVERTS, Severity.WARNING, Summaries.failure(simulation, customError)
                    + "; the fee is paid all the same",
                    tx.to() != null ? List.of(tx.sender(), tx.to()) : List.of(tx.sender()));
        }
        w.approvals();
        w.transfersToCode();
        w.ownership();
        w.drained(block);
        return List.copyOf(w.warnings);
    }

    private void add(Code code, Severity severity, String message, Address... addresses) {
        add(code, severity, message, List.of(addresses));
    }

    private void add(Code code, Severity severity, String message, List<Address> addresses) {
        warnings.add(new PreviewWarning(code, severity, message, addresses));
    }

    /** Authorizations apply before execution and stay even when the call reverts (EIP-7702). */
    private void delegations(EvmTransaction tx, Set<Address> known) {
        for (Authorization auth : tx.authorizationList()) {
            if (auth.authority() == null) {
                continue; // its signature does not recover: the authorization is skipped
            }
            if (auth.address().equals(Address.ZERO)) {
                add(Code.DELEGATION, Severity.INFO, "Clears the delegation of " + shortForm(auth.authority())
                        + " (EIP-7702)", auth.authority());
            } else if (known.contains(auth.address())) {
                add(Code.DELEGATION, Severity.WARNING, "Delegates " + shortForm(auth.authority()) + " to "
                        + shortForm(auth.address()) + " (EIP-7702), recognised wallet code", auth.authority(), auth.address());
            } else {
                add(Code.DELEGATION, Severity.CRITICAL, "Delegates " + shortForm(auth.authority()) + " to "
                        + shortForm(auth.address()) + " (EIP-7702), code that is not recognised: it could move "
                        + "everything the account holds", auth.authority(), auth.address());
            }
        }
    }

    private void approvals() {
        for (TokenEvent approval : simulation.assetChanges().approvals()) {
            switch (approval) {
                case TokenEvent.Erc20Approval a -> {
                    if (a.amount().toBigInteger().compareTo(UNLIMITED) >= 0) {
                        add(Code.UNLIMITED_APPROVAL, Severity.WARNING, "Approves " + shortForm(a.spender())
                                + " to spend unlimited " + label.apply(a.token()), a.owner(), a.spender(), a.token());
                    }
                    if (!a.amount().isZero()) {
                        toAccountWithoutCode(a.spender(), a.token());
                    }
                }
                case TokenEvent.Erc721Approval a -> {
                    if (!a.approved().equals(Address.ZERO)) {
                        toAccountWithoutCode(a.approved(), a.token());
                    }
                }
                case TokenEvent.ApprovalForAll a -> {
                    if (a.approved()) {
                        add(Code.APPROVAL_FOR_ALL, Severity.WARNING, "Approves " + shortForm(a.operator())
                                + " to transfer every " + label.apply(a.token()) + " token this account holds, now "
                                + "and later", a.owner(), a.operator(), a.token());
                        toAccountWithoutCode(a.operator(), a.token());
                    }
                }
                default -> {
                }
            }
        }
    }

    private void toAccountWithoutCode(Address spender, Address token) {
        if (calls.knows(spender) && !calls.hasCode(spender)) {
            add(Code.APPROVAL_TO_EOA, Severity.CRITICAL, "Approves " + shortForm(spender)
                    + ", an account without code: whoever holds its key can take the " + label.apply(token), spender,
                    token);
        }
    }

    /**
     * An ERC-20 sent to its own token contract (which has no way to send it on), or an NFT that
     * reached code which does not answer the standard's receiver hook: plain {@code transferFrom}
     * skips the hook, and the token is then stuck.
     */
    private void transfersToCode() {
        for (AssetTransfer t : simulation.assetChanges().transfers()) {
            if (t.source() != AssetTransfer.Source.TOKEN_EVENT || t.to() == null || t.to().equals(Address.ZERO)) {
                continue;
            }
            switch (t.asset().kind()) {
                case ERC20 -> {
                    if (t.to().equals(t.asset().token())) {
                        add(Code.TRANSFER_TO_CONTRACT_WITHOUT_RECEIVER, Severity.CRITICAL, "Sends "
                                + label.apply(t.asset().token()) + " to its own token contract, which cannot send it "
                                + "on", t.from(), t.to());
                    }
                }
                case ERC721, ERC1155 -> {
                    if (!calls.offline() && calls.hasCode(t.to()) && !receives(t)) {
                        add(Code.TRANSFER_TO_CONTRACT_WITHOUT_RECEIVER, Severity.CRITICAL, "Sends "
                                + label.apply(t.asset().token()) + " #" + t.asset().tokenId().toBigInteger() + " to "
                                + shortForm(t.to()) + ", code that does not accept it (no "
                                + (t.asset().kind() == Asset.AssetKind.ERC721
                                        ? "onERC721Received" : "onERC1155Received") + ")", t.from(), t.to());
                    }
                }
                case ETH -> {
                }
            }
        }
    }

    /** Asks the recipient's hook, as the token would call it, whether it takes the token. */
    private boolean receives(AssetTransfer t) {
        boolean erc721 = t.asset().kind() == Asset.AssetKind.ERC721;
        byte[] selector = erc721 ? ERC721_RECEIVED : ERC1155_RECEIVED;
        // (operator, from, id[, value], bytes ""): the bytes' offset, then its zero length
        List<UInt256> words = erc721
                ? List.of(word(simulation.transaction().sender()), word(t.from()), t.asset().tokenId(),
                        UInt256.valueOf(128), UInt256.ZERO)
                : List.of(word(simulation.transaction().sender()), word(t.from()), t.asset().tokenId(), t.amount(),
                        UInt256.valueOf(160), UInt256.ZERO);
        byte[] data = new byte[4 + 32 * words.size()];
        System.arraycopy(selector, 0, data, 0, 4);
        for (int i = 0; i < words.size(); i++) {
            words.get(i).writeTo(data, 4 + 32 * i);
        }
        byte[] answer = calls.call(t.asset().token(), t.to(), data);
        return answer != null && answer.length >= 4 && answer[0] == selector[0] && answer[1] == selector[1]
                && answer[2] == selector[2] && answer[3] == selector[3];
    }

    private void ownership() {
        for (DecodedLog decoded : simulation.logs()) {
            List<Hash> topics = decoded.log().topics();
            if (topics.size() == 3 && topics.get(0).equals(OWNERSHIP_TRANSFERRED)) {
                Address contract = decoded.log().address();
                Address previous = Address.fromWordBytes(topics.get(1).toArray(), 0);
                Address next = Address.fromWordBytes(topics.get(2).toArray(), 0);
                add(Code.OWNERSHIP_CHANGE, Severity.CRITICAL, "Transfers ownership of " + shortForm(contract)
                        + " from " + shortForm(previous) + " to " + shortForm(next), contract, previous, next);
            }
        }
        if (simulation.stateDiff() == null) {
            return;
        }
        Map<Address, AccountSnapshot> pre = simulation.stateDiff().pre();
        Map<Address, AccountSnapshot> post = simulation.stateDiff().post();
        for (Address account : post.keySet()) {
            for (Map.Entry<UInt256, String> slot : PROXY_SLOTS.entrySet()) {
                boolean set = post.get(account).storage().containsKey(slot.getKey());
                boolean cleared = pre.containsKey(account) && pre.get(account).storage().containsKey(slot.getKey());
                if (set || cleared) {
                    UInt256 value = set ? post.get(account).storage().get(slot.getKey()) : UInt256.ZERO;
                    Address to = Address.fromWordBytes(value.toBytes32(), 0);
                    add(Code.OWNERSHIP_CHANGE, Severity.CRITICAL, "Changes the " + slot.getValue() + " of proxy "
                            + shortForm(account) + " to " + shortForm(to) + " (EIP-1967)", account, to);
                }
            }
        }
    }

    /** Left with less than a plain transfer's fee at this block's price, when it had more before. */
    private void drained(BlockContext block) {
        Address sender = simulation.transaction().sender();
        UInt256 price = simulation.effectiveGasPrice().compareTo(block.baseFee()) > 0
                ? simulation.effectiveGasPrice() : block.baseFee();
        if (price.isZero()) {
            return; // a call without fees: nothing tells what the next one costs
        }
        BigInteger needed = price.toBigInteger().multiply(BigInteger.valueOf(NEXT_TRANSACTION_GAS));
        AccountSnapshot before = simulation.prestate() == null ? null : simulation.prestate().get(sender);
        BigInteger after = calls.balance(sender).toBigInteger();
        if (after.compareTo(needed) < 0 && before != null && before.balance().toBigInteger().compareTo(needed) >= 0) {
            add(Code.DRAINS_BALANCE, Severity.WARNING, "Leaves " + shortForm(sender) + " with " + Ether.format(after)
                    + " ETH, less than the " + Ether.format(needed) + " ETH another transaction's fee needs", sender);
        }
    }

    private static UInt256 word(Address address) {
        return UInt256.fromBytes(address.toArray());
    }

    private static String shortForm(Address address) {
        return Addresses.shortForm(address.toString());
    }
}
