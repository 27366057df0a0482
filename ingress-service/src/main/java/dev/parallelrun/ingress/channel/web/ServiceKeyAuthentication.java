package dev.parallelrun.ingress.channel.web;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * An authenticated holder of an API key that is not a channel's: an operator ({@code ingress.admins}, role
 * {@value #ADMIN}: the sampling and data-subject APIs) or a participant ({@code ingress.participants}: the legacy
 * adapter, a shadow service; role {@value #PARTICIPANT}: reads data subjects' keys to decrypt intents). The principal
 * is the configured name. Neither may post intents; a participant cannot erase subjects.
 */
public final class ServiceKeyAuthentication extends AbstractAuthenticationToken {

    /** The role of every authenticated admin. */
    public static final String ADMIN = "ADMIN";
    /** The role of every authenticated participant. */
    public static final String PARTICIPANT = "PARTICIPANT";

    private final String name;

    private ServiceKeyAuthentication(String name, String role) {
        super(List.of(new SimpleGrantedAuthority("ROLE_" + role)));
        this.name = name;
        setAuthenticated(true);
    }

    static ServiceKeyAuthentication admin(String name) {
        return new ServiceKeyAuthentication(name, ADMIN);
    }

    static ServiceKeyAuthentication participant(String name) {
        return new ServiceKeyAuthentication(name, PARTICIPANT);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public String getPrincipal() {
        return name;
    }

    @Override
    public String getName() {
        return name;
    }
}
