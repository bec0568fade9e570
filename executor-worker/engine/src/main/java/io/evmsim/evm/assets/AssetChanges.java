package io.evmsim.evm.assets;

import io.evmsim.common.types.Address;
import io.evmsim.evm.decode.TokenEvent;
import java.math.BigInteger;
import java.util.List;
import java.util.SortedMap;

/**
 * What a transaction moved and allowed: every transfer in execution order, the net change per
 * address and asset (zero nets left out), and the approvals it granted or revoked.
 *
 * @param approvals {@link TokenEvent.Erc20Approval}, {@link TokenEvent.Erc721Approval} and
 *     {@link TokenEvent.ApprovalForAll} events, in order
 */
public record AssetChanges(List<AssetTransfer> transfers, SortedMap<Address, List<NetChange>> byAddress,
        List<TokenEvent> approvals) {

    /** The net change of one asset at one address: negative when it left. */
    public record NetChange(Asset asset, BigInteger delta) {
    }
}
