package dev.gradfit.fitting.reference;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A known answer from outside gradfit: a JSON file in {@code src/test/resources/reference}, written by the
 * Python script of the same name beside it (scikit-learn or statsmodels on the data it names).
 */
public final class ReferenceFixture {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JsonNode root;

    private ReferenceFixture(JsonNode root) {
        this.root = root;
    }

    /** The fixture {@code name}.json, e.g. {@code "logistic_offset"}. */
    public static ReferenceFixture load(String name) {
        try (InputStream in = ReferenceFixture.class.getResourceAsStream("/reference/" + name + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture reference/" + name + ".json");
            }
            return new ReferenceFixture(JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether there is a value at a path of field names (an array's entries named by their index). */
    public boolean has(String... path) {
        try {
            node(path);
            return true;
        } catch (IllegalArgumentException absent) {
            return false;
        }
    }

    /**
     * A number at a path of field names, e.g. {@code number("lasso", "intercept")}; an entry of an array is
     * named by its index, {@code number("fits", "0", "cost")}.
     */
    public double number(String... path) {
        return node(path).doubleValue();
    }

    /** An array of numbers at a path of field names. */
    public double[] numbers(String... path) {
        JsonNode array = node(path);
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).doubleValue();
        }
        return values;
    }

    /** An array of arrays of numbers, flattened row by row. */
    public double[] rows(String... path) {
        JsonNode array = node(path);
        int columns = array.get(0).size();
        double[] values = new double[array.size() * columns];
        for (int i = 0; i < array.size(); i++) {
            for (int j = 0; j < columns; j++) {
                values[i * columns + j] = array.get(i).get(j).doubleValue();
            }
        }
        return values;
    }

    /** The number of columns of the array of arrays at a path. */
    public int columns(String... path) {
        return node(path).get(0).size();
    }

    private JsonNode node(String... path) {
        JsonNode node = root;
        for (String field : path) {
            node = node.isArray() && field.chars().allMatch(Character::isDigit)
                    ? node.get(Integer.parseInt(field))
                    : node.get(field);
            if (node == null) {
                throw new IllegalArgumentException("the fixture has no " + String.join(".", path));
            }
        }
        return node;
    }
}
