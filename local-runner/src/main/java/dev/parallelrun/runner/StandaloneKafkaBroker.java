package dev.parallelrun.runner;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The local runner's Kafka broker alone, in a process of its own, so that a test can kill it and start
 * it again on the same port and data folder (the fault suite does). Start it from the runner's jar:
 * {@code java -cp local-runner-<version>-exec.jar -Dloader.main=dev.parallelrun.runner.StandaloneKafkaBroker
 * org.springframework.boot.loader.launch.PropertiesLauncher --data-dir=<folder> --port=<port> --controller-port=<port>}.
 * It prints {@value #READY} and the bootstrap servers once the broker serves; SIGTERM stops it cleanly.
 */
public final class StandaloneKafkaBroker {

    static final String READY = "kafka broker ready on ";

    private StandaloneKafkaBroker() {
    }

    public static void main(String[] argv) throws InterruptedException {
        Map<String, String> args = new HashMap<>();
        for (String arg : argv) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("options look like --name=value, got: " + arg);
            }
            args.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        Path dataDir = Path.of(required(args, "data-dir")).toAbsolutePath();
        int port = Integer.parseInt(required(args, "port"));
        int controllerPort = Integer.parseInt(required(args, "controller-port"));
        LocalKafkaBroker broker = LocalKafkaBroker.start(dataDir, port, controllerPort);
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "kafka-broker-stop"));
        System.out.println(READY + broker.bootstrapServers());
        new CountDownLatch(1).await();
    }

    private static String required(Map<String, String> args, String name) {
        String value = args.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + "=... is required");
        }
        return value;
    }
}
