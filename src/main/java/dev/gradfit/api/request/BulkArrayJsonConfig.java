package dev.gradfit.api.request;

import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractJacksonHttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts {@link BulkArrayJsonConverter} ahead of the Jackson converter it wraps. */
@Configuration(proxyBeanMethods = false)
class BulkArrayJsonConfig implements WebMvcConfigurer {

    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        for (int i = 0; i < converters.size(); i++) {
            if (converters.get(i) instanceof AbstractJacksonHttpMessageConverter<?> jackson
                    && jackson.canRead(FitRequest.class, MediaType.APPLICATION_JSON)) {
                converters.add(i, new BulkArrayJsonConverter(jackson, BulkArrayJsonConverter.MIN_BYTES));
                return;
            }
        }
    }
}
