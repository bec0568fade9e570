package io.evmsim.worker.preview;

import io.evmsim.common.types.Address;
import io.evmsim.evm.assets.Asset;
import io.evmsim.evm.assets.AssetTransfer;
import io.evmsim.evm.decode.RevertReason;
import io.evmsim.evm.decode.TokenEvent;
import io.evmsim.evm.simulation.SimulationStatus;
import io.evmsim.evm.simulation.TransactionSimulation;
import io.evmsim.evm.transaction.Authorization;
import io.evmsim.evm.transaction.EvmTransaction;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Short sentences a wallet can show as they are: what the sender sends, receives, approves, deploys
 * and delegates, and what it pays; or why the transaction fails. Written from the sender's side:
 * movements between other accounts (a pool's internal swaps) are left to the asset changes.
 */
final class Summaries {
    private Summaries() {
    }

    /**
     * @param metadata the token's metadata ({@link TokenMetadata#NONE} when it says nothing)
     * @param customError the name of a custom error the client's ABIs or the standard ones decode, or null
     */
    static List<String> of(TransactionSimulation simulation, Function<Address, TokenMetadata> metadata, Fee fee,
            String customError) {
        List<String> sentences = new ArrayList<>();
        EvmTransaction tx = simulation.transaction();
        if (simulation.status() == SimulationStatus.INVALID || simulation.status() == SimulationStatus.GAS_CAP_EXCEEDED) {
            sentences.add("Cannot be included: " + (simulation.result() != null
                    ? simulation.result().invalid().description() : "its gas limit exceeds what the gas cap has left"));
            return sentences;
        }
        for (Authorization auth : tx.authorizationList()) {
            if (auth.authority() != null) {
                sentences.add(auth.address().equals(Address.ZERO)
                        ? "Clears the delegation of " + shortForm(auth.authority()) + " (EIP-7702)"
                        : "Delegates " + shortForm(auth.authority()) + " to " + shortForm(auth.address()) + " (EIP-7702)");
            }
        }
        if (simulation.status() != SimulationStatus.SUCCESS) {
            sentences.add(failure(simulation, customError));
        } else {
            int before = sentences.size();
            if (simulation.result().createdAddress() != null) {
                sentences.add("Deploys a contract at " + simulation.result().createdAddress());
            }
            movements(simulation, tx.sender(), metadata, sentences);
            approvals(simulation, tx.sender(), metadata, sentences);
            if (sentences.size() == before && tx.to() != null) {
                sentences.add("Calls " + shortForm(tx.to()) + ", moving no assets");
            }
        }
        if (fee.total().signum() > 0) {
            sentences.add("Pays " + Ether.format(fee.total()) + " ETH in fees");
        }
        return sentences;
    }

    /**
     * "Reverts: reason" or "Fails: halt", as the REVERTS warning and the summary say it.
     *
     * @param customError the custom error as an ABI names it, or null
     */
    static String failure(TransactionSimulation simulation, String customError) {
        if (simulation.status() == SimulationStatus.HALTED) {
            return "Fails: " + simulation.result().halt().description();
        }
        RevertReason reason = simulation.revertReason();
        return switch (reason) {
            case null -> "Reverts without a reason";
            case RevertReason.CustomError custom -> customError != null ? "Reverts: " + customError
                    : "Reverts with custom error " + custom.selectorHex();
            default -> "Reverts: " + reason.text();
        };
    }

    private static void movements(TransactionSimulation simulation, Address sender,
            Function<Address, TokenMetadata> metadata, List<String> sentences) {
        for (AssetTransfer t : simulation.assetChanges().transfers()) {
            String what = amount(t.asset(), t.amount().toBigInteger(), metadata);
            if (t.from().equals(sender) && t.to() != null) {
                sentences.add("Sends " + what + " to " + shortForm(t.to()));
            } else if (sender.equals(t.to())) {
                sentences.add(t.from().equals(Address.ZERO) ? "Receives " + what + " (minted)"
                        : "Receives " + what + " from " + shortForm(t.from()));
            }
        }
    }

    private static void approvals(TransactionSimulation simulation, Address sender,
            Function<Address, TokenMetadata> metadata, List<String> sentences) {
        for (TokenEvent event : simulation.assetChanges().approvals()) {
            switch (event) {
                case TokenEvent.Erc20Approval a when a.owner().equals(sender) -> {
                    String symbol = metadata.apply(a.token()).label(a.token().toString());
                    BigInteger amount = a.amount().toBigInteger();
                    if (amount.signum() == 0) {
                        sentences.add("Revokes " + shortForm(a.spender()) + "'s allowance of " + symbol);
                    } else if (amount.bitLength() > 159) {
                        sentences.add("Approves " + shortForm(a.spender()) + " to spend unlimited " + symbol);
                    } else {
                        sentences.add("Approves " + shortForm(a.spender()) + " to spend "
                                + amount(new Asset(Asset.AssetKind.ERC20, a.token(), null), amount, metadata));
                    }
                }
                case TokenEvent.Erc721Approval a when a.owner().equals(sender) -> sentences.add(
                        a.approved().equals(Address.ZERO)
                                ? "Revokes the approval for " + nft(a.token(), a.tokenId().toBigInteger(), metadata)
                                : "Approves " + shortForm(a.approved()) + " to transfer "
                                        + nft(a.token(), a.tokenId().toBigInteger(), metadata));
                case TokenEvent.ApprovalForAll a when a.owner().equals(sender) -> {
                    String symbol = metadata.apply(a.token()).label(a.token().toString());
                    sentences.add(a.approved()
                            ? "Approves " + shortForm(a.operator()) + " to transfer all your " + symbol
                            : "Revokes " + shortForm(a.operator()) + "'s approval for all your " + symbol);
                }
                default -> {
                }
            }
        }
    }

    /** "5 USDC", "1.5 ETH", "MYNFT #7", "3 of ITEMS #1"; raw units when the token gives no decimals. */
    private static String amount(Asset asset, BigInteger amount, Function<Address, TokenMetadata> metadata) {
        return switch (asset.kind()) {
            case ETH -> Ether.format(amount) + " ETH";
            case ERC20 -> {
                TokenMetadata token = metadata.apply(asset.token());
                String formatted = token.format(amount);
                yield (formatted != null ? formatted : amount + " units of") + " "
                        + token.label(asset.token().toString());
            }
            case ERC721 -> nft(asset.token(), asset.tokenId().toBigInteger(), metadata);
            case ERC1155 -> amount + " of " + nft(asset.token(), asset.tokenId().toBigInteger(), metadata);
        };
    }

    private static String nft(Address token, BigInteger id, Function<Address, TokenMetadata> metadata) {
        return metadata.apply(token).label(token.toString()) + " #" + id;
    }

    private static String shortForm(Address address) {
        return Addresses.shortForm(address.toString());
    }
}
