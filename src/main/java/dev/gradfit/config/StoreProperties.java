package dev.gradfit.config;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The in-memory model store.
 *
 * @param maxModels the most models kept at once; the least recently used go first
 * @param maxBytes the most memory the kept models may hold, by estimate
 * @param idleTimeout how long a model nobody reads or predicts with is kept
 */
@Validated
@ConfigurationProperties("gradfit.store")
public record StoreProperties(
        @DefaultValue("1000") @Min(1) int maxModels,
        @DefaultValue("256MB") DataSize maxBytes,
        @DefaultValue("1h") Duration idleTimeout) {}
