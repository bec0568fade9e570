package io.evmsim.common.abi;

import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * The ABIs one simulation decodes with: those its client supplied by contract address, then the
 * {@link StandardAbis}. A custom error is looked up at the contract that reverted, then in every
 * supplied ABI (errors bubble up through callers unchanged), then in the standard ones.
 */
public final class Abis {
    public static final Abis STANDARD = new Abis(Map.of());

    private final Map<Address, Abi> supplied;
    private final List<Abi> searchOrder;

    public Abis(Map<Address, Abi> supplied) {
        this.supplied = Map.copyOf(supplied);
        List<Abi> order = new ArrayList<>(this.supplied.values());
        order.add(StandardAbis.ALL);
        this.searchOrder = List.copyOf(order);
    }

    /** The call's function and arguments; null when its selector is unknown or its input does not decode. */
    public ObjectNode call(Address to, byte[] input) {
        if (input == null || input.length < 4) {
            return null;
        }
        byte[] selector = Arrays.copyOf(input, 4);
        for (Abi abi : at(to)) {
            AbiEntry function = abi.function(selector);
            if (function != null) {
                return AbiDecoder.withSelector(function, input);
            }
        }
        return null;
    }

    /** The function of a call, to decode its outputs; null when unknown. */
    public AbiEntry function(Address to, byte[] input) {
        if (input == null || input.length < 4) {
            return null;
        }
        byte[] selector = Arrays.copyOf(input, 4);
        for (Abi abi : at(to)) {
            AbiEntry function = abi.function(selector);
            if (function != null) {
                return function;
            }
        }
        return null;
    }

    /** A custom error (or {@code Error}, {@code Panic}) with its arguments; null when unknown or malformed. */
    public ObjectNode error(Address reverted, byte[] data) {
        if (data == null || data.length < 4) {
            return null;
        }
        byte[] selector = Arrays.copyOf(data, 4);
        Abi own = reverted == null ? null : supplied.get(reverted);
        if (own != null && own.error(selector) != null) {
            return AbiDecoder.withSelector(own.error(selector), data);
        }
        for (Abi abi : searchOrder) {
            AbiEntry error = abi.error(selector);
            if (error != null) {
                return AbiDecoder.withSelector(error, data);
            }
        }
        return null;
    }

    /** The event with its arguments, by the emitter's ABI then the standard ones; null when none fits. */
    public ObjectNode event(Address emitter, List<Hash> topics, byte[] data) {
        if (topics.isEmpty()) {
            return null;
        }
        for (Abi abi : at(emitter)) {
            for (AbiEntry event : abi.events(topics.getFirst())) {
                ObjectNode decoded = AbiDecoder.event(event, topics, data);
                if (decoded != null) {
                    return decoded;
                }
            }
        }
        return null;
    }

    private List<Abi> at(Address contract) {
        Abi own = contract == null ? null : supplied.get(contract);
        return own == null ? List.of(StandardAbis.ALL) : List.of(own, StandardAbis.ALL);
    }
}
