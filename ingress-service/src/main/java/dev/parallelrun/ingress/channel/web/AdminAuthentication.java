package dev.parallelrun.ingress.channel.web;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * An authenticated operator ({@code ingress.admins}), allowed on the admin API; the principal is the admin's
 * name. An admin is not a channel: it cannot post intents.
 */
public final class AdminAuthentication extends AbstractAuthenticationToken {

    /** The role every authenticated admin has. */
    public static final String ROLE = "ADMIN";

    private final String name;

    AdminAuthentication(String name) {
        super(List.of(new SimpleGrantedAuthority("ROLE_" + ROLE)));
        this.name = name;
        setAuthenticated(true);
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
