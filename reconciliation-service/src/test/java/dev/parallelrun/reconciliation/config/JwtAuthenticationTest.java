package dev.parallelrun.reconciliation.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

class JwtAuthenticationTest {

    @Test
    void offUnlessAKeyAKeySetOrAnIssuerIsNamed() {
        assertThat(JwtAuthentication.of(jwt(null, null, " "), new DefaultResourceLoader())).isNull();
        assertThat(jwt(null, "https://idp.example.org/keys", null).enabled()).isTrue();
    }

    @Test
    void rolesAreTheApisRolesNamedInTheClaimWhateverItsShape() {
        assertThat(names(JwtAuthentication.authorities(Map.of("roles", List.of("auditor", "ROLE_ADMIN", "viewer")), "roles")))
                .containsExactly("ROLE_AUDITOR", "ROLE_ADMIN");
        assertThat(names(JwtAuthentication.authorities(Map.of("scope", "operator  Auditor,metrics"), "scope")))
                .containsExactly("ROLE_OPERATOR", "ROLE_AUDITOR");
        assertThat(names(JwtAuthentication.authorities(
                Map.of("realm_access", Map.of("roles", List.of("OPERATOR"))), "realm_access.roles")))
                .containsExactly("ROLE_OPERATOR");
    }

    @Test
    void noClaimOrAnUnknownShapeGrantsNothing() {
        assertThat(JwtAuthentication.authorities(Map.of("sub", "bob"), "roles")).isEmpty();
        assertThat(JwtAuthentication.authorities(Map.of("roles", 42), "roles")).isEmpty();
        assertThat(JwtAuthentication.authorities(Map.of("realm_access", "ADMIN"), "realm_access.roles")).isEmpty();
    }

    @Test
    void aTokenWithoutThePrincipalClaimIsRefused() {
        Jwt token = Jwt.withTokenValue("t").header("alg", "RS256").claim("roles", List.of("ADMIN"))
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60)).build();
        JwtAuthentication byName = JwtAuthentication.of(jwt(null, "https://idp.example.org/keys", null),
                new DefaultResourceLoader());

        assertThatThrownBy(() -> byName.toAuthentication(token)).isInstanceOf(InvalidBearerTokenException.class)
                .hasMessageContaining("sub");
        Jwt named = Jwt.withTokenValue("t").header("alg", "RS256").subject("alice").claim("roles", List.of("ADMIN"))
                .build();
        assertThat(byName.toAuthentication(named).getName()).isEqualTo("alice");
        assertThat(names(byName.toAuthentication(named).getAuthorities())).containsExactly("ROLE_ADMIN");
    }

    @Test
    void aPublicKeyLocationThatIsNoKeyStopsTheStart() {
        assertThatThrownBy(() -> JwtAuthentication.of(jwt("classpath:access-matrix.csv", null, null),
                new DefaultResourceLoader())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("public-key-location");
    }

    private static ReconciliationProperties.Jwt jwt(String publicKey, String jwkSetUri, String issuer) {
        return new ReconciliationProperties.Jwt(publicKey, jwkSetUri, issuer, List.of(), "roles", "sub");
    }

    private static List<String> names(java.util.Collection<? extends GrantedAuthority> authorities) {
        return authorities.stream().map(GrantedAuthority::getAuthority).toList();
    }
}
