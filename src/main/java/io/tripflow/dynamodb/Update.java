package io.tripflow.dynamodb;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An UpdateItem's expression and placeholders, built up from attribute maps in which a null value
 * means "remove": so that a newer version of something never leaves an older version's fields behind.
 */
public final class Update {

    private final Map<String, String> names = new HashMap<>();
    private final Map<String, AttributeValue> values = new HashMap<>();
    private final List<String> sets = new ArrayList<>();
    private final List<String> removes = new ArrayList<>();
    private int next;

    /** Sets each attribute to its value, or removes it where the value is null. */
    public Update setOrRemove(Map<String, AttributeValue> attributes) {
        for (Map.Entry<String, AttributeValue> attribute : attributes.entrySet()) {
            String name = "#u" + next;
            names.put(name, attribute.getKey());
            if (attribute.getValue() == null) {
                removes.add(name);
            } else {
                sets.add(name + " = :u" + next);
                values.put(":u" + next, attribute.getValue());
            }
            next++;
        }
        return this;
    }

    /** A SET clause of its own, such as {@code #a = if_not_exists(#a, :a)}, over placeholders given with {@link #name}/{@link #value}. */
    public Update set(String clause) {
        sets.add(clause);
        return this;
    }

    public Update name(String placeholder, String attribute) {
        names.put(placeholder, attribute);
        return this;
    }

    public Update value(String placeholder, AttributeValue value) {
        values.put(placeholder, value);
        return this;
    }

    public String expression() {
        return "SET " + String.join(", ", sets) + (removes.isEmpty() ? "" : " REMOVE " + String.join(", ", removes));
    }

    public Map<String, String> names() {
        return names;
    }

    public Map<String, AttributeValue> values() {
        return values;
    }
}
