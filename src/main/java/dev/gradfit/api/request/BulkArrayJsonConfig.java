package dev.gradfit.api.request;

import dev.gradfit.formats.json.LongArraysModule;
import dev.gradfit.formats.json.NumberArrayWriter;
import dev.gradfit.formats.json.NumberParsingPool;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractJacksonHttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.json.JsonMapper;

/**
 * Has Spring MVC's JSON converter hand the request's memory account to the readers ({@link
 * AccountedJsonConverter}), and puts {@link BulkArrayJsonConverter} ahead of it; declares the threads that
 * parse long arrays in bodies and format them in answers ({@link LongArraysModule}).
 */
@Configuration(proxyBeanMethods = false)
public class BulkArrayJsonConfig implements WebMvcConfigurer {

    /** The smallest body (by Content-Length) whose arrays are read by the bulk reader; smaller ones gain nothing. */
    public static final long MIN_BYTES = 32 * 1024;

    /**
     * The threads that parse a long array's chunks, shared by every JSON reader and shut down with the context.
     * It is declared here, with the readers, because config/ cannot name a formats type without a package cycle.
     */
    @Bean
    static NumberParsingPool numberParsingPool() {
        return NumberParsingPool.everyCore();
    }

    /** Writes the long arrays of answers on the same threads, in chunks, with Jackson's bytes. */
    @Bean
    static NumberArrayWriter numberArrayWriter(NumberParsingPool pool, ObjectProvider<MeterRegistry> meters) {
        return NumberArrayWriter.on(pool, meters.getIfAvailable(() -> Metrics.globalRegistry));
    }

    /** Has Spring MVC's JSON mapper, and every other, write long arrays with {@link NumberArrayWriter}. */
    @Bean
    static JacksonModule longArraysModule(NumberArrayWriter writer) {
        return new LongArraysModule(writer);
    }

    private final ObjectProvider<NumberParsingPool> pool;
    private final ObjectProvider<MeterRegistry> meters;

    BulkArrayJsonConfig(ObjectProvider<NumberParsingPool> pool, ObjectProvider<MeterRegistry> meters) {
        this.pool = pool;
        this.meters = meters;
    }

    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        for (int i = 0; i < converters.size(); i++) {
            if (converters.get(i) instanceof AbstractJacksonHttpMessageConverter<?> jackson
                    && jackson.canRead(FitRequest.class, MediaType.APPLICATION_JSON)) {
                if (jackson.getClass() == JacksonJsonHttpMessageConverter.class) {
                    AccountedJsonConverter accounted = new AccountedJsonConverter((JsonMapper) jackson.getMapper());
                    accounted.setSupportedMediaTypes(jackson.getSupportedMediaTypes());
                    converters.set(i, accounted);
                    jackson = accounted;
                }
                converters.add(
                        i,
                        new BulkArrayJsonConverter(
                                // A slice test without Micrometer counts into the global registry, which keeps nothing.
                                jackson,
                                MIN_BYTES,
                                pool.getObject(),
                                meters.getIfAvailable(() -> Metrics.globalRegistry)));
                return;
            }
        }
    }
}
