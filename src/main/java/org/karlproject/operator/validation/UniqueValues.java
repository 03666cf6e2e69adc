package org.karlproject.operator.validation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Finds list entries whose key (after a normalisation) repeats an earlier entry's. */
final class UniqueValues {
    /** A repeated key: the entry at {@code index} repeats the one at {@code firstIndex}. */
    record Duplicate(int firstIndex, int index, String key) {
    }

    private UniqueValues() {
    }

    static <T> List<Duplicate> duplicates(List<T> values, Function<T, String> key) {
        Map<String, Integer> first = new HashMap<>();
        List<Duplicate> duplicates = new java.util.ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            String k = key.apply(values.get(i));
            if (k == null) {
                continue;
            }
            Integer earlier = first.putIfAbsent(k, i);
            if (earlier != null) {
                duplicates.add(new Duplicate(earlier, i, k));
            }
        }
        return duplicates;
    }
}
