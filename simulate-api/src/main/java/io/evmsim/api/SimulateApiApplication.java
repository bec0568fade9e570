package io.evmsim.api;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The gateway: {@code POST /v1/simulate} and friends, on port 8080. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class SimulateApiApplication {
    /** The configuration file is {@code simulate-api.properties}, so the services can share one JVM. */
    public static final String CONFIG_NAME = "spring.config.name=simulate-api";

    public static void main(String[] args) {
        application().run(args);
    }

    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(SimulateApiApplication.class).properties(CONFIG_NAME);
    }
}
