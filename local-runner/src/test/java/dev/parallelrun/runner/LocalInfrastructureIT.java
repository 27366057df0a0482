package dev.parallelrun.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The runner's own infrastructure: a real broker and a real PostgreSQL whose data survive a restart. */
class LocalInfrastructureIT {

    @Test
    void theLocalBrokerKeepsItsTopicsAndRecordsAcrossARestart() throws Exception {
        Path dir = Files.createTempDirectory("local-kafka");
        int port = freePort();
        int controllerPort = freePort();
        String topic = "runner-check-" + UUID.randomUUID();

        try (LocalKafkaBroker broker = LocalKafkaBroker.start(dir, port, controllerPort)) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
            }
            try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    broker.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>(topic, "key", "kept")).get();
            }
        }

        try (LocalKafkaBroker restarted = LocalKafkaBroker.start(dir, port, controllerPort);
                var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, restarted.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG, "runner-check",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<String> values = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> values.add(r.value()));
                return !values.isEmpty();
            });
            assertThat(values).containsExactly("kept");
        }
    }

    @Test
    void theLocalPostgresKeepsItsDataAcrossARestart() throws Exception {
        Path dir = Files.createTempDirectory("local-postgres").resolve("data");
        int port = freePort();

        try (LocalPostgres postgres = LocalPostgres.start(dir, port);
                Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE kept (value TEXT)");
            statement.execute("INSERT INTO kept VALUES ('still here')");
        }

        try (LocalPostgres restarted = LocalPostgres.start(dir, port);
                Connection connection = DriverManager.getConnection(restarted.jdbcUrl(), restarted.user(), restarted.password());
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT value FROM kept")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("still here");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
