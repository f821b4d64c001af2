package dev.gradfit.api.request;

import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractJacksonHttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts {@link BulkArrayJsonConverter} ahead of the Jackson converter it wraps. */
@Configuration(proxyBeanMethods = false)
public class BulkArrayJsonConfig implements WebMvcConfigurer {

    /** The smallest body (by Content-Length) whose arrays are read by the bulk reader; smaller ones gain nothing. */
    public static final long MIN_BYTES = 32 * 1024;

    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        for (int i = 0; i < converters.size(); i++) {
            if (converters.get(i) instanceof AbstractJacksonHttpMessageConverter<?> jackson
                    && jackson.canRead(FitRequest.class, MediaType.APPLICATION_JSON)) {
                converters.add(i, new BulkArrayJsonConverter(jackson, MIN_BYTES));
                return;
            }
        }
    }
}
