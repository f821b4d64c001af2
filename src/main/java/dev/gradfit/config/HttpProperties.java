package dev.gradfit.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits on HTTP requests, applied before any JSON is parsed.
 *
 * @param maxBodySize the largest request body accepted, counted as it is read (chunked bodies too);
 *     larger ones get a 413 problem
 */
@Validated
@ConfigurationProperties("gradfit.http")
public record HttpProperties(@DefaultValue("64MB") DataSize maxBodySize) {}
