package io.evmsim.statecache.chain;

import io.evmsim.evm.chain.Activation;
import io.evmsim.evm.chain.ChainSchedule;
import io.evmsim.statecache.client.ChainDescription;
import java.util.List;

/**
 * The chain this state cache serves, and how its schedule was learned.
 *
 * @param schedule the forks in activation order
 * @param source {@code built-in}, {@code eth_config} or {@code genesis} (see {@link ChainDescription#source()})
 */
public record ServedChain(ChainSchedule schedule, String source) {
    public ChainDescription description() {
        List<ChainDescription.ForkActivation> forks = schedule.activations().stream().map(ServedChain::fork).toList();
        return new ChainDescription(schedule.chainId(), schedule.name(), source, forks);
    }

    private static ChainDescription.ForkActivation fork(Activation activation) {
        var blobs = activation.blobSchedule();
        return new ChainDescription.ForkActivation(activation.fork().displayName(),
                activation.byTimestamp() ? null : activation.at(), activation.byTimestamp() ? activation.at() : null,
                blobs == null ? null
                        : new ChainDescription.BlobParameters(blobs.target(), blobs.max(), blobs.baseFeeUpdateFraction()));
    }
}
