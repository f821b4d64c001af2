package dev.gradfit.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Refuses a request whose Content-Type is not one concrete media type (such as {@code *}{@code /*} or
 * {@code text/}) with a 415 problem, before anything tries to read it: Spring MVC parses it lazily, and
 * fails with an error rather than a client error when it meets a wildcard.
 */
public final class ContentTypeFilter extends OncePerRequestFilter {

    private final HandlerExceptionResolver problems;

    public ContentTypeFilter(HandlerExceptionResolver problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getContentType();
        if (header != null && !concrete(header)) {
            problems.resolveException(
                    request,
                    response,
                    null,
                    new HttpMediaTypeNotSupportedException((MediaType) null, List.of(MediaType.APPLICATION_JSON)));
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean concrete(String header) {
        if (header.equals("application/json")) {
            return true; // the common case, without parsing it again on every request
        }
        try {
            return MediaType.parseMediaType(header).isConcrete();
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}
