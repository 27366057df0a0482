package dev.parallelrun.reconciliation.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.mock.env.MockEnvironment;

class ApiSecurityConfigTest {

    private final ApiSecurityConfig config = new ApiSecurityConfig();

    @Test
    void refusesAPlainTextUserPasswordOutsideTheLocalProfile() throws IOException {
        MockEnvironment production = environment(Map.of(
                "reconciliation.security.users[0].name", "auditor",
                "reconciliation.security.users[0].password", "{noop}auditor",
                "reconciliation.security.users[0].roles[0]", "AUDITOR"));

        assertThatThrownBy(() -> config.apiUsers(bind(production), production))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("reconciliation.security.users[0].password").hasMessageContaining("plain-text");
    }

    @Test
    void acceptsHashedPasswordsOutsideTheLocalProfile() throws IOException {
        MockEnvironment production = environment(Map.of());
        // the local file's users are bcrypt hashes: acceptable anywhere (though only shipped for local use)
        new YamlPropertySourceLoader().load("local", new ClassPathResource("reconciliation-service-local.yml"))
                .forEach(source -> production.getPropertySources().addFirst(source));

        assertThat(config.apiUsers(bind(production), production).loadUserByUsername("auditor")).isNotNull();
    }

    private static MockEnvironment environment(Map<String, Object> properties) throws IOException {
        MockEnvironment environment = new MockEnvironment();
        new YamlPropertySourceLoader().load("main", new ClassPathResource("reconciliation-service.yml"))
                .forEach(source -> environment.getPropertySources().addLast(source));
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return environment;
    }

    private static ReconciliationProperties bind(MockEnvironment environment) {
        return Binder.get(environment).bindOrCreate("reconciliation", ReconciliationProperties.class);
    }
}
