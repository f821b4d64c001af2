package dev.gradfit.api.request;

import dev.gradfit.memory.MemoryAccount;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Spring MVC's JSON converter, handing each body's readers the request's memory account: Jackson gives it to
 * the deserializers as the attribute {@code MemoryAccount.class}.
 */
final class AccountedJsonConverter extends JacksonJsonHttpMessageConverter {

    AccountedJsonConverter(JsonMapper mapper) {
        super(mapper);
    }

    @Override
    protected ObjectReader customizeReader(ObjectReader reader, JavaType javaType) {
        return super.customizeReader(reader, javaType).withAttribute(MemoryAccount.class, MemoryAccounts.current());
    }
}
