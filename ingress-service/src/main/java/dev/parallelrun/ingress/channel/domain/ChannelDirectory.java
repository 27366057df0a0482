package dev.parallelrun.ingress.channel.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the channel an API key belongs to. Keys are held only as SHA-256 hashes; a presented key is
 * hashed and compared with every channel's hash in constant time, without stopping at the first
 * match, so neither the comparison nor the position of the channel leaks through timing.
 */
public final class ChannelDirectory {

    private final List<Entry> entries;

    private ChannelDirectory(List<Entry> entries) {
        this.entries = entries;
    }

    /** A channel and the SHA-256 of its API key. */
    public record Credential(Channel channel, byte[] apiKeySha256) {
    }

    /**
     * The directory of these channels.
     *
     * @throws IllegalArgumentException when there is no channel, a name repeats or two channels share a key
     */
    public static ChannelDirectory of(List<Credential> credentials) {
        if (credentials.isEmpty()) {
            throw new IllegalArgumentException("no channel is configured");
        }
        return ofAny(credentials);
    }

    /**
     * A directory that may be empty (the admins': without any, the admin API answers 401 to everyone).
     *
     * @throws IllegalArgumentException when a name repeats or two entries share a key
     */
    public static ChannelDirectory ofAny(List<Credential> credentials) {
        Set<String> names = new HashSet<>();
        Set<String> hashes = new HashSet<>();
        List<Entry> entries = new ArrayList<>();
        for (Credential credential : credentials) {
            if (credential.apiKeySha256().length != 32) {
                throw new IllegalArgumentException("the API key hash of channel " + credential.channel().name()
                        + " is not a SHA-256 (32 bytes)");
            }
            if (!names.add(credential.channel().name())) {
                throw new IllegalArgumentException("channel " + credential.channel().name() + " is configured twice");
            }
            if (!hashes.add(HexFormat.of().formatHex(credential.apiKeySha256()))) {
                throw new IllegalArgumentException("channel " + credential.channel().name()
                        + " has the same API key as another channel");
            }
            entries.add(new Entry(credential.channel(), credential.apiKeySha256().clone()));
        }
        return new ChannelDirectory(List.copyOf(entries));
    }

    /** The SHA-256 of an API key, as configuration holds it. */
    public static byte[] sha256(String apiKey) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(apiKey.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must support SHA-256", e);
        }
    }

    /** The channel whose key this is, if any. */
    public Optional<Channel> authenticate(String presentedKey) {
        if (presentedKey == null || presentedKey.isEmpty()) {
            return Optional.empty();
        }
        byte[] presented = sha256(presentedKey);
        Channel found = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.apiKeySha256(), presented) && found == null) {
                found = entry.channel();
            }
        }
        return Optional.ofNullable(found);
    }

    /** Whether any entry has the key of any entry of the other directory. */
    public boolean sharesAKeyWith(ChannelDirectory other) {
        Set<String> mine = new HashSet<>();
        entries.forEach(entry -> mine.add(HexFormat.of().formatHex(entry.apiKeySha256())));
        return other.entries.stream().anyMatch(entry -> mine.contains(HexFormat.of().formatHex(entry.apiKeySha256())));
    }

    /** The names of the configured channels. */
    public List<String> channelNames() {
        return entries.stream().map(entry -> entry.channel().name()).toList();
    }

    private record Entry(Channel channel, byte[] apiKeySha256) {
    }
}
