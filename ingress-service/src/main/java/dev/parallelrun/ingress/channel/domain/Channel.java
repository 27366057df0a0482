package dev.parallelrun.ingress.channel.domain;

import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A channel system allowed to post intents: its name (which becomes the intent's
 * {@code source}, {@code urn:parallelrun:ingress:channel:<name>}) and the intent types it may post
 * (empty: all).
 */
public record Channel(String name, Set<String> allowedIntents) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    public Channel {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("channel name must be 1-63 lower-case letters, digits and '-': " + name);
        }
        allowedIntents = Set.copyOf(Objects.requireNonNullElse(allowedIntents, Set.of()));
    }

    /** Whether the channel may post intents of that type. */
    public boolean mayPost(String intentType) {
        return allowedIntents.isEmpty() || allowedIntents.contains(intentType);
    }

    /** The CloudEvents {@code source} of intents from this channel. */
    public String source() {
        return "urn:parallelrun:ingress:channel:" + name;
    }
}
