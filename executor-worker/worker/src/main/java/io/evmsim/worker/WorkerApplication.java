package io.evmsim.worker;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The executor worker: Kafka in, the engine on forked state, Kafka out; no API, actuator on management port 8181. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WorkerApplication {
    /** The configuration file is {@code executor-worker.properties}, so the services can share one JVM. */
    public static final String CONFIG_NAME = "spring.config.name=executor-worker";

    public static void main(String[] args) {
        application().run(args);
    }

    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(WorkerApplication.class).properties(CONFIG_NAME);
    }
}
