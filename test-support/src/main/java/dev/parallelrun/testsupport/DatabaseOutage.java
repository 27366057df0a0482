package dev.parallelrun.testsupport;

import dev.parallelrun.testsupport.TestDatabases.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Takes a test database down and up again the way an outage looks to its clients: while it is down, the server
 * refuses every new connection to it and has closed the open ones ({@code ALLOW_CONNECTIONS false} and
 * {@code pg_terminate_backend}, from an admin connection to the server's {@code postgres} database).
 */
public final class DatabaseOutage {

    private DatabaseOutage() {
    }

    /** Refuses new connections to the database and closes the open ones. */
    public static void refuseConnections(TestDatabase database) {
        String name = name(database);
        admin(database, "ALTER DATABASE " + name + " ALLOW_CONNECTIONS false",
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name
                        + "' AND pid <> pg_backend_pid()");
    }

    /** Accepts connections to the database again. */
    public static void allowConnections(TestDatabase database) {
        admin(database, "ALTER DATABASE " + name(database) + " ALLOW_CONNECTIONS true");
    }

    private static void admin(TestDatabase database, String... statements) {
        try (Connection connection = DriverManager.getConnection(adminUrl(database), database.user(), database.password());
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot change whether " + name(database) + " accepts connections", e);
        }
    }

    private static String name(TestDatabase database) {
        String url = database.url();
        int slash = url.lastIndexOf('/');
        int query = url.indexOf('?', slash);
        String name = query < 0 ? url.substring(slash + 1) : url.substring(slash + 1, query);
        if (!name.matches("[a-z0-9_]+")) {
            throw new IllegalArgumentException("not a test database: " + url);
        }
        return name;
    }

    private static String adminUrl(TestDatabase database) {
        String url = database.url();
        int slash = url.lastIndexOf('/');
        int query = url.indexOf('?', slash);
        return url.substring(0, slash + 1) + "postgres" + (query < 0 ? "" : url.substring(query));
    }
}
