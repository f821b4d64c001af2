package dev.gradfit.openapi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** JSON in one canonical text (object keys sorted, two-space indents, final newline) and the first difference between two trees. */
final class CanonicalJson {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final int SHOWN = 300;

    private CanonicalJson() {}

    static JsonNode parse(String json) {
        return MAPPER.readTree(json);
    }

    /** The canonical text of a tree: the same tree always gives the same bytes, whatever order its keys came in. */
    static String write(JsonNode node) {
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(sorted(node)) + "\n";
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>(node.propertyNames());
            Collections.sort(names);
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            names.forEach(name -> copy.set(name, sorted(node.get(name))));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> copy.add(sorted(element)));
            return copy;
        }
        return node;
    }

    /**
     * The first place, in document order, where {@code actual} differs from {@code expected}: its JSON
     * Pointer and both values there, or empty when the trees are equal.
     */
    static Optional<String> firstDifference(JsonNode expected, JsonNode actual) {
        return firstDifference("", expected, actual);
    }

    private static Optional<String> firstDifference(String pointer, JsonNode expected, JsonNode actual) {
        if (expected.isObject() && actual.isObject()) {
            List<String> names = new ArrayList<>(expected.propertyNames());
            actual.propertyNames().stream().filter(name -> !expected.has(name)).forEach(names::add);
            Collections.sort(names);
            for (String name : names) {
                String child = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
                if (!expected.has(name)) {
                    return Optional.of(child + ": only in the live document: " + shown(actual.get(name)));
                }
                if (!actual.has(name)) {
                    return Optional.of(
                            child + ": missing from the live document (committed: " + shown(expected.get(name)) + ")");
                }
                Optional<String> difference = firstDifference(child, expected.get(name), actual.get(name));
                if (difference.isPresent()) {
                    return difference;
                }
            }
            return Optional.empty();
        }
        if (expected.isArray() && actual.isArray()) {
            for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
                Optional<String> difference = firstDifference(pointer + "/" + i, expected.get(i), actual.get(i));
                if (difference.isPresent()) {
                    return difference;
                }
            }
            if (expected.size() != actual.size()) {
                return Optional.of(pointer + ": committed array has " + expected.size() + " elements, live has "
                        + actual.size() + " (committed: " + shown(expected) + ", live: " + shown(actual) + ")");
            }
            return Optional.empty();
        }
        if (expected.equals(actual)) {
            return Optional.empty();
        }
        return Optional.of(
                (pointer.isEmpty() ? "/" : pointer) + ": committed " + shown(expected) + ", live " + shown(actual));
    }

    private static String shown(JsonNode node) {
        String text = MAPPER.writeValueAsString(node);
        return text.length() <= SHOWN ? text : text.substring(0, SHOWN) + "…";
    }
}
