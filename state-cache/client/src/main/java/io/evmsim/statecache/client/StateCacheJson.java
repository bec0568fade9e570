package io.evmsim.statecache.client;

import io.evmsim.common.json.EthereumTypesModule;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * The JSON of the state-cache protocol: addresses and hashes as 0x-hex, 256-bit words as 0x-quantities (as
 * JSON-RPC writes them, decimal refused), also as map keys. The service and the client use the same module.
 */
public final class StateCacheJson {
    private StateCacheJson() {
    }

    public static SimpleModule module() {
        return EthereumTypesModule.strict();
    }

    public static JsonMapper mapper() {
        return JsonMapper.builder().addModule(module()).build();
    }
}
