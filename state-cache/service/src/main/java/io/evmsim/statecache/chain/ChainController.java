package io.evmsim.statecache.chain;

import io.evmsim.statecache.client.ChainDescription;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /v1/chain}: the served chain's fork schedule, for workers to choose each block's rules. */
@RestController
public class ChainController {
    private final ChainDescription description;

    public ChainController(ServedChain chain) {
        this.description = chain.description();
    }

    @GetMapping("/v1/chain")
    public ChainDescription chain() {
        return description;
    }
}
