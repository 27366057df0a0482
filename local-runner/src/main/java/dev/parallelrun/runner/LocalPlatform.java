package dev.parallelrun.runner;

import dev.parallelrun.adapter.LegacyAdapterApplication;
import dev.parallelrun.claims.ClaimsServiceApplication;
import dev.parallelrun.ingress.IngressApplication;
import dev.parallelrun.legacysystem.LegacyClaimsSystemApplication;
import dev.parallelrun.pricing.PricingServiceApplication;
import dev.parallelrun.reconciliation.ReconciliationApplication;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Every service of the parallel run, started in this JVM against one Kafka and one PostgreSQL.
 * Each service keeps its own Spring context, configuration file, port and database schema, exactly
 * as it would in its own process. The legacy stand-in has a schema of its own too (its request and
 * posting journals), but no Kafka.
 */
final class LocalPlatform implements AutoCloseable {

    /** Where the platform finds its infrastructure and which ports its services take (0: any free port). */
    record Options(String kafkaBootstrap, String dbUrl, String dbUser, String dbPassword, Path stateDir,
            int ingressPort, int adapterPort, int shadowPort, int reconciliationPort, int legacyPort,
            int pricingPort, List<String> extraArgs) {
    }

    /** The participants' credential at the ingress's key service (the local profile's {@code ingress.participants}). */
    static final String LOCAL_PARTICIPANT_KEY = "local-participant-key";

    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    private URI ingress;
    private URI adapter;
    private URI shadow;
    private URI pricing;
    private URI reconciliation;
    private URI legacy;
    private ConfigurableApplicationContext shadowContext;

    private LocalPlatform() {
    }

    static LocalPlatform start(Options options) {
        LocalPlatform platform = new LocalPlatform();
        try {
            platform.startAll(options);
            return platform;
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
    }

    private void startAll(Options o) {
        legacy = start(LegacyClaimsSystemApplication::builder, o, o.legacyPort(), Needs.DATABASE);
        reconciliation = start(ReconciliationApplication::builder, o, o.reconciliationPort(), Needs.KAFKA_AND_DATABASE,
                "--reconciliation.streams.state-dir=" + o.stateDir().resolve("reconciliation-streams").toAbsolutePath());
        // the ingress before the participants: it keeps the data subjects' keys they decrypt personal fields with
        ingress = start(IngressApplication::builder, o, o.ingressPort(), Needs.KAFKA_AND_DATABASE);
        String keyService = "--participant.personal-data.key-service-url=" + ingress;
        String keyServiceCredential = "--participant.personal-data.api-key=" + LOCAL_PARTICIPANT_KEY;
        shadow = start(ClaimsServiceApplication::builder, o, o.shadowPort(), Needs.KAFKA_AND_DATABASE,
                keyService, keyServiceCredential);
        shadowContext = contexts.get(contexts.size() - 1);
        pricing = start(PricingServiceApplication::builder, o, o.pricingPort(), Needs.KAFKA_AND_DATABASE,
                keyService, keyServiceCredential);
        adapter = start(LegacyAdapterApplication::builder, o, o.adapterPort(), Needs.KAFKA_AND_DATABASE,
                "--legacy-adapter.legacy.base-url=" + legacy, keyService, keyServiceCredential);
    }

    /** The infrastructure a service connects to. */
    private enum Needs {
        DATABASE, KAFKA_AND_DATABASE
    }

    private URI start(Supplier<SpringApplicationBuilder> builder, Options o, int port, Needs needs,
            String... serviceArgs) {
        List<String> args = new ArrayList<>();
        args.add("--spring.profiles.active=local");
        args.add("--spring.main.banner-mode=off");
        args.add("--spring.main.log-startup-info=false");
        args.add("--server.port=" + port);
        if (needs == Needs.KAFKA_AND_DATABASE) {
            args.add("--spring.kafka.bootstrap-servers=" + o.kafkaBootstrap());
        }
        args.add("--spring.datasource.url=" + o.dbUrl());
        args.add("--spring.datasource.username=" + o.dbUser());
        args.add("--spring.datasource.password=" + o.dbPassword());
        Collections.addAll(args, serviceArgs);
        args.addAll(o.extraArgs());
        // the runner closes the contexts itself, in order and before the broker and database go away
        ConfigurableApplicationContext context = builder.get().registerShutdownHook(false).run(args.toArray(String[]::new));
        contexts.add(context);
        return URI.create("http://localhost:" + context.getEnvironment().getProperty("local.server.port"));
    }

    URI ingress() {
        return ingress;
    }

    URI adapter() {
        return adapter;
    }

    URI shadow() {
        return shadow;
    }

    /**
     * A bean of the running claims service, for tests that change its behaviour while it runs (its fault injection);
     * nothing else reaches into a service.
     */
    <T> T shadowBean(Class<T> type) {
        return shadowContext.getBean(type);
    }

    URI pricing() {
        return pricing;
    }

    URI reconciliation() {
        return reconciliation;
    }

    URI legacy() {
        return legacy;
    }

    /** Stops the services in the reverse order of their start: the participants first, the legacy stand-in last. */
    @Override
    public void close() {
        List<ConfigurableApplicationContext> reversed = new ArrayList<>(contexts);
        Collections.reverse(reversed);
        for (ConfigurableApplicationContext context : reversed) {
            context.close();
        }
        contexts.clear();
    }
}
