package io.evmsim.api.web;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Installs {@link ProblemReportValve} as the host's error report and {@link ClientConnectionValve} on the
 * application, before Tomcat starts.
 */
@Component
public class ContainerValves implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {
    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> ((StandardHost) context.getParent())
                .setErrorReportValveClass(ProblemReportValve.class.getName()));
        factory.addContextValves(new ClientConnectionValve());
    }
}
