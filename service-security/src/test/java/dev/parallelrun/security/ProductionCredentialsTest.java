package dev.parallelrun.security;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class ProductionCredentialsTest {

    private static final String BCRYPT = "{bcrypt}$2a$10$OUB/SBkUOaEYJdnDCg/jx.7.6wajGwJcltLtX0..2xe20tjcDM4ea";

    @Test
    void refusesANoopMetricsPasswordOutsideTheLocalProfile() {
        assertThatThrownBy(() -> ProductionCredentials.check(new MockEnvironment(), properties("{noop}metrics")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("parallelrun.security.metrics.password").hasMessageContaining("plain-text");
    }

    @Test
    void refusesAPasswordWithoutAnEncodingPrefixOrNoneAtAll() {
        assertThatThrownBy(() -> ProductionCredentials.check(new MockEnvironment(), properties("metrics")))
                .hasMessageContaining("plain-text");
        assertThatThrownBy(() -> ProductionCredentials.check(new MockEnvironment(), properties(null)))
                .hasMessageContaining("is not set");
    }

    @Test
    void refusesAnEmptyDatabasePasswordOutsideTheLocalProfile() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("spring.datasource.url", "jdbc:postgresql://db/parallelrun")
                .withProperty("spring.datasource.password", "");

        assertThatThrownBy(() -> ProductionCredentials.check(environment, properties(BCRYPT)))
                .hasMessageContaining("spring.datasource.password").hasMessageContaining("empty");
    }

    @Test
    void refusesAPlainTextUserPassword() {
        var properties = new ServiceSecurityProperties(new ServiceSecurityProperties.Metrics("metrics", BCRYPT),
                List.of(new ServiceSecurityProperties.User("auditor", "{noop}auditor", List.of("AUDITOR"))),
                new ServiceSecurityProperties.FailedAuthentication(20),
                new ServiceSecurityProperties.CredentialCache(Duration.ofMinutes(5), 100));

        assertThatThrownBy(() -> ProductionCredentials.check(new MockEnvironment(), properties))
                .hasMessageContaining("parallelrun.security.users[0].password");
    }

    @Test
    void acceptsHashedPasswordsAndADatabasePassword() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("spring.datasource.url", "jdbc:postgresql://db/parallelrun")
                .withProperty("spring.datasource.password", "s3cret");

        assertThatCode(() -> ProductionCredentials.check(environment, properties(BCRYPT))).doesNotThrowAnyException();
    }

    @Test
    void acceptsDevelopmentCredentialsInTheLocalProfile() {
        MockEnvironment local = new MockEnvironment();
        local.setActiveProfiles("local");

        assertThatCode(() -> ProductionCredentials.check(local, properties("{noop}metrics"))).doesNotThrowAnyException();
    }

    private static ServiceSecurityProperties properties(String metricsPassword) {
        return new ServiceSecurityProperties(new ServiceSecurityProperties.Metrics("metrics", metricsPassword), List.of(),
                new ServiceSecurityProperties.FailedAuthentication(20),
                new ServiceSecurityProperties.CredentialCache(Duration.ofMinutes(5), 100));
    }
}
