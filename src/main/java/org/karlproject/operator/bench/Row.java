package org.karlproject.operator.bench;

/**
 * One line of the figures table.
 *
 * @param id     the measurement (M1..M6)
 * @param metric what was measured
 * @param value  its runs
 * @param unit   e.g. {@code ms}
 * @param target the target, or empty
 * @param met    whether the target is met ({@code null}: no target)
 */
record Row(String id, String metric, Sample value, int decimals, String unit, String target, Boolean met) {

    static Row of(String id, String metric, Sample value, int decimals, String unit) {
        return new Row(id, metric, value, decimals, unit, "", null);
    }

    Row target(String text, boolean isMet) {
        return new Row(id, metric, value, decimals, unit, text, isMet);
    }

    String verdict() {
        return met == null ? "" : met ? "met" : "MISSED";
    }
}
