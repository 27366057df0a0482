package dev.parallelrun.reconciliation.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Bearer tokens next to HTTP Basic ({@code reconciliation.security.jwt}): a token signed by the configured key (or
 * the issuer's key set) and still valid is a person with the roles its roles claim names. Its own authentication
 * manager, so that tokens never reach the password checks (nor their cache) and passwords never reach the decoder.
 */
final class JwtAuthentication {

    private final ReconciliationProperties.Jwt settings;
    private final JwtDecoder decoder;

    private JwtAuthentication(ReconciliationProperties.Jwt settings, JwtDecoder decoder) {
        this.settings = settings;
        this.decoder = decoder;
    }

    /** The configured token check, or {@code null} when bearer tokens are off. */
    static JwtAuthentication of(ReconciliationProperties.Jwt settings, ResourceLoader resources) {
        if (!settings.enabled()) {
            return null;
        }
        NimbusJwtDecoder decoder;
        if (ReconciliationProperties.Jwt.isSet(settings.publicKeyLocation())) {
            decoder = NimbusJwtDecoder.withPublicKey(publicKey(resources.getResource(settings.publicKeyLocation()))).build();
        } else if (ReconciliationProperties.Jwt.isSet(settings.jwkSetUri())) {
            decoder = NimbusJwtDecoder.withJwkSetUri(settings.jwkSetUri()).build();
        } else {
            decoder = NimbusJwtDecoder.withIssuerLocation(settings.issuerUri()).build();
        }
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        // expiry and not-before (60 s of clock skew), and the issuer when one is named
        validators.add(ReconciliationProperties.Jwt.isSet(settings.issuerUri())
                ? JwtValidators.createDefaultWithIssuer(settings.issuerUri()) : JwtValidators.createDefault());
        if (!settings.audiences().isEmpty()) {
            validators.add(new JwtClaimValidator<List<String>>("aud",
                    audience -> audience != null && audience.stream().anyMatch(settings.audiences()::contains)));
        }
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
        return new JwtAuthentication(settings, decoder);
    }

    /** Authenticates bearer tokens only. */
    AuthenticationManager authenticationManager() {
        JwtAuthenticationProvider provider = new JwtAuthenticationProvider(decoder);
        provider.setJwtAuthenticationConverter(this::toAuthentication);
        return new ProviderManager(provider);
    }

    /** A valid token as a person: named by the principal claim, with the known roles of the roles claim. */
    AbstractAuthenticationToken toAuthentication(Jwt jwt) {
        Object name = jwt.getClaims().get(settings.principalClaim());
        if (name == null || name.toString().isBlank()) {
            throw new InvalidBearerTokenException("the token has no " + settings.principalClaim() + " claim");
        }
        return new JwtAuthenticationToken(jwt, authorities(jwt.getClaims(), settings.rolesClaim()), name.toString());
    }

    /**
     * {@code ROLE_<role>} for each value of the roles claim that is one of the API's roles (case-insensitive, with or
     * without a {@code ROLE_} prefix); anything else in the claim grants nothing. No claim: no role (every API request
     * is then answered 403, not 401: the person is known, just not allowed).
     */
    static List<GrantedAuthority> authorities(Map<String, Object> claims, String rolesClaim) {
        Object value = claims;
        for (String part : rolesClaim.split("\\.")) {
            value = value instanceof Map<?, ?> map ? map.get(part) : null;
        }
        Collection<?> values;
        if (value instanceof Collection<?> collection) {
            values = collection;
        } else if (value instanceof String text) {
            values = List.of(text.trim().split("[\\s,]+"));
        } else {
            values = List.of();
        }
        Set<GrantedAuthority> authorities = new LinkedHashSet<>();
        for (Object role : values) {
            String name = String.valueOf(role).trim().toUpperCase(Locale.ROOT);
            name = name.startsWith("ROLE_") ? name.substring("ROLE_".length()) : name;
            if (ApiSecurityConfig.ROLES.contains(name)) {
                authorities.add(new SimpleGrantedAuthority("ROLE_" + name));
            }
        }
        return List.copyOf(authorities);
    }

    private static RSAPublicKey publicKey(Resource location) {
        try (InputStream pem = location.getInputStream()) {
            return RsaKeyConverters.x509().convert(pem);
        } catch (IOException e) {
            throw new UncheckedIOException("reconciliation.security.jwt.public-key-location: cannot read " + location, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("reconciliation.security.jwt.public-key-location: " + location
                    + " is not a PEM RSA public key (-----BEGIN PUBLIC KEY-----)", e);
        }
    }
}
