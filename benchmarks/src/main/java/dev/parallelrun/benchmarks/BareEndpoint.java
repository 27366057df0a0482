package dev.parallelrun.benchmarks;

import java.util.Map;
import java.util.UUID;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.servlet.autoconfigure.HttpEncodingAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Target 5's yardstick: a bare Spring MVC endpoint on the same Tomcat, Jackson and Spring Boot as the ingress. It
 * takes the same request ({@code POST /api/v1/intents/{type}}, the same JSON body and headers) and answers the same
 * shape (202 with correlation id, event id and type), and does nothing else: no authentication, no schema, no
 * database, no Kafka, no metrics. Only the web auto-configurations are imported, so the services' classes on the
 * class path (data source, Kafka, security) stay out of it.
 *
 * <p>Run by {@link IngressBenchmark} as its own process: {@code java -cp benchmarks.jar
 * dev.parallelrun.benchmarks.BareEndpoint --server.port=N}.
 */
@SpringBootConfiguration
@ImportAutoConfiguration({TomcatServletWebServerAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
        WebMvcAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class, JacksonAutoConfiguration.class,
        HttpEncodingAutoConfiguration.class, ErrorMvcAutoConfiguration.class})
@Import(BareEndpoint.Intents.class)
public class BareEndpoint {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(BareEndpoint.class);
        application.setDefaultProperties(Map.of("spring.main.banner-mode", "off"));
        application.run(args);
    }

    /** The body of the ingress's 202. */
    record Accepted(String correlationId, String eventId, String type) {
    }

    @RestController
    static class Intents {

        @PostMapping(path = "/api/v1/intents/{intentType}", consumes = "application/json")
        ResponseEntity<Accepted> post(@PathVariable String intentType, @RequestBody byte[] body) {
            String id = UUID.randomUUID().toString();
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(new Accepted(id, id, intentType));
        }

        /** What {@link ServiceProcess#awaitHealthy} asks. */
        @GetMapping("/actuator/health")
        Map<String, String> health() {
            return Map.of("status", "UP");
        }
    }
}
