package dev.gradfit.config;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits on the JSON parser (Jackson's stream read constraints); a body past one gets a 400 problem. The
 * length of a document is not one of them: every JSON body is a request body, whose length
 * {@code gradfit.http.max-body-size} bounds as it is read.
 *
 * @param maxNestingDepth the deepest nesting of arrays and objects; a fit request needs 3
 * @param maxNumberLength the most characters in one number literal
 * @param maxStringLength the most characters in one string value (gradfit's requests carry none)
 * @param maxNameLength the most characters in one field name
 */
@Validated
@ConfigurationProperties("gradfit.json")
public record JsonProperties(
        @DefaultValue("32") @Min(3) int maxNestingDepth,
        @DefaultValue("100") @Min(25) int maxNumberLength,
        @DefaultValue("10000") @Min(1) int maxStringLength,
        @DefaultValue("256") @Min(16) int maxNameLength) {}
