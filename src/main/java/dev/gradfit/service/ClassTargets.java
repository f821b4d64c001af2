package dev.gradfit.service;

import dev.gradfit.formats.Targets;
import dev.gradfit.model.Classes;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Turns a classifier's targets, numbers or names, into the class indices the engine fits ({@code 0..K-1}) and
 * the {@link Classes} the model keeps, and applies class weights to the sample weights.
 *
 * <p>The classes are y's distinct values, sorted as scikit-learn sorts them; a continued fit keeps its parent's
 * classes and refuses a value the parent lacks. A logistic fit on numbers within {0, 1} has the classes 0 and 1,
 * whichever of them y holds, so a fit on all ones still means class 1.
 */
public final class ClassTargets {

    /** The longest label quoted in an error; longer ones are cut. */
    private static final int QUOTED_LABEL = 40;

    /**
     * The engine's targets and the model's classes.
     *
     * @param y one class index per point
     * @param classes what the indices stand for
     * @param counts the points of each class, unweighted
     */
    public record Encoded(double[] y, Classes classes, long[] counts) {}

    /**
     * Class weights as asked for: scikit-learn's {@code "balanced"}, or a weight per class label (a class left out
     * weighs 1).
     *
     * @param balanced whether each class weighs {@code n / (K·count)}, K the classes y holds
     * @param weights the weight of each class by its label as JSON keys give it (numbers as their text), or
     *     {@code null} when balanced
     */
    public record ClassWeights(boolean balanced, Map<String, Double> weights) {}

    private ClassTargets() {}

    /**
     * @param y the targets as sent
     * @param twoClasses whether the loss takes exactly two classes (logistic) rather than 2 to {@code maxClasses}
     * @param parent the classes of the model the fit continues, or {@code null} for a fresh fit
     * @return the encoded targets, or {@code null} after adding to {@code errors}
     */
    public static Encoded encode(
            Targets y, boolean twoClasses, Classes parent, int maxClasses, List<FieldError> errors) {
        if (parent != null) {
            return encodeAgainst(y, parent, errors);
        }
        Classes classes = y.isLabelled()
                ? named(y.labels(), maxClasses, errors)
                : numbered(y.numbers(), twoClasses, maxClasses, errors);
        if (classes == null) {
            return null;
        }
        int k = classes.count();
        if (k < 2) {
            errors.add(new FieldError(
                    "y", "holds one class (" + quote(classes.text(0)) + "); a classifier needs at least two"));
            return null;
        }
        if (twoClasses && k > 2) {
            errors.add(new FieldError(
                    "y", "holds " + k + " classes; the logistic loss takes two (the softmax loss takes more)"));
            return null;
        }
        return encodeAgainst(y, classes, errors);
    }

    /** The indices of y's values among {@code classes}; a value not among them is refused, naming the first. */
    private static Encoded encodeAgainst(Targets y, Classes classes, List<FieldError> errors) {
        int n = y.size();
        double[] codes = new double[n];
        long[] counts = new long[classes.count()];
        if (y.isLabelled() != classes.named()) {
            errors.add(new FieldError(
                    "y",
                    y.isLabelled()
                            ? "holds labels (strings), but the model this fit continues has numbered classes"
                            : "holds numbers, but the model this fit continues has classes named by strings"));
            return null;
        }
        String[] labels = y.labels();
        double[] numbers = y.numbers();
        int last = -1;
        String lastLabel = null;
        for (int i = 0; i < n; i++) {
            int k;
            if (labels != null) {
                // Labels come in runs and share their String, so the last lookup usually answers.
                k = labels[i] == lastLabel ? last : classes.indexOf(labels[i]);
                lastLabel = labels[i];
            } else {
                k = classes.indexOf(numbers[i]);
            }
            if (k < 0) {
                errors.add(new FieldError(
                        "y[" + i + "]",
                        "is " + (labels != null ? quote(labels[i]) : number(numbers[i]))
                                + ", not one of the model's classes " + list(classes)));
                return null;
            }
            last = k;
            codes[i] = k;
            counts[k]++;
        }
        return new Encoded(codes, classes, counts);
    }

