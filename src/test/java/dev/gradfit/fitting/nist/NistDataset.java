package dev.gradfit.fitting.nist;

import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.core.Weights;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One NIST StRD linear least-squares dataset from {@code src/test/resources/nist} (see the SOURCES.md
 * there): the data as gradfit's features, and NIST's certified estimates.
 *
 * <p>Polynomial models ({@code y = Σ Bₖ·xᵏ}) become one feature per power {@code x¹ … x^degree}, the
 * intercept standing for {@code B0}; powers are formed by repeated multiplication, exact to a few ulps.
 *
 * @param name NIST's name, e.g. {@code Wampler4}
 * @param data the features and targets
 * @param hasIntercept whether the certified model has an intercept ({@code false} for NoInt1 and NoInt2)
 * @param certified the certified weights; the intercept is 0 and unused when {@code hasIntercept} is false
 */
public record NistDataset(String name, Dataset data, boolean hasIntercept, Weights certified) {

    /** NIST prints 15 significant digits, so agreement beyond that cannot be measured. */
    public static final double MAX_LRE = 15.0;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Loads a dataset by its key in {@code certified.json}, e.g. {@code "wampler4"}. */
    public static NistDataset load(String key) {
        JsonNode all = JSON.readTree(resource("certified.json"));
        JsonNode entry = all.get(key);
        if (entry == null) {
            throw new IllegalArgumentException("no NIST dataset " + key);
        }
        boolean hasIntercept = entry.get("hasIntercept").booleanValue();
        double intercept = hasIntercept ? entry.get("intercept").doubleValue() : 0.0;
        double[] coefficients = doubles(entry.get("coefficients"));
        int degree =
                entry.has("polynomialDegree") ? entry.get("polynomialDegree").intValue() : 0;

        List<double[]> rows = readCsv(entry.get("file").stringValue());
        int n = rows.size();
        int d = coefficients.length;
        double[] features = new double[n * d];
        double[] targets = new double[n];
        for (int i = 0; i < n; i++) {
            double[] row = rows.get(i);
            targets[i] = row[0];
            if (degree > 0) {
                double power = 1.0;
                for (int k = 0; k < degree; k++) {
                    power *= row[1];
                    features[i * d + k] = power;
                }
            } else {
                System.arraycopy(row, 1, features, i * d, d);
            }
        }
        if (degree > 0 && degree != d) {
            throw new IllegalStateException(key + ": degree " + degree + " but " + d + " coefficients");
        }
        return new NistDataset(
                entry.get("name").stringValue(),
                new Dataset(features, d, targets),
                hasIntercept,
                new Weights(intercept, coefficients));
    }

    /** The keys of all eleven datasets in {@code certified.json}, in NIST's order of difficulty. */
    public static List<String> keys() {
        return List.of(
                "norris",
                "pontius",
                "noint1",
                "noint2",
                "longley",
                "filip",
                "wampler1",
                "wampler2",
                "wampler3",
                "wampler4",
                "wampler5");
    }

    /**
     * The log relative error {@code −log10(|estimate − certified| / |certified|)}, or {@code −log10|estimate|}
     * when the certified value is 0, capped at {@link #MAX_LRE}: about the number of agreeing significant
     * digits (McCullough, "Assessing the reliability of statistical software", The American Statistician
     * 52, 1998).
     */
    public static double lre(double estimate, double certified) {
        double error = certified == 0 ? Math.abs(estimate) : Math.abs(estimate - certified) / Math.abs(certified);
        if (Double.isNaN(error)) {
            return 0.0;
        }
        if (error == 0) {
            return MAX_LRE;
        }
        return Math.max(0.0, Math.min(MAX_LRE, -Math.log10(error)));
    }

    /** The smallest LRE over the certified weights (the intercept only when the model has one). */
    public double minLre(Weights estimate) {
        double min = hasIntercept ? lre(estimate.intercept(), certified.intercept()) : MAX_LRE;
        double[] got = estimate.coefficients();
        double[] want = certified.coefficients();
        for (int j = 0; j < want.length; j++) {
            min = Math.min(min, lre(got[j], want[j]));
        }
        return min;
    }

    private static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).doubleValue();
        }
        return out;
    }

    private static List<double[]> readCsv(String file) {
        String text = resource(file);
        List<double[]> rows = new ArrayList<>();
        String[] lines = text.split("\\R");
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] cells = line.split(",");
            double[] row = new double[cells.length];
            for (int j = 0; j < cells.length; j++) {
                row[j] = Double.parseDouble(cells[j]);
            }
            rows.add(row);
        }
        return rows;
    }

    private static String resource(String file) {
        try (InputStream in = NistDataset.class.getResourceAsStream("/nist/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /nist/" + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
