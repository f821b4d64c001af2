package dev.gradfit.web;

import dev.gradfit.http.ApiKeyHeader;
import dev.gradfit.http.ApiKeyRequiredException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Requires the configured key in the {@code X-API-Key} header on every {@code /api} request and every
 * model request of the Open Inference Protocol ({@code /v2/models/...}); health (the protocol's
 * {@code /v2/health/...} too), server metadata, info, metrics and the API docs stay open, and so do CORS
 * preflights (browsers send them without credentials). The path is judged after the container has decoded and normalised it, as Spring MVC
 * routes it, so that {@code /%61pi/...} cannot slip past.
 */
public final class ApiKeyFilter extends OncePerRequestFilter {

    public static final String HEADER = ApiKeyHeader.NAME;

    private final byte[] expectedDigest;
    private final HandlerExceptionResolver problems;

    /** @param apiKey the key to require; when null or blank the filter must not be enabled */
    public ApiKeyFilter(String apiKey, HandlerExceptionResolver problems) {
        this.expectedDigest = apiKey == null ? new byte[0] : digest(apiKey);
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        boolean api = path.equals("/api") || path.startsWith("/api/") || path.startsWith("/v2/models");
        return !api || CorsUtils.isPreFlightRequest(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String given = request.getHeader(HEADER);
        // Comparing digests takes the same time whatever the key, and whatever its length.
        if (given == null || !MessageDigest.isEqual(digest(given), expectedDigest)) {
            problems.resolveException(request, response, null, new ApiKeyRequiredException(given != null));
            return;
        }
        chain.doFilter(request, response);
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
