package io.evmsim.api.tenant;

import io.evmsim.api.problem.ApiProblem;
import io.evmsim.api.problem.Problems;
import io.evmsim.api.tenant.ApiKeyStore.Ownership;
import io.evmsim.api.tenant.TenantMetrics.AuthFailure;
import io.evmsim.api.tenant.TenantMetrics.RequestOutcome;
import io.evmsim.api.web.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The API port's door. With {@code EVMSIM_AUTH=keys} every request presents a key, as the header
 * {@value #HEADER} or, for JSON-RPC clients that can only set a URL, as {@code POST /rpc/{key}}: missing or
 * unknown, 401; revoked, 403; over its requests per second or, for a request that simulates, its gas for the
 * day, 429 with {@code Retry-After}; all problem documents. A served request carries the draft IETF
 * rate-limit headers ({@code RateLimit-Policy}, {@code RateLimit}). A stored result ({@code /v1/simulations/{id}},
 * its {@code /events} and its {@code /witness}) is answered to its own key only, and to anyone, without a key, once shared; to any
 * other key it is 404, as an unknown id is. With {@code none}, {@code /rpc/{key}} is {@code /rpc} and nothing is
 * checked. A key is never logged, nor echoed: the problem documents of {@code /rpc/{key}} name {@code /rpc}.
 */
public final class TenantFilter extends OncePerRequestFilter {
    public static final String HEADER = "X-Api-Key";
    private static final Pattern RPC_PATH_KEY = Pattern.compile("/rpc/([^/]+)/?");
    /** A stored result: its JSON, its events, its witness and its page. */
    private static final Pattern RESULT = Pattern.compile("/(?:v1/simulations|s)/([^/]+)(/events|/witness)?/?");
    /**
     * What anyone may fetch: the page's stylesheet and script (a shared result's page opens without a key) and the
     * description of the API.
     */
    private static final Pattern PUBLIC = Pattern.compile("/page/[^/]+|/v3/api-docs(/.*)?|/swagger-ui(\\.html|/.*)");

    private static final Logger LOG = LoggerFactory.getLogger(TenantFilter.class);

    private final AuthMode mode;
    private final ApiKeys keys;
    private final Quotas quotas;
    private final ApiKeyStore store;
    private final TenantMetrics metrics;

    public TenantFilter(AuthMode mode, ApiKeys keys, Quotas quotas, ApiKeyStore store, TenantMetrics metrics) {
        this.mode = mode;
        this.keys = keys;
        this.quotas = quotas;
        this.store = store;
        this.metrics = metrics;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = path(request);
        String presented = request.getHeader(HEADER);
        Matcher rpcPathKey = RPC_PATH_KEY.matcher(path);
        if (rpcPathKey.matches()) {
            presented = rpcPathKey.group(1);
            path = "/rpc";
            request = new RpcRequest(request);
        }
        if (mode == AuthMode.NONE) {
            chain.doFilter(request, response);
            return;
        }
        Admission admission;
        try {
            admission = admit(request, response, path, presented);
        } catch (RuntimeException storeFailed) { // PostgreSQL (keys, buckets, owners): the service is at fault
            LOG.warn("could not check a request's API key (request {})", ProblemResponses.requestId(request),
                    storeFailed);
            write(ApiProblem.STORE_UNAVAILABLE, "the key store is unavailable", request, path, response);
            return;
        }
        if (admission == null) {
            return; // refused, and answered
        }
        if (admission.key() == null) {
            chain.doFilter(request, response);
        } else {
            CurrentKey.set(admission.key());
            try {
                chain.doFilter(request, response);
            } finally {
                CurrentKey.clear();
            }
        }
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()))
                && PUBLIC.matcher(path(request)).matches();
    }

    /**
     * The path as the application maps it: decoded, its dot segments and path parameters resolved, so that a
     * result's address written another way ({@code /v1/./simulations/...}) is still known as one.
     */
    private static String path(HttpServletRequest request) {
        String pathInfo = request.getPathInfo();
        return request.getServletPath() + (pathInfo == null ? "" : pathInfo);
    }

    /** What the request may go on as, or null when it was refused (and answered here). */
    private Admission admit(HttpServletRequest request, HttpServletResponse response, String path, String presented)
            throws IOException {
        Matcher result = RESULT.matcher(path);
        String resultId = result.matches() && "GET".equals(request.getMethod()) ? result.group(1) : null;
        if (presented == null || presented.isEmpty()) {
            if (resultId != null && owner(resultId).map(Ownership::shared).orElse(false)) {
                return Admission.SHARE_LINK;
            }
            refuse(AuthFailure.MISSING, ApiProblem.API_KEY_MISSING, "send the key as the header " + HEADER
                    + (path.equals("/rpc") ? ", or in the path: POST /rpc/{key}" : ""), request, path, response);
            return null;
        }
        Optional<ApiKey> known = keys.authenticate(presented);
        if (known.isEmpty()) {
            refuse(AuthFailure.UNKNOWN, ApiProblem.API_KEY_UNKNOWN, "the API key is not one of this service's",
                    request, path, response);
            return null;
        }
        ApiKey key = known.get();
        if (key.revoked()) {
            refuse(AuthFailure.REVOKED, ApiProblem.API_KEY_REVOKED, "the API key " + key.prefix() + "... was revoked",
                    request, path, response);
            return null;
        }
        Quotas.RateDecision rate = quotas.takeRequest(key);
        response.setHeader("RateLimit-Policy", "\"requests\";q=" + key.requestsPerSecond() + ";w=1, \"gas\";q="
                + key.gasPerDay() + ";w=86400");
        response.setHeader("RateLimit", "\"requests\";r=" + rate.remaining() + ";t=" + rate.seconds());
        if (!rate.allowed()) {
            metrics.request(key, RequestOutcome.RATE_LIMITED);
            response.setHeader("Retry-After", Long.toString(rate.seconds()));
            write(ApiProblem.RATE_LIMITED, "this key may send " + key.requestsPerSecond()
                    + " requests per second; retry in " + rate.seconds() + " s", request, path, response);
            return null;
        }
        if ("POST".equals(request.getMethod()) && simulates(path)) {
            Duration gasWait = quotas.gasWait(key);
            if (!gasWait.isZero()) {
                metrics.request(key, RequestOutcome.GAS_EXHAUSTED);
                response.setHeader("RateLimit", "\"gas\";r=0;t=" + gasWait.toSeconds());
                response.setHeader("Retry-After", Long.toString(gasWait.toSeconds()));
                write(ApiProblem.GAS_QUOTA_EXCEEDED, "this key has simulated its " + key.gasPerDay()
                        + " gas for today (UTC); retry in " + gasWait.toSeconds() + " s", request, path, response);
                return null;
            }
        }
        metrics.request(key, RequestOutcome.SERVED);
        if (resultId != null && !owner(resultId).map(o -> o.shared() || o.key().equals(key.id())).orElse(false)) {
            write(ApiProblem.SIMULATION_NOT_FOUND, "no simulation " + resultId, request, path, response);
            return null;
        }
        return new Admission(key);
    }

    private Optional<Ownership> owner(String simulationId) {
        try {
            return store.owner(UUID.fromString(simulationId));
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
    }

    /** The paths that start simulations (and JSON-RPC, whose methods mostly do): a day's gas spent stops them. */
    private static boolean simulates(String path) {
        return path.startsWith("/v1/simulate") || path.equals("/simulate") || path.equals("/rpc");
    }

    private void refuse(AuthFailure failure, ApiProblem problem, String detail, HttpServletRequest request,
            String path, HttpServletResponse response) throws IOException {
        metrics.refused(failure);
        if (problem.status() == HttpServletResponse.SC_UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "ApiKey header=\"" + HEADER + "\"");
        }
        write(problem, detail, request, path, response);
    }

    private static void write(ApiProblem problem, String detail, HttpServletRequest request, String path,
            HttpServletResponse response) throws IOException {
        ProblemResponses.write(Problems.of(problem, detail, null), request, path, response);
    }

    /** A request let through: with its key, or without one to read a shared result. */
    private record Admission(ApiKey key) {
        static final Admission SHARE_LINK = new Admission(null);
    }

    /** {@code POST /rpc/{key}} as {@code POST /rpc}: the same endpoint, and the key in nothing downstream. */
    private static final class RpcRequest extends HttpServletRequestWrapper {
        RpcRequest(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getRequestURI() {
            return getContextPath() + "/rpc";
        }

        @Override
        public StringBuffer getRequestURL() {
            return new StringBuffer(getScheme()).append("://").append(getServerName()).append(':')
                    .append(getServerPort()).append(getRequestURI());
        }

        @Override
        public String getServletPath() {
            return "/rpc";
        }

        @Override
        public String getPathInfo() {
            return null;
        }
    }
}
