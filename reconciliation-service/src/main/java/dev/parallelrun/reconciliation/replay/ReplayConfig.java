package dev.parallelrun.reconciliation.replay;

import dev.parallelrun.reconciliation.replay.application.ReplayGauges;
import dev.parallelrun.reconciliation.replay.application.ReplayMetrics;
import dev.parallelrun.reconciliation.replay.application.ReplayRunner;
import dev.parallelrun.reconciliation.replay.application.Replays;
import dev.parallelrun.reconciliation.replay.messaging.KafkaReplayExecution;
import dev.parallelrun.reconciliation.replay.persistence.JdbcReplayRuns;
import dev.parallelrun.reconciliation.replay.persistence.ReplayVerdicts;
import dev.parallelrun.reconciliation.rules.domain.RuleBasedComparator;
import dev.parallelrun.reconciliation.rules.domain.RuleSet;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The replay capability's wiring: ports to PostgreSQL and Kafka, the use cases, the runner. */
@Configuration(proxyBeanMethods = false)
class ReplayConfig {

    @Bean
    JdbcReplayRuns replayRuns(JdbcTemplate jdbc) {
        return new JdbcReplayRuns(jdbc);
    }

    @Bean
    ReplayVerdicts replayVerdicts(JdbcTemplate jdbc) {
        return new ReplayVerdicts(jdbc);
    }

    @Bean
    KafkaReplayExecution replayExecution(@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers,
            ReplayProperties properties, Clock clock) {
        return new KafkaReplayExecution(bootstrapServers, properties, clock);
    }

    @Bean
    Replays replays(JdbcReplayRuns runs, KafkaReplayExecution execution, RuleBasedComparator comparator,
            ReplayProperties properties, Clock clock) {
        return new Replays(runs, execution, contexts(comparator), properties, clock);
    }

    /** The contexts a rule set is in force for (not the fallback's "*"): the only ones with intents to replay. */
    private static Set<String> contexts(RuleBasedComparator comparator) {
        return comparator.ruleSets().stream().map(RuleSet::context).filter(c -> !"*".equals(c))
                .collect(Collectors.toSet());
    }

    @Bean
    @ConditionalOnProperty(prefix = "reconciliation.replay", name = "enabled", havingValue = "true", matchIfMissing = true)
    ReplayRunner replayRunner(JdbcReplayRuns runs, KafkaReplayExecution execution, ReplayProperties properties,
            MeterRegistry registry, RuleBasedComparator comparator, Clock clock) {
        return new ReplayRunner(runs, execution, properties, new ReplayMetrics(registry, contexts(comparator)), clock,
                instanceName());
    }

    @Bean
    ReplayGauges replayGauges(JdbcReplayRuns runs, MeterRegistry registry, RuleBasedComparator comparator) {
        return new ReplayGauges(runs, registry, Duration.ofSeconds(10), contexts(comparator));
    }

    /** Names this instance in a run's lease: the host and a random suffix (two instances on one host differ). */
    private static String instanceName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + "/" + UUID.randomUUID().toString().substring(0, 8);
    }
}
