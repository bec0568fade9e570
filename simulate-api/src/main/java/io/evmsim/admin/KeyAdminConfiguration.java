package io.evmsim.admin;

import io.evmsim.api.tenant.ApiKeys;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Bean;

/**
 * {@code /admin/v1/keys} on the management port, never on the API port: the management server's own context
 * (a child of the gateway's) holds the controller. Only in the gateway: the worker and the state cache share
 * the classpath in the standalone, but have no keys. Outside {@code io.evmsim.api}, which the gateway scans for
 * components: a class found there would be in the gateway's own context too, on the API port.
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
@ConditionalOnBean(ApiKeys.class)
public class KeyAdminConfiguration {
    @Bean
    KeyAdminController keyAdminController(ApiKeys keys) {
        return new KeyAdminController(keys);
    }
}
