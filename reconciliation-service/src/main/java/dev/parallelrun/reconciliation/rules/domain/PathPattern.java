package dev.parallelrun.reconciliation.rules.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A JSON Pointer (RFC 6901) whose segments may be {@code *}: any one object field, array index or
 * keyed collection element. {@code /ledgerEntries/*}{@code /amount} addresses every entry's amount.
 */
public final class PathPattern {

    static final String ANY = "*";

    private final String text;
    private final List<String> segments;

    private PathPattern(String text, List<String> segments) {
        this.text = text;
        this.segments = List.copyOf(segments);
    }

    /**
     * @throws IllegalArgumentException with the reason when {@code text} is not a JSON Pointer
     */
    public static PathPattern parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("a path is required (a JSON Pointer such as /amount)");
        }
        if (!text.startsWith("/")) {
            throw new IllegalArgumentException("'" + text + "' is not a JSON Pointer: it must start with '/'");
        }
        List<String> segments = new ArrayList<>();
        for (String raw : text.substring(1).split("/", -1)) {
            segments.add(unescape(text, raw));
        }
        return new PathPattern(text, segments);
    }

    private static String unescape(String text, String raw) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '~') {
                out.append(c);
                continue;
            }
            char next = i + 1 < raw.length() ? raw.charAt(i + 1) : ' ';
            if (next == '0') {
                out.append('~');
            } else if (next == '1') {
                out.append('/');
            } else {
                throw new IllegalArgumentException("'" + text + "' is not a JSON Pointer: '~' must be followed by 0 or 1");
            }
            i++;
        }
        return out.toString();
    }

    /** Whether this pattern addresses exactly the given concrete path. */
    public boolean matches(List<String> path) {
        return path.size() == segments.size() && matchesPrefixOf(path);
    }

    /** Whether this pattern addresses the given path or one of its ancestors. */
    public boolean matchesPrefixOf(List<String> path) {
        if (segments.size() > path.size()) {
            return false;
        }
        for (int i = 0; i < segments.size(); i++) {
            if (!segmentMatches(segments.get(i), path.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Whether the concrete {@code path} is a proper ancestor of what this pattern can address. */
    boolean couldMatchBelow(List<String> path) {
        if (path.size() >= segments.size()) {
            return false;
        }
        for (int i = 0; i < path.size(); i++) {
            if (!segmentMatches(segments.get(i), path.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean segmentMatches(String pattern, String actual) {
        return pattern.equals(ANY) || pattern.equals(actual);
    }

    /** Of two patterns matching the same path: the one with a literal segment where the other has {@code *}, leftmost first. */
    static int moreSpecificFirst(PathPattern a, PathPattern b) {
        int n = Math.min(a.segments.size(), b.segments.size());
        for (int i = 0; i < n; i++) {
            boolean aAny = a.segments.get(i).equals(ANY);
            boolean bAny = b.segments.get(i).equals(ANY);
            if (aAny != bAny) {
                return aAny ? 1 : -1;
            }
        }
        return Integer.compare(b.segments.size(), a.segments.size());
    }

    public boolean hasWildcard() {
        return segments.contains(ANY);
    }

    List<String> segments() {
        return segments;
    }

    /** The JSON Pointer text of a concrete path; the root is {@code /}. */
    public static String format(List<String> path) {
        if (path.isEmpty()) {
            return "/";
        }
        StringBuilder out = new StringBuilder();
        for (String segment : path) {
            out.append('/').append(segment.replace("~", "~0").replace("/", "~1"));
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PathPattern other && other.segments.equals(segments);
    }

    @Override
    public int hashCode() {
        return Objects.hash(segments);
    }
}
