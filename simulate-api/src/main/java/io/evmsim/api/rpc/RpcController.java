package io.evmsim.api.rpc;

import io.evmsim.api.simulation.SimulationLimits;
import io.evmsim.api.web.ClientConnectionValve;
import io.evmsim.api.web.RequestBodies;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /rpc}: JSON-RPC 2.0, answered with HTTP 200 whatever the JSON-RPC outcome (errors
 * are in the body, as Ethereum nodes answer), 204 when the body held only notifications; a body over
 * the limit (413) or declared as other than JSON (415) is refused with the gateway's problem document.
 */
@RestController
public class RpcController {
    private final JsonRpcEndpoint endpoint;
    private final int maxBodyBytes;

    public RpcController(JsonRpcEndpoint endpoint, SimulationLimits limits) {
        this.endpoint = endpoint;
        this.maxBodyBytes = limits.maxBodyBytes();
    }

    @PostMapping("/rpc")
    public ResponseEntity<String> rpc(HttpServletRequest request) throws InterruptedException {
        byte[] body = RequestBodies.readJson(request, maxBodyBytes);
        String response = endpoint.handle(body, ClientConnectionValve.presence(request));
        return response == null ? ResponseEntity.noContent().build()
                : ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(response);
    }
}
