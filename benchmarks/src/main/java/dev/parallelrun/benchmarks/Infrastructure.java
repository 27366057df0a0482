package dev.parallelrun.benchmarks;

import dev.parallelrun.runner.LocalKafkaBroker;
import dev.parallelrun.runner.LocalPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The local platform's own infrastructure, fresh for one measurement: a real Kafka broker (KRaft) in this JVM and a
 * real PostgreSQL (embedded binaries), both with their data under one folder, on free ports.
 */
final class Infrastructure implements AutoCloseable {

    private final LocalKafkaBroker broker;
    private final LocalPostgres postgres;

    private Infrastructure(LocalKafkaBroker broker, LocalPostgres postgres) {
        this.broker = broker;
        this.postgres = postgres;
    }

    static Infrastructure start(Path dataDir) {
        LocalPostgres postgres = LocalPostgres.start(dataDir.resolve("postgres"), freePort());
        try {
            LocalKafkaBroker broker = LocalKafkaBroker.start(dataDir.resolve("kafka"), freePort(), freePort());
            return new Infrastructure(broker, postgres);
        } catch (RuntimeException e) {
            postgres.close();
            throw e;
        }
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    String jdbcUrl() {
        return postgres.jdbcUrl();
    }

    String dbUser() {
        return postgres.user();
    }

    String dbPassword() {
        return postgres.password();
    }

    Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }

    void createTopics(int partitions, String... names) {
        try (Admin admin = admin()) {
            admin.createTopics(java.util.Arrays.stream(names).map(n -> new NewTopic(n, partitions, (short) 1)).toList())
                    .all().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create the topics " + List.of(names), e.getCause());
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            broker.close();
        } finally {
            postgres.close();
        }
    }
}
