package dev.parallelrun.ingress.personaldata.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Finds the personal values of an intent's data by the pointers of its schema's personal fields ({@code *}
 * standing for every index of an array) and replaces them. A personal field that holds an object or array has
 * every value inside it treated as personal. Numbers and booleans are replaced by strings (their JSON text,
 * transformed): a personal value never keeps a type that would let it be read. {@code null} and absent fields
 * stay as they are.
 */
public final class PersonalFields {

    private PersonalFields() {
    }

    /** A copy of the data in which every personal value is transformed (given as text). */
    public static JsonNode transform(JsonNode data, Set<String> pointers, UnaryOperator<String> transformation) {
        JsonNode copy = data.deepCopy();
        for (String pointer : pointers) {
            visit(copy, tokens(pointer), 0, transformation);
        }
        return copy;
    }

    /** The text of the value at a pointer without wildcards, if it is a string. */
    public static java.util.Optional<String> text(JsonNode data, String pointer) {
        JsonNode node = data.at(pointer);
        return node.isString() ? java.util.Optional.of(node.stringValue()) : java.util.Optional.empty();
    }

    /** Whether the data holds any personal value (a non-null value at a personal pointer). */
    public static boolean holdsAny(JsonNode data, Set<String> pointers) {
        boolean[] found = {false};
        transform(data, pointers, value -> {
            found[0] = true;
            return value;
        });
        return found[0];
    }

    private static void visit(JsonNode node, List<String> tokens, int at, UnaryOperator<String> transformation) {
        String token = tokens.get(at);
        boolean last = at == tokens.size() - 1;
        if (node instanceof ObjectNode object) {
            JsonNode child = object.get(token);
            if (child == null) {
                return;
            }
            if (last) {
                object.set(token, transformed(child, transformation));
            } else {
                visit(child, tokens, at + 1, transformation);
            }
        } else if (node instanceof ArrayNode array) {
            List<Integer> indexes = new ArrayList<>();
            if ("*".equals(token)) {
                for (int i = 0; i < array.size(); i++) {
                    indexes.add(i);
                }
            } else if (token.matches("0|[1-9][0-9]{0,8}") && Integer.parseInt(token) < array.size()) {
                indexes.add(Integer.parseInt(token));
            }
            for (int index : indexes) {
                if (last) {
                    array.set(index, transformed(array.get(index), transformation));
                } else {
                    visit(array.get(index), tokens, at + 1, transformation);
                }
            }
        }
    }

    private static JsonNode transformed(JsonNode value, UnaryOperator<String> transformation) {
        if (value.isNull()) {
            return value;
        }
        if (value.isString()) {
            return JsonNodeFactory.instance.stringNode(transformation.apply(value.stringValue()));
        }
        if (value instanceof ObjectNode object) {
            ObjectNode copy = object.deepCopy();
            for (String name : List.copyOf(copy.propertyNames())) {
                copy.set(name, transformed(copy.get(name), transformation));
            }
            return copy;
        }
        if (value instanceof ArrayNode array) {
            ArrayNode copy = array.deepCopy();
            for (int i = 0; i < copy.size(); i++) {
                copy.set(i, transformed(copy.get(i), transformation));
            }
            return copy;
        }
        return JsonNodeFactory.instance.stringNode(transformation.apply(value.toString()));
    }

    private static List<String> tokens(String pointer) {
        if (pointer.isEmpty()) {
            throw new IllegalArgumentException("the whole intent cannot be a personal field");
        }
        List<String> tokens = new ArrayList<>();
        for (String token : pointer.substring(1).split("/", -1)) {
            tokens.add(token.replace("~1", "/").replace("~0", "~"));
        }
        return tokens;
    }
}
