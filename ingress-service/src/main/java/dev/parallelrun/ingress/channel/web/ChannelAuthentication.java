package dev.parallelrun.ingress.channel.web;

import dev.parallelrun.ingress.channel.domain.Channel;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An authenticated channel; the principal is its {@link Channel}. The API key itself is not kept. */
public final class ChannelAuthentication extends AbstractAuthenticationToken {

    /** The role every authenticated channel has. */
    public static final String ROLE = "CHANNEL";

    private final Channel channel;

    ChannelAuthentication(Channel channel) {
        super(List.of(new SimpleGrantedAuthority("ROLE_" + ROLE)));
        this.channel = channel;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Channel getPrincipal() {
        return channel;
    }

    @Override
    public String getName() {
        return channel.name();
    }
}
