package dev.parallelrun.ingress.channel.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChannelDirectoryTest {

    private final ChannelDirectory directory = ChannelDirectory.of(List.of(
            new ChannelDirectory.Credential(new Channel("web-portal", Set.of()), ChannelDirectory.sha256("portal-key")),
            new ChannelDirectory.Credential(new Channel("call-centre", Set.of("ClaimSubmitted")),
                    ChannelDirectory.sha256("centre-key"))));

    @Test
    void findsTheChannelOfAKey() {
        assertThat(directory.authenticate("portal-key")).map(Channel::name).contains("web-portal");
        assertThat(directory.authenticate("centre-key")).map(Channel::name).contains("call-centre");
    }

    @Test
    void findsNoChannelForAnUnknownMissingOrSimilarKey() {
        assertThat(directory.authenticate("portal-key ")).isEmpty();
        assertThat(directory.authenticate("PORTAL-KEY")).isEmpty();
        assertThat(directory.authenticate("")).isEmpty();
        assertThat(directory.authenticate(null)).isEmpty();
    }

    @Test
    void refusesNoChannelsDuplicateNamesAndSharedKeys() {
        byte[] key = ChannelDirectory.sha256("k");
        assertThatThrownBy(() -> ChannelDirectory.of(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChannelDirectory.of(List.of(
                new ChannelDirectory.Credential(new Channel("a", Set.of()), key),
                new ChannelDirectory.Credential(new Channel("a", Set.of()), ChannelDirectory.sha256("other")))))
                .hasMessageContaining("configured twice");
        assertThatThrownBy(() -> ChannelDirectory.of(List.of(
                new ChannelDirectory.Credential(new Channel("a", Set.of()), key),
                new ChannelDirectory.Credential(new Channel("b", Set.of()), key))))
                .hasMessageContaining("same API key");
    }

    @Test
    void restrictsAChannelToItsAllowedIntents() {
        assertThat(new Channel("call-centre", Set.of("ClaimSubmitted")).mayPost("ClaimSubmitted")).isTrue();
        assertThat(new Channel("call-centre", Set.of("ClaimSubmitted")).mayPost("PolicyRenewed")).isFalse();
        assertThat(new Channel("web-portal", Set.of()).mayPost("PolicyRenewed")).isTrue();
    }

    @Test
    void namesTheChannelInTheEventSource() {
        assertThat(new Channel("web-portal", Set.of()).source()).isEqualTo("urn:parallelrun:ingress:channel:web-portal");
    }
}
