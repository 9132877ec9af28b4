package io.tripflow.orders;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.tripflow.intake.Finding;

/**
 * What a row's schema cannot say, checked after it: its times are real calendar times (the schema
 * only checks their form) from 1970 to a day ahead (each order date is a KPI run, a record and a
 * mark that every poll reads: a file of dates from 0001 to 9999 would make millions of them), and
 * what is worth a warning but not a rejection. A warning is counted in the file's report; the row
 * is still stored.
 */
public final class OrderRules {

    /** The row's verdict: its problems (it is rejected when there is any) and its warnings. */
    public record Verdict(List<Finding> problems, List<Finding> warnings) {
        public boolean rejected() {
            return !problems.isEmpty();
        }
    }

    private OrderRules() {
    }

    /** Anything earlier is a corrupt timestamp, not an old order. */
    static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    /** Clocks disagree; a day ahead is a clock error or a made-up date. */
    static final Duration MAX_AHEAD = Duration.ofDays(1);

    public static Verdict check(OrderFileKind kind, JsonNode row, Instant now) {
        List<Finding> problems = new ArrayList<>();
        List<Finding> warnings = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = row.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().endsWith("_at")) {
                String text = field.getValue().asText();
                Optional<Instant> at = instantOf(text);
                if (at.isEmpty()) {
                    problems.add(new Finding("real_time", field.getKey() + " '" + text + "' is not a real date and time"));
                } else if (at.get().isBefore(EARLIEST)) {
                    problems.add(new Finding("time_range", field.getKey() + " '" + text + "' is before 1970"));
                } else if (at.get().isAfter(now.plus(MAX_AHEAD))) {
                    problems.add(new Finding("time_range", field.getKey() + " '" + text + "' is in the future"));
                }
            }
        }
        if (kind == OrderFileKind.PRODUCTS && row.path("brand").asText("").isBlank()) {
            warnings.add(new Finding("brand", "no brand"));
        }
        return new Verdict(List.copyOf(problems), List.copyOf(warnings));
    }

    /** 2025-03-30T16:14:26 (no zone: UTC) or with an offset; 2025-02-30T00:00:00 is none. */
    static Optional<Instant> instantOf(String text) {
        try {
            return Optional.of(LocalDateTime.parse(text).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException local) {
            try {
                return Optional.of(OffsetDateTime.parse(text).toInstant());
            } catch (DateTimeParseException offset) {
                return Optional.empty();
            }
        }
    }
}
