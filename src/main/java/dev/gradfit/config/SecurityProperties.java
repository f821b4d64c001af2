package dev.gradfit.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Optional API-key authentication.
 *
 * @param apiKey when set, every {@code /api} and {@code /v2/models} request must carry it in the {@code
 *     X-API-Key} header or is answered 401; unset or blank (the default) turns authentication off. Health
 *     ({@code /v2/health} too), {@code /v2}, info and metrics stay open either way.
 */
@Validated
@ConfigurationProperties("gradfit.security")
public record SecurityProperties(String apiKey) {

    /** Whether an API key is required. */
    public boolean apiKeyRequired() {
        return apiKey != null && !apiKey.isBlank();
    }
}