    private static Classes named(String[] labels, int maxClasses, List<FieldError> errors) {
        TreeSet<String> distinct = new TreeSet<>(Classes.CODE_POINT_ORDER);
        String last = null;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != last && distinct.add(labels[i]) && distinct.size() > maxClasses) {
                errors.add(tooMany("y[" + i + "]", maxClasses));
                return null;
            }
            last = labels[i];
        }
        return Classes.ofNames(List.copyOf(distinct));
    }

    private static Classes numbered(double[] y, boolean twoClasses, int maxClasses, List<FieldError> errors) {
        if (twoClasses && zeroOne(y)) {
            return Classes.ZERO_ONE;
        }
        Map<Double, Boolean> distinct = new HashMap<>();
        for (int i = 0; i < y.length; i++) {
            if (distinct.putIfAbsent(y[i] + 0.0, Boolean.TRUE) == null && distinct.size() > maxClasses) {
                errors.add(tooMany("y[" + i + "]", maxClasses));
                return null;
            }
        }
        double[] sorted = distinct.keySet().stream()
                .mapToDouble(Double::doubleValue)
                .sorted()
                .toArray();
        return Classes.ofNumbers(sorted);
    }

    private static boolean zeroOne(double[] y) {
        for (double value : y) {
            if (value != 0.0 && value != 1.0) {
                return false;
            }
        }
        return true;
    }

    private static FieldError tooMany(String field, int maxClasses) {
        return new FieldError(
                field,
                "is class number " + (maxClasses + 1) + ": a classifier takes at most gradfit.fit.max-classes ("
                        + maxClasses + ") classes");
    }

    /**
     * The sample weights multiplied by the class weights: a new array (the given weights, or ones, are not
     * changed), or the given weights when there are no class weights.
     *
     * @return the weights, or {@code null} after adding to {@code errors} or when there are no weights at all
     */
    public static double[] weigh(
            Encoded encoded, double[] sampleWeights, ClassWeights classWeights, List<FieldError> errors) {
        if (classWeights == null) {
            return sampleWeights;
        }
        Classes classes = encoded.classes();
        double[] perClass = new double[classes.count()];
        Arrays.fill(perClass, 1.0);
        if (classWeights.balanced()) {
            long present = Arrays.stream(encoded.counts()).filter(c -> c > 0).count();
            for (int k = 0; k < perClass.length; k++) {
                long count = encoded.counts()[k];
                perClass[k] = count == 0 ? 0.0 : (double) encoded.y().length / (present * (double) count);
            }
        } else {
            String[] keyOf = new String[perClass.length];
            for (Map.Entry<String, Double> entry : classWeights.weights().entrySet()) {
                String field = "classWeights." + entry.getKey();
                int k = indexOf(classes, entry.getKey());
                if (k < 0 || encoded.counts()[k] == 0) {
                    // One is enough: a thousand bad keys need not make a thousand errors.
                    errors.add(new FieldError(field, "names a class y does not hold; y holds " + list(classes)));
                    return null;
                }
                if (keyOf[k] != null) {
                    // "1" and "1.0" spell the same numbered class: which weight would win is an accident of order.
                    errors.add(new FieldError(
                            field, "names the class that classWeights." + keyOf[k] + " names already; give it once"));
                    return null;
                }
                keyOf[k] = entry.getKey();
                double weight = entry.getValue() == null ? Double.NaN : entry.getValue();
                if (!(weight >= 0) || !Double.isFinite(weight)) {
                    errors.add(new FieldError(field, "must be a finite number, at least 0"));
                    return null;
                }
                perClass[k] = weight;
            }
        }
        double[] y = encoded.y();
        double[] weights = new double[y.length];
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            weights[i] = (sampleWeights == null ? 1.0 : sampleWeights[i]) * perClass[(int) y[i]];
            sum += weights[i];
        }
        if (errors.isEmpty() && !(sum > 0)) {
            errors.add(new FieldError("classWeights", "leave every point a weight of 0"));
        }
        return weights;
    }

    /** The class a JSON key names: the name itself, or the number it spells for numbered classes. */
    private static int indexOf(Classes classes, String key) {
        if (classes.named()) {
            return classes.indexOf(key);
        }
        try {
            double number = Double.parseDouble(key.strip());
            return Double.isFinite(number) ? classes.indexOf(number) : -1;
        } catch (NumberFormatException notNumber) {
            return -1;
        }
    }

    private static String list(Classes classes) {
        StringBuilder text = new StringBuilder("[");
        int shown = Math.min(classes.count(), 10);
        for (int k = 0; k < shown; k++) {
            text.append(k == 0 ? "" : ", ").append(classes.named() ? quote(classes.text(k)) : classes.text(k));
        }
        return text.append(classes.count() > shown ? ", … (" + classes.count() + " in all)]" : "]")
                .toString();
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) <= 0x1p53
                ? Long.toString((long) value)
                : Double.toString(value);
    }

    private static String quote(String label) {
        String cut = label.length() > QUOTED_LABEL ? label.substring(0, QUOTED_LABEL) + "…" : label;
        return "\"" + cut + "\"";
    }
}
