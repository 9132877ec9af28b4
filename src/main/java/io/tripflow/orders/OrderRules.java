package io.tripflow.orders;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a row's schema cannot say, checked after it: its times are real calendar times (the schema
 * only checks their form), and what is worth a warning but not a rejection. A warning is counted
 * in the file's report; the row is still stored.
 */
public final class OrderRules {

    /** The row's verdict: its problems (it is rejected when there is any) and its warnings. */
    public record Verdict(List<String> problems, List<String> warnings) {
        public boolean rejected() {
            return !problems.isEmpty();
        }
    }

    private OrderRules() {
    }

    public static Verdict check(OrderFileKind kind, JsonNode row) {
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = row.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().endsWith("_at") && !isCalendarTime(field.getValue().asText())) {
                problems.add(field.getKey() + " '" + field.getValue().asText() + "' is not a real date and time");
            }
        }
        if (kind == OrderFileKind.PRODUCTS && row.path("brand").asText("").isBlank()) {
            warnings.add("no brand");
        }
        return new Verdict(List.copyOf(problems), List.copyOf(warnings));
    }

    /** 2025-03-30T16:14:26 (no zone: UTC) or with an offset; 2025-02-30T00:00:00 is not one. */
    static boolean isCalendarTime(String text) {
        try {
            LocalDateTime.parse(text);
            return true;
        } catch (DateTimeParseException local) {
            try {
                OffsetDateTime.parse(text);
                return true;
            } catch (DateTimeParseException offset) {
                return false;
            }
        }
    }
}
