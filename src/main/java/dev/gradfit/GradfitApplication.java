package dev.gradfit;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** gradfit: fits models by gradient descent over HTTP and serves their predictions. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GradfitApplication {

    public static void main(String[] args) {
        SpringApplication.run(GradfitApplication.class, args);
    }
}
