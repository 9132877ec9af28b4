package io.tripflow.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Repeated measurements of one figure: mean and spread (min–max), with the number of runs. */
record Figures(List<Double> values) {

    double mean() {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    double min() {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    double max() {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    String format(String pattern) {
        String mean = String.format(Locale.ROOT, pattern, mean());
        return values.size() == 1 ? mean
                : mean + " (" + String.format(Locale.ROOT, pattern, min()) + "–" + String.format(Locale.ROOT, pattern, max()) + ")";
    }

    /** The standard error of the mean: how far the mean of this many runs may be from the true one. */
    double standardError() {
        int n = values.size();
        double mean = mean();
        double squares = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
        return Math.sqrt(squares / (n - 1)) / Math.sqrt(n);
    }

    /** Like {@link #format}, followed by "± standard error". */
    String formatWithError(String pattern) {
        return format(pattern) + " ± " + String.format(Locale.ROOT, pattern, standardError());
    }

    /** Each run's a ÷ b, for figures measured in pairs within one run. */
    static Figures ratios(double[] a, double[] b) {
        Double[] each = new Double[a.length];
        for (int i = 0; i < a.length; i++) {
            each[i] = a[i] / b[i];
        }
        return new Figures(List.of(each));
    }

    int runs() {
        return values.size();
    }

    static List<Double> list(double[] values) {
        List<Double> list = new ArrayList<>();
        for (double v : values) {
            list.add(v);
        }
        return list;
    }

    static String joined(double[] values) {
        return joined(list(values));
    }

    /** Figures in the order they were measured, e.g. "368 → 480 → 676". */
    static String joined(List<Double> values) {
        return joined(values, " → ");
    }

    static String joined(List<Double> values, String separator) {
        List<String> each = new ArrayList<>();
        for (double v : values) {
            each.add(String.format(Locale.ROOT, "%.0f", v));
        }
        return String.join(separator, each);
    }

    /** "core 0 + core 1 = machine", e.g. "610 + 820 = 1430". */
    static String coreSum(double[] perCore) {
        return joined(list(perCore), " + ") + String.format(Locale.ROOT, " = %.0f", Arrays.stream(perCore).sum());
    }

    /** Whether the last of a series of warm-up rates beat the one before by more than a tenth. */
    static boolean stillRising(List<Double> rates) {
        int n = rates.size();
        return n < 2 || rates.get(n - 1) > 1.1 * rates.get(n - 2);
    }
}
