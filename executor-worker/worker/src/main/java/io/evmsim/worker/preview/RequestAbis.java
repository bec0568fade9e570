package io.evmsim.worker.preview;

import io.evmsim.common.abi.Abi;
import io.evmsim.common.abi.Abis;
import io.evmsim.common.types.Address;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** A request's ABIs, as the gateway checked them, read once per simulation. */
public final class RequestAbis {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RequestAbis() {
    }

    public static Abis of(Map<Address, String> supplied) {
        if (supplied.isEmpty()) {
            return Abis.STANDARD;
        }
        Map<Address, Abi> abis = new HashMap<>();
        supplied.forEach((address, json) -> abis.put(address, Abi.parse(JSON.readTree(json))));
        return new Abis(abis);
    }
}
