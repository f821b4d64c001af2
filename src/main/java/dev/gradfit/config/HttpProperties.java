package dev.gradfit.config;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits on HTTP requests, applied before any JSON is parsed.
 *
 * @param maxBodySize the largest request body accepted, counted as it is read (chunked bodies too);
 *     larger ones get a 413 problem
 * @param maxInFlightBytes the heap that request bodies may make live at once (the arrays their readers
 *     fill, growth copies included); unset means a third of the maximum heap. A request the budget
 *     cannot take now gets a 503 problem with {@code Retry-After}, before its body is read
 * @param heapPerBodyByte what a request reserves up front per byte of its {@code Content-Length} (and at
 *     least that as its body is read): what its arrays are expected to need, since a JSON body is parsed as
 *     it arrives and not held; a request whose arrays turn out to need more reserves more while it is read
 * @param smallRequestShare the share of the in-flight budget that only small requests may use, so that
 *     large bodies cannot starve predictions, reads and small fits
 * @param smallRequestSize the largest reservation that still counts as small
 * @param bodyReadTimeout the longest a request body may take to arrive, counted from the start of the
 *     request; a body still arriving then gets a 408 problem
 * @param busyRetryAfter what {@code Retry-After} tells a client refused for lack of memory
 * @param fastPredictions whether small JSON predictions are answered ahead of the DispatcherServlet, with
 *     the same answers (off only to compare the two)
 */
@Validated
@ConfigurationProperties("gradfit.http")
public record HttpProperties(
        @DefaultValue("64MB") DataSize maxBodySize,
        DataSize maxInFlightBytes,
        @DefaultValue("0.5") @DecimalMin("0") double heapPerBodyByte,

        @DefaultValue("0.25") @DecimalMin("0") @DecimalMax(value = "1", inclusive = false)
        double smallRequestShare,

        @DefaultValue("1MB") DataSize smallRequestSize,
        @DefaultValue("30s") Duration bodyReadTimeout,
        @DefaultValue("1s") Duration busyRetryAfter,
        @DefaultValue("true") boolean fastPredictions) {

    /** The in-flight budget in bytes: {@link #maxInFlightBytes}, or a third of the maximum heap. */
    public long effectiveMaxInFlightBytes() {
        return maxInFlightBytes != null
                ? maxInFlightBytes.toBytes()
                : Runtime.getRuntime().maxMemory() / 3;
    }
}
