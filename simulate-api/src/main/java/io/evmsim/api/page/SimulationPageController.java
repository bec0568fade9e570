package io.evmsim.api.page;

import io.evmsim.api.problem.ApiProblem;
import io.evmsim.api.problem.Problems;
import io.evmsim.api.simulation.SimulationService;
import io.evmsim.api.simulation.SimulationService.Answer;
import io.evmsim.api.web.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A simulation's page: {@code GET /v1/simulations/{id}} for a client that asks for HTML, and {@code GET /s/{id}}
 * for links. The result is loaded as the JSON endpoint loads it ({@link SimulationService#find}), so it is
 * refused or found exactly as the JSON is; an unknown id, a pending or a failed simulation answer with the
 * JSON's status and its problem document in words. Nothing of a result is logged here, and the page's
 * links carry nothing but the id.
 */
@RestController
public class SimulationPageController {
    /** The page's own styles and script only; no inline script, no other origin. */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self' 'unsafe-inline'; "
            + "script-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

    private final SimulationService simulations;

    public SimulationPageController(SimulationService simulations) {
        this.simulations = simulations;
    }

    @GetMapping(path = "/v1/simulations/{id}", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> page(@PathVariable("id") String id, HttpServletRequest request) {
        return render(id, request);
    }

    @GetMapping("/s/{id}")
    public ResponseEntity<String> link(@PathVariable("id") String id, HttpServletRequest request) {
        return render(id, request);
    }

    private ResponseEntity<String> render(String id, HttpServletRequest request) {
        Optional<Answer> found = simulations.find(id);
        if (found.isEmpty()) {
            String problem = Problems.json(Problems.at(Problems.of(ApiProblem.SIMULATION_NOT_FOUND,
                    "no simulation " + id, null), request.getRequestURI(), ProblemResponses.requestId(request)));
            return page(HttpStatus.NOT_FOUND.value(), SimulationPage.problem(problem));
        }
        Answer answer = found.get();
        String body = answer.status() >= 400 ? SimulationPage.problem(answer.json())
                : answer.status() == HttpStatus.ACCEPTED.value() ? SimulationPage.pending(id)
                : SimulationPage.result(id, answer.json());
        return page(answer.status(), body);
    }

    private static ResponseEntity<String> page(int status, String html) {
        return ResponseEntity.status(status).contentType(HTML).cacheControl(CacheControl.noStore())
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("Referrer-Policy", "no-referrer")
                .header("X-Content-Type-Options", "nosniff")
                .body(html);
    }
}
