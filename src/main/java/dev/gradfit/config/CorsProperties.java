package dev.gradfit.config;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Cross-origin access to {@code /api} and {@code /v2} from browsers.
 *
 * @param allowedOrigins origins (such as {@code https://app.example.com}) whose pages may call the API;
 *     empty (the default) allows none
 */
@Validated
@ConfigurationProperties("gradfit.cors")
public record CorsProperties(@DefaultValue List<String> allowedOrigins) {}
