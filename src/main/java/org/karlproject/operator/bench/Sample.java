package org.karlproject.operator.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Repeated measurements of one figure: median, min and max. */
record Sample(List<Double> values) {

    static Sample of(Collection<? extends Number> values) {
        List<Double> sorted = new ArrayList<>(values.stream().map(Number::doubleValue).toList());
        sorted.sort(null);
        return new Sample(List.copyOf(sorted));
    }

    static Sample of(double value) {
        return new Sample(List.of(value));
    }

    double median() {
        int n = values.size();
        return n == 0 ? Double.NaN : n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
    }

    double min() {
        return values.isEmpty() ? Double.NaN : values.get(0);
    }

    double max() {
        return values.isEmpty() ? Double.NaN : values.get(values.size() - 1);
    }

    /** The value at quantile {@code q} (nearest rank), e.g. 0.99. */
    double quantile(double q) {
        return values.isEmpty() ? Double.NaN : values.get(Math.min(values.size() - 1, (int) Math.ceil(q * values.size()) - 1));
    }

    /** {@code median (min..max)}, or the one value. */
    String format(int decimals) {
        String f = "%." + decimals + "f";
        if (values.size() <= 1 || min() == max()) {
            return String.format(f, median());
        }
        return String.format(f + " (" + f + "–" + f + ")", median(), min(), max());
    }
}
