package dev.parallelrun.ingress.channel.web;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * An authenticated participant ({@code ingress.participants}: the legacy adapter, a shadow service), allowed to read
 * data subjects' keys to decrypt the personal fields of intents; the principal is the participant's name. A
 * participant is neither a channel nor an admin: it cannot post intents or erase subjects.
 */
public final class ParticipantAuthentication extends AbstractAuthenticationToken {

    /** The role every authenticated participant has. */
    public static final String ROLE = "PARTICIPANT";

    private final String name;

    ParticipantAuthentication(String name) {
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
