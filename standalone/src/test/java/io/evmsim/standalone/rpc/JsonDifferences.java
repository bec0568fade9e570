package io.evmsim.standalone.rpc;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Field-by-field comparison of two JSON answers. Members named in {@code ignored} (by name, or by
 * full path such as {@code $.result.gas}) are the
 * documented differences (values a simulation on forked state cannot reproduce, such as block
 * hashes over a state root); every other member must be present on both sides with the same value.
 * Hex strings compare case-insensitively (addresses are checksummed by some nodes).
 */
final class JsonDifferences {
    private JsonDifferences() {
    }

    static List<String> between(JsonNode expected, JsonNode actual, Set<String> ignored) {
        List<String> differences = new ArrayList<>();
        compare("$", expected, actual, ignored, differences);
        return differences;
    }

    private static void compare(String path, JsonNode expected, JsonNode actual, Set<String> ignored,
            List<String> differences) {
        if (expected == null || actual == null) {
            if (expected != actual) {
                differences.add(path + ": " + (expected == null ? "only ours has " + actual
                        : "ours lacks " + expected));
            }
            return;
        }
        if (expected.isObject() && actual.isObject()) {
            Set<String> names = new java.util.TreeSet<>(expected.propertyNames());
            names.addAll(actual.propertyNames());
            for (String name : names) {
                if (!ignored.contains(name) && !ignored.contains(path + "." + name)) {
                    compare(path + "." + name, expected.get(name), actual.get(name), ignored, differences);
                }
            }
        } else if (expected.isArray() && actual.isArray()) {
            if (expected.size() != actual.size()) {
                differences.add(path + ": " + expected.size() + " elements, ours " + actual.size());
                return;
            }
            for (int i = 0; i < expected.size(); i++) {
                compare(path + "[" + i + "]", expected.get(i), actual.get(i), ignored, differences);
            }
        } else if (expected.isString() && actual.isString()) {
            if (!expected.stringValue().equalsIgnoreCase(actual.stringValue())) {
                differences.add(path + ": theirs " + expected.stringValue() + ", ours " + actual.stringValue());
            }
        } else if (!expected.equals(actual)) {
            differences.add(path + ": theirs " + expected + ", ours " + actual);
        }
    }
}
