package dev.parallelrun.ingress.channel.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelrun.ingress.channel.domain.Channel;
import dev.parallelrun.ingress.channel.domain.ChannelDirectory;
import dev.parallelrun.ingress.config.IngressProperties;
import java.io.IOException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.mock.env.MockEnvironment;

class ChannelSecurityConfigurationTest {

    private static final MockEnvironment PRODUCTION = new MockEnvironment();
    private static final MockEnvironment LOCAL = new MockEnvironment();

    static {
        LOCAL.setActiveProfiles("local");
    }

    private final ChannelSecurityConfiguration configuration = new ChannelSecurityConfiguration();

    @Test
    void refusesToStartWithoutTheLocalProfileAndWithoutChannels() throws IOException {
        IngressProperties properties = bind("ingress-service.yml");

        assertThat(properties.channels()).isEmpty();
        assertThatThrownBy(() -> configuration.channelDirectory(properties, PRODUCTION))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("No channel is configured")
                .hasMessageContaining("refusing to start")
                .hasMessageContaining("INGRESS_CHANNELS_0_APIKEYSHA256");
    }

    @Test
    void theLocalProfileHasTheLocalDevChannel() throws IOException {
        ChannelDirectory directory = configuration.channelDirectory(bind("ingress-service.yml", "ingress-service-local.yml"),
                LOCAL);

        assertThat(directory.authenticate("local-dev-key")).map(Channel::name).contains("local-dev");
    }

    @Test
    void acceptsAChannelConfiguredByTheHashOfItsKey() {
        String hash = HexFormat.of().formatHex(ChannelDirectory.sha256("portal-key")).toUpperCase();
        IngressProperties properties = properties(new IngressProperties.ChannelCredentials("web-portal", null, hash,
                List.of("ClaimSubmitted")));

        assertThat(configuration.channelDirectory(properties, PRODUCTION).authenticate("portal-key"))
                .hasValueSatisfying(channel -> {
                    assertThat(channel.name()).isEqualTo("web-portal");
                    assertThat(channel.mayPost("ClaimSubmitted")).isTrue();
                    assertThat(channel.mayPost("PolicyRenewed")).isFalse();
                });
    }

    @Test
    void refusesAChannelWithBothOrNeitherKeyForm() {
        assertThatThrownBy(() -> configuration.channelDirectory(properties(
                new IngressProperties.ChannelCredentials("web-portal", null, null, List.of())), LOCAL))
                .hasMessageContaining("exactly one of");
        assertThatThrownBy(() -> configuration.channelDirectory(properties(
                new IngressProperties.ChannelCredentials("web-portal", "k", "00", List.of())), LOCAL))
                .hasMessageContaining("exactly one of");
    }

    @Test
    void refusesAPlainTextApiKeyOutsideTheLocalProfile() {
        IngressProperties properties = properties(new IngressProperties.ChannelCredentials("web-portal", "portal-key",
                null, List.of()));

        assertThatThrownBy(() -> configuration.channelDirectory(properties, PRODUCTION))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("plain-text API key").hasMessageContaining("api-key-sha256");
        assertThat(configuration.channelDirectory(properties, LOCAL).authenticate("portal-key")).isPresent();
    }

    @Test
    void theLocalProfileHasTheLocalAdminAndProductionHasNone() throws IOException {
        IngressProperties local = bind("ingress-service.yml", "ingress-service-local.yml");
        ChannelSecurityConfiguration.AdminDirectory admins = configuration.adminDirectory(local, LOCAL,
                configuration.channelDirectory(local, LOCAL));

        assertThat(admins.keys().authenticate("local-admin-key")).map(Channel::name).contains("local-admin");
        assertThat(admins.keys().authenticate("local-dev-key")).isEmpty();
        assertThat(bind("ingress-service.yml").admins()).isEmpty();
    }

    @Test
    void refusesAPlainTextAdminKeyOutsideTheLocalProfile() {
        IngressProperties properties = new IngressProperties(List.of(new IngressProperties.ChannelCredentials(
                "web-portal", null, HexFormat.of().formatHex(ChannelDirectory.sha256("portal-key")), List.of())),
                null, null, null, null, null, null, null, null,
                List.of(new IngressProperties.ChannelCredentials("ops", "ops-key", null, List.of())), List.of(), null, null);
        ChannelDirectory channels = configuration.channelDirectory(properties, PRODUCTION);

        assertThatThrownBy(() -> configuration.adminDirectory(properties, PRODUCTION, channels))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ingress.admins[].api-key-sha256");
    }

    @Test
    void refusesAnAdminWithAChannelsKey() {
        IngressProperties properties = new IngressProperties(List.of(new IngressProperties.ChannelCredentials(
                "web-portal", "shared-key", null, List.of())), null, null, null, null, null, null, null, null,
                List.of(new IngressProperties.ChannelCredentials("ops", "shared-key", null, List.of())), List.of(), null, null);
        ChannelDirectory channels = configuration.channelDirectory(properties, LOCAL);

        assertThatThrownBy(() -> configuration.adminDirectory(properties, LOCAL, channels))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("same API key as a channel");
    }

    @Test
    void neverPrintsAPlainKey() {
        assertThat(new IngressProperties.ChannelCredentials("web-portal", "secret-key", null, List.of()).toString())
                .doesNotContain("secret-key");
    }

    private static IngressProperties properties(IngressProperties.ChannelCredentials channel) {
        return new IngressProperties(List.of(channel), null, null, null, null, null, null, null, null, List.of(), List.of(),
                null, null);
    }

    /** Binds {@code ingress.*} from the service's real configuration files, later files winning. */
    private static IngressProperties bind(String... files) throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        YamlPropertySourceLoader loader = new YamlPropertySourceLoader();
        for (String file : files) {
            loader.load(file, new ClassPathResource(file)).forEach(source -> environment.getPropertySources().addFirst(source));
        }
        return Binder.get(environment).bindOrCreate("ingress", IngressProperties.class);
    }
}
