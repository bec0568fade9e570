package io.evmsim.api.tenant;

import io.evmsim.api.problem.ApiProblem;
import io.evmsim.api.problem.ProblemException;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/simulations/{id}/share} makes a result of the caller's key readable by anyone who has its
 * link, without a key; {@code DELETE} makes it private again. Another key's simulation is 404, as an unknown one.
 */
@RestController
public class ShareController {
    private final Tenancy tenancy;
    private final ApiKeyStore store;

    public ShareController(Tenancy tenancy, ApiKeyStore store) {
        this.tenancy = tenancy;
        this.store = store;
    }

    @PostMapping("/v1/simulations/{id}/share")
    public ResponseEntity<String> share(@PathVariable("id") String id) {
        share(id, true);
        String link = "/v1/simulations/" + id;
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body("{\"id\":\"" + id
                + "\",\"shared\":true,\"url\":\"" + link + "\",\"events\":\"" + link + "/events\"}");
    }

    @DeleteMapping("/v1/simulations/{id}/share")
    public ResponseEntity<Void> unshare(@PathVariable("id") String id) {
        share(id, false);
        return ResponseEntity.noContent().build();
    }

    private void share(String id, boolean shared) {
        if (tenancy.mode() == AuthMode.NONE) {
            throw new ProblemException(ApiProblem.INVALID_REQUEST, null, "results are not private on this gateway "
                    + "(EVMSIM_AUTH=none): every result is readable by its id, and there is nothing to share");
        }
        UUID simulation = parse(id);
        ApiKey key = CurrentKey.get().orElseThrow(); // the filter lets no request without a key reach here
        if (simulation == null || !store.share(simulation, key.id(), shared)) {
            throw new ProblemException(ApiProblem.SIMULATION_NOT_FOUND, null, "no simulation " + id);
        }
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
