package dev.parallelrun.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.events.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.yaml.snakeyaml.Yaml;

/**
 * There is no Docker engine to run {@code docker-compose.yml} here, so this checks it against the code: every
 * service module has a service built from its jar, every environment variable a service gets is one its
 * configuration reads (a {@code ${VAR}} placeholder in its {@code <module>.yml} or, by Spring's relaxed binding,
 * a property of its {@code @ConfigurationProperties} records), ports agree with the services' configuration and
 * with Prometheus's scrape targets, infrastructure addresses point at the compose services, secrets are never
 * committed, and every topic name the ops files mention is one the platform declares.
 */
class ComposeFileTest {

    /** A service module's root package, where its {@code @ConfigurationProperties} records live. */
    private static final String PARTICIPANT_KIT_PACKAGE = "dev.parallelrun.participant";
    private static final Map<String, String> ROOT_PACKAGES = Map.of(
            "ingress-service", "dev.parallelrun.ingress",
            "legacy-claims-system", "dev.parallelrun.legacysystem",
            "legacy-adapter", "dev.parallelrun.adapter",
            "claims-service", "dev.parallelrun.claims",
            "pricing-service", "dev.parallelrun.pricing",
            "reconciliation-service", "dev.parallelrun.reconciliation");
    /** Read by the JVM itself, not by the service's configuration. */
    private static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+)[:}]");
    private static final Pattern SERVER_PORT = Pattern.compile("(?m)^server:\\s*\\n\\s+port:\\s*\\$\\{([A-Z0-9_]+):(\\d+)}");
    private static final Pattern TOPIC = Pattern.compile(
            "(?<![\\w.-])((?:intents\\.[a-z][a-z0-9-]*|outcomes\\.[a-z]+|reconciliation\\.[a-z]+)\\.v\\d+(?:\\.dlq)?)(?![\\w-])");

    private static Path root;
    private static Map<String, Object> compose;
    private static Map<String, Object> services;
    private static List<String> modules;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void readComposeFile() throws IOException {
        root = Path.of("").toAbsolutePath();
        while (!Files.exists(root.resolve("docker-compose.yml")) && root.getParent() != null) {
            root = root.getParent();
        }
        compose = new Yaml().load(Files.readString(root.resolve("docker-compose.yml")));
        services = (Map<String, Object>) compose.get("services");
        try (Stream<Path> dirs = Files.list(root)) {
            modules = dirs.filter(dir -> Files.exists(dir.resolve("pom.xml"))
                            && Files.exists(dir.resolve("src/main/resources/" + dir.getFileName() + ".yml")))
                    .map(dir -> dir.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void everyServiceModuleIsAComposeServiceBuiltFromItsExecutableJar() throws IOException {
        assertThat(modules).as("service modules (a <module>.yml of their own)")
                .containsExactlyInAnyOrderElementsOf(ROOT_PACKAGES.keySet());
        String dockerfile = Files.readString(root.resolve("deploy/docker/Dockerfile"));
        assertThat(dockerfile).contains("COPY ${MODULE}/target/${MODULE}-*-exec.jar");
        for (String module : modules) {
            assertThat(services).as("compose services").containsKey(module);
            Map<String, Object> build = map(service(module).get("build"));
            assertThat(build.get("context")).as(module + " build context").isEqualTo(".");
            assertThat(build.get("dockerfile")).as(module + " Dockerfile").isEqualTo("deploy/docker/Dockerfile");
            assertThat(map(build.get("args"))).as(module + " build args").containsEntry("MODULE", module);
            assertThat(Files.readString(root.resolve(module).resolve("pom.xml")))
                    .as(module + " builds an -exec jar").contains("<classifier>exec</classifier>");
        }
    }

    @Test
    void everyEnvironmentVariableIsReadByTheServicesConfiguration() throws IOException {
        for (String module : modules) {
            Set<String> placeholders = placeholders(module);
            List<ConfigurationRecord> records = configurationRecords(module);
            for (String variable : environment(module).keySet()) {
                boolean read = JVM_VARIABLES.contains(variable) || placeholders.contains(variable)
                        || records.stream().anyMatch(record -> record.binds(variable));
                assertThat(read).as("%s sets %s, which neither %s.yml nor its @ConfigurationProperties %s read",
                        module, variable, module, records).isTrue();
            }
        }
    }

    @Test
    void relaxedBindingResolvesListsAndNestedRecords() {
        var reconciliation = configurationRecords("reconciliation-service");
        assertThat(reconciliation).anyMatch(r -> r.binds("RECONCILIATION_SECURITY_USERS_0_ROLES_0"));
        assertThat(reconciliation).anyMatch(r -> r.binds("RECONCILIATION_METRICS_MATCHRATE_TARGET"));
        assertThat(reconciliation).noneMatch(r -> r.binds("RECONCILIATION_SECURITY_USERS_0_ROLE"));
        assertThat(reconciliation).noneMatch(r -> r.binds("RECONCILIATION_SECURITY_USERS_X_NAME"));
        assertThat(configurationRecords("ingress-service")).anyMatch(r -> r.binds("INGRESS_CHANNELS_0_APIKEYSHA256"));
    }

    @Test
    void portsAgreeWithTheServicesAndPrometheus() throws IOException {
        Map<String, Object> scrape = new Yaml().load(Files.readString(root.resolve("deploy/prometheus/prometheus.yml")));
        Map<String, Object> scrapeLocal = new Yaml().load(Files.readString(root.resolve("deploy/prometheus/prometheus-local.yml")));
        assertThat(scrapeTargets(scrape).keySet()).as("Prometheus jobs").containsExactlyInAnyOrderElementsOf(modules);
        assertThat(scrapeTargets(scrapeLocal).keySet()).as("local Prometheus jobs").containsExactlyInAnyOrderElementsOf(modules);
        for (String module : modules) {
            Matcher port = SERVER_PORT.matcher(yml(module));
            assertThat(port.find()).as(module + ".yml sets server.port from a variable with a default").isTrue();
            String variable = port.group(1);
            String defaultPort = port.group(2);
            String effective = String.valueOf(environment(module).getOrDefault(variable, defaultPort));
            assertThat(effective).as(module + " keeps its documented default port").isEqualTo(defaultPort);
            assertThat(list(service(module).get("ports"))).as(module + " ports").contains(effective + ":" + effective);
            assertThat(String.join(" ", list(map(service(module).get("healthcheck")).get("test"))))
                    .as(module + " health check").contains("http://localhost:" + effective + "/actuator/health");
            assertThat(scrapeTargets(scrape).get(module)).as(module + " scrape target").containsExactly(module + ":" + effective);
            assertThat(scrapeTargets(scrapeLocal).get(module)).as(module + " local scrape target")
                    .containsExactly("localhost:" + defaultPort);
        }
        assertThat(environment("legacy-adapter").get("LEGACY_SYSTEM_URL"))
                .isEqualTo("http://legacy-claims-system:" + environment("legacy-claims-system").get("LEGACY_SYSTEM_PORT"));
    }

    @Test
    void servicesReachKafkaAndPostgresThroughTheComposeServicesAndStartAfterThem() {
        Map<String, Object> kafka = environment("kafka");
        Map<String, Object> postgres = environment("postgres");
        for (String module : modules) {
            Map<String, Object> environment = environment(module);
            Map<String, Object> dependsOn = map(service(module).getOrDefault("depends_on", Map.of()));
            if (environment.containsKey("PARALLELRUN_KAFKA_BOOTSTRAP")) {
                assertThat(String.valueOf(kafka.get("KAFKA_ADVERTISED_LISTENERS")))
                        .contains("://" + environment.get("PARALLELRUN_KAFKA_BOOTSTRAP"));
                assertThat(map(dependsOn.get("kafka"))).as(module + " waits for Kafka").containsEntry("condition", "service_healthy");
            }
            if (environment.containsKey("PARALLELRUN_DB_URL")) {
                assertThat(environment.get("PARALLELRUN_DB_URL"))
                        .isEqualTo("jdbc:postgresql://postgres:5432/" + postgres.get("POSTGRES_DB"));
                assertThat(environment.get("PARALLELRUN_DB_USER")).isEqualTo(postgres.get("POSTGRES_USER"));
                assertThat(map(dependsOn.get("postgres"))).as(module + " waits for PostgreSQL")
                        .containsEntry("condition", "service_healthy");
            }
            assertThat(service(module)).as(module + " has a health check").containsKey("healthcheck");
        }
        assertThat(String.valueOf(kafka.get("KAFKA_AUTO_CREATE_TOPICS_ENABLE"))).as("topics are declared by the services")
                .isEqualTo("false");
    }

    @Test
    void everyServiceWithADatabaseGetsItsConnectionAndWaitsForPostgres() {
        for (String module : modules) {
            if (placeholders(module).contains("PARALLELRUN_DB_URL")) {
                assertThat(environment(module)).as(module + " reads PARALLELRUN_DB_URL, so compose must set it")
                        .containsKeys("PARALLELRUN_DB_URL", "PARALLELRUN_DB_USER", "PARALLELRUN_DB_PASSWORD");
                assertThat(map(map(service(module).getOrDefault("depends_on", Map.of())).get("postgres")))
                        .as(module + " waits for PostgreSQL").containsEntry("condition", "service_healthy");
            }
        }
        assertThat(placeholders("legacy-claims-system")).as("the legacy stand-in keeps its journals in PostgreSQL")
                .contains("PARALLELRUN_DB_URL");
    }

    @Test
    void secretsAreRequiredVariablesNeverValuesInTheFile() {
        services.forEach((name, service) -> environment(name).forEach((variable, value) -> {
            // an address is no secret, even one of a key service (PARTICIPANT_PERSONALDATA_KEYSERVICEURL)
            if (variable.matches(".*(PASSWORD|APIKEY|SECRET|TOKEN|_KEY).*") && !variable.endsWith("URL")) {
                assertThat(String.valueOf(value)).as("%s of %s", variable, name).matches("\\$\\{[A-Z0-9_]+:\\?.+}");
            }
        }));
    }

    @Test
    void everyRequiredVariableIsExplainedInTheEnvironmentExample() throws IOException {
        Set<String> required = new TreeSet<>();
        Matcher requiredVariable = Pattern.compile("\\$\\{([A-Z0-9_]+):\\?").matcher(
                Files.readString(root.resolve("docker-compose.yml")));
        while (requiredVariable.find()) {
            required.add(requiredVariable.group(1));
        }
        Set<String> explained = new TreeSet<>();
        Matcher assignment = Pattern.compile("(?m)^([A-Z0-9_]+)=").matcher(
                Files.readString(root.resolve("deploy/compose.env.example")));
        while (assignment.find()) {
            explained.add(assignment.group(1));
        }

        assertThat(required).as("required variables of docker-compose.yml").isNotEmpty();
        assertThat(explained).as("variables of deploy/compose.env.example").containsAll(required);
    }

    @Test
    void prometheusScrapesEveryServiceWithTheMetricsCredential() throws IOException {
        Map<String, Object> scrape = new Yaml().load(Files.readString(root.resolve("deploy/prometheus/prometheus.yml")));
        Map<String, Object> scrapeLocal = new Yaml().load(Files.readString(root.resolve("deploy/prometheus/prometheus-local.yml")));
        for (Object job : list(scrape.get("scrape_configs"))) {
            assertThat(map(map(job).get("basic_auth"))).as("compose scrape of %s", map(job).get("job_name"))
                    .containsEntry("username", "metrics")
                    .containsEntry("password_file", "/run/secrets/metrics_password");
        }
        for (Object job : list(scrapeLocal.get("scrape_configs"))) {
            assertThat(map(map(job).get("basic_auth"))).as("local scrape of %s", map(job).get("job_name"))
                    .containsEntry("username", "metrics").containsEntry("password", "metrics");
        }
        assertThat(list(service("prometheus").get("secrets"))).contains("metrics_password");
        for (String module : modules) {
            assertThat(environment(module)).as(module + " gets the scrape password's hash")
                    .containsKey("PARALLELRUN_SECURITY_METRICS_PASSWORD");
        }
    }

    @Test
    void productionDurabilityDefaults() {
        for (String module : modules) {
            Map<String, Object> environment = environment(module);
            if (environment.containsKey("PARALLELRUN_KAFKA_BOOTSTRAP")) {
                assertThat(environment).as(module).containsEntry("PARALLELRUN_TOPIC_REPLICATION", "3")
                        .containsEntry("PARALLELRUN_TOPIC_MIN_ISR", "2");
            }
        }
        assertThat(services).containsKeys("kafka", "kafka-2", "kafka-3");
    }

    @Test
    void monitoringIsWiredToItsConfiguration() {
        List<String> prometheusVolumes = list(service("prometheus").get("volumes"));
        assertThat(prometheusVolumes).contains("./deploy/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro",
                "./deploy/prometheus/rules:/etc/prometheus/rules:ro");
        List<String> grafanaVolumes = list(service("grafana").get("volumes"));
        assertThat(grafanaVolumes).contains("./deploy/grafana/provisioning:/etc/grafana/provisioning:ro",
                "./deploy/grafana/dashboards:/var/lib/grafana/dashboards:ro");
    }

    @Test
    void everyTopicTheOpsFilesNameIsOneThePlatformDeclares() throws IOException {
        Set<String> declared = new TreeSet<>(Topics.all(List.of("claims")));
        Set<String> named = new TreeSet<>();
        List<Path> files = new ArrayList<>(List.of(root.resolve("docker-compose.yml"), root.resolve("docs/operations.md")));
        try (Stream<Path> deploy = Files.walk(root.resolve("deploy"))) {
            deploy.filter(Files::isRegularFile).forEach(files::add);
        }
        for (Path file : files) {
            if (Files.exists(file)) {
                Matcher topic = TOPIC.matcher(Files.readString(file));
                while (topic.find()) {
                    named.add(topic.group(1));
                }
            }
        }
        assertThat(named).as("topics named in docker-compose.yml, deploy/ and docs/operations.md").isNotEmpty();
        assertThat(declared).containsAll(named);
    }

    // ------------------------------------------------------------------------------------------ helpers

    private static Map<String, Object> service(String name) {
        assertThat(services).containsKey(name);
        return map(services.get(name));
    }

    private static Map<String, Object> environment(String name) {
        return map(service(name).getOrDefault("environment", Map.of()));
    }

    private static String yml(String module) {
        try {
            return Files.readString(root.resolve(module).resolve("src/main/resources/" + module + ".yml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> placeholders(String module) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(yml(module));
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, List<String>> scrapeTargets(Map<String, Object> config) {
        Map<String, List<String>> targets = new LinkedHashMap<>();
        for (Object job : list(config.get("scrape_configs"))) {
            Map<String, Object> scrape = map(job);
            List<String> hosts = new ArrayList<>();
            for (Object staticConfig : list(scrape.get("static_configs"))) {
                hosts.addAll((List<String>) map(staticConfig).get("targets"));
            }
            assertThat(scrape.get("metrics_path")).isEqualTo("/actuator/prometheus");
            targets.put((String) scrape.get("job_name"), hosts);
        }
        return targets;
    }

    private static List<ConfigurationRecord> configurationRecords(String module) {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        List<String> packages = new ArrayList<>(List.of(ROOT_PACKAGES.get(module)));
        if (yml(module).contains("\nparticipant:")) {
            // a participant's shared configuration is the participant kit's record (docs/participant-kit.md)
            packages.add(PARTICIPANT_KIT_PACKAGE);
        }
        List<BeanDefinition> candidates = new ArrayList<>();
        packages.forEach(name -> candidates.addAll(scanner.findCandidateComponents(name)));
        List<ConfigurationRecord> records = new ArrayList<>();
        for (BeanDefinition candidate : candidates) {
            try {
                Class<?> type = Class.forName(candidate.getBeanClassName());
                ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
                String prefix = annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
                records.add(new ConfigurationRecord(prefix, type));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        assertThat(records).as(module + " has @ConfigurationProperties").isNotEmpty();
        return records;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> list(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return (List<T>) value;
    }

    /**
     * A {@code @ConfigurationProperties} record and its prefix; resolves an environment variable the way Spring's
     * relaxed binding does: upper case, {@code _} between path elements, dashes dropped, list indexes as numbers.
     */
    record ConfigurationRecord(String prefix, Class<?> type) {

        boolean binds(String variable) {
            String head = prefix.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT) + "_";
            return variable.startsWith(head) && resolves(variable.substring(head.length()).split("_"), 0, type);
        }

        private static boolean resolves(String[] tokens, int index, Type type) {
            Class<?> raw = raw(type);
            if (index == tokens.length) {
                return !raw.isRecord() && !Collection.class.isAssignableFrom(raw) && !Map.class.isAssignableFrom(raw);
            }
            if (Collection.class.isAssignableFrom(raw)) {
                return tokens[index].matches("\\d+") && resolves(tokens, index + 1, typeArgument(type, 0));
            }
            if (Map.class.isAssignableFrom(raw)) {
                return resolves(tokens, index + 1, typeArgument(type, 1));
            }
            if (raw.isRecord()) {
                for (RecordComponent component : raw.getRecordComponents()) {
                    if (component.getName().toUpperCase(Locale.ROOT).equals(tokens[index])) {
                        return resolves(tokens, index + 1, component.getGenericType());
                    }
                }
            }
            return false;
        }

        private static Class<?> raw(Type type) {
            return type instanceof ParameterizedType parameterized ? (Class<?>) parameterized.getRawType() : (Class<?>) type;
        }

        private static Type typeArgument(Type type, int index) {
            return type instanceof ParameterizedType parameterized ? parameterized.getActualTypeArguments()[index] : Object.class;
        }

        @Override
        public String toString() {
            return type.getSimpleName() + "(" + prefix + ")";
        }
    }
}
