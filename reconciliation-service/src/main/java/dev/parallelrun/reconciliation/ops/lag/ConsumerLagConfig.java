package dev.parallelrun.reconciliation.ops.lag;

import dev.parallelrun.reconciliation.ops.metrics.ReconciliationMetricsProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/** Wires the consumer-lag monitor with an admin client of its own (the broker settings are Boot's). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "reconciliation.metrics.consumer-lag.enabled", havingValue = "true", matchIfMissing = true)
class ConsumerLagConfig {

    /** The admin client is the monitor's own (not a bean), closed with it. */
    @Bean(destroyMethod = "close")
    ConsumerLagMonitor consumerLagMonitor(KafkaAdmin kafkaAdmin, ReconciliationMetricsProperties properties,
            MeterRegistry registry) {
        Map<String, Object> config = new HashMap<>(kafkaAdmin.getConfigurationProperties());
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "reconciliation-service-lag-monitor");
        return new ConsumerLagMonitor(Admin.create(config), properties.consumerLag(), Clock.systemUTC(), registry);
    }
}
