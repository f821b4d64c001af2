package dev.gradfit.model;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The classes a classifier was fitted on, sorted as scikit-learn sorts them ({@code numpy.unique}): numbers in
 * numeric order, text by Unicode code point. Class {@code k} is what the engine's target {@code k} stands for.
 * The labels are all numbers or all text; exactly one of the arrays is present.
 *
 * @param numbers the classes given as numbers, distinct and ascending (no {@code -0.0}), or {@code null}
 * @param names the classes given as text, distinct and in code-point order, or {@code null}
 */
public record Classes(double[] numbers, List<String> names) {

    /** What a logistic model fitted on 0 and 1 stands for, and what models stored without classes mean. */
    public static final Classes ZERO_ONE = ofNumbers(new double[] {0, 1});

    /** Orders text as numpy orders unicode strings: by code point, which is not {@link String#compareTo}'s order. */
    public static final Comparator<String> CODE_POINT_ORDER = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    };

    public Classes {
        if ((numbers == null) == (names == null)) {
            throw new IllegalArgumentException("classes are numbers or names, exactly one of them");
        }
        if (numbers != null) {
            numbers = numbers.clone();
            for (int k = 0; k < numbers.length; k++) {
                if (!Double.isFinite(numbers[k])
                        || Double.doubleToRawLongBits(numbers[k]) == Long.MIN_VALUE
                        || k > 0 && !(numbers[k - 1] < numbers[k])) {
                    throw new IllegalArgumentException("classes must be finite, distinct and ascending, without -0.0");
                }
            }
        } else {
            names = List.copyOf(names);
            for (int k = 1; k < names.size(); k++) {
                if (CODE_POINT_ORDER.compare(names.get(k - 1), names.get(k)) >= 0) {
                    throw new IllegalArgumentException("class names must be distinct and in code-point order");
                }
            }
        }
    }

    /** Classes given as numbers, already distinct and ascending. */
    public static Classes ofNumbers(double[] numbers) {
        return new Classes(numbers, null);
    }

    /** Classes given as text, already distinct and in code-point order. */
    public static Classes ofNames(List<String> names) {
        return new Classes(null, names);
    }

    /** The number of classes. */
    public int count() {
        return numbers != null ? numbers.length : names.size();
    }

    /** Whether the classes were given as text. */
    public boolean named() {
        return names != null;
    }

    /**
     * Class {@code k} as JSON writes it: its name, or its number ({@link Long} when it is a whole number a
     * double holds exactly, so that 0 and 1 are written as they were before classes had names).
     */
    public Object label(int k) {
        if (names != null) {
            return names.get(k);
        }
        double number = numbers[k];
        return number == Math.rint(number) && Math.abs(number) <= 0x1p53 ? (Object) (long) number : (Object) number;
    }

    /** Whether every class is a whole number an {@code int} holds, as 0 and 1 are: labels then answer as ints. */
    public boolean wholeNumbers() {
        if (numbers == null) {
            return false;
        }
        for (double number : numbers) {
            if (number != Math.rint(number) || Math.abs(number) > Integer.MAX_VALUE) {
                return false;
            }
        }
        return true;
    }

    /** Class {@code k} as text, for plots and tables. */
    public String text(int k) {
        return String.valueOf(label(k));
    }

    /** The index of the class named {@code name}, or -1. */
    public int indexOf(String name) {
        if (names == null) {
            return -1;
        }
        int k = java.util.Collections.binarySearch(names, name, CODE_POINT_ORDER);
        return k >= 0 ? k : -1;
    }

    /** The index of the class {@code number}, or -1. */
    public int indexOf(double number) {
        if (numbers == null) {
            return -1;
        }
        int k = Arrays.binarySearch(numbers, number + 0.0);
        return k >= 0 ? k : -1;
    }

    /** Returns a copy, or {@code null}. */
    @Override
    public double[] numbers() {
        return numbers == null ? null : numbers.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Classes c && Arrays.equals(numbers, c.numbers) && Objects.equals(names, c.names);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(numbers) + Objects.hashCode(names);
    }

    @Override
    public String toString() {
        return "Classes" + (names != null ? names : Arrays.toString(numbers));
    }
}
