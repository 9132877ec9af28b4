package io.tripflow.trip;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;


/**
 * Reads a file's timestamps: first the forms every trip event may use (ISO-8601 with or without an
 * offset, none meaning UTC, and {@code yyyy-MM-dd HH:mm:ss}), then the configured java.time patterns,
 * in order. A pattern is applied strictly, so a calendar-impossible value never rolls over into the
 * next month, and a value no form reads stays unread: day-first and month-first are never guessed.
 */
public final class TimestampFormats {

    /** The forms every event may use, and no pattern besides. */
    public static final TimestampFormats BUILT_IN = new TimestampFormats(List.of());

    private final List<DateTimeFormatter> configured;

    /** @param patterns java.time patterns without a zone, read as UTC (e.g. {@code dd-MM-yyyy HH:mm}) */
    public TimestampFormats(List<String> patterns) {
        List<DateTimeFormatter> formatters = new ArrayList<>();
        for (String pattern : patterns) {
            formatters.add(strict(pattern));
        }
        this.configured = List.copyOf(formatters);
    }

    /**
     * A pattern as a strict formatter; {@code yyyy} becomes {@code uuuu}, since a strict year of era
     * needs an era the files never carry.
     *
     * @throws IllegalArgumentException naming the pattern when it is not a valid one
     */
    public static DateTimeFormatter strict(String pattern) {
        try {
            return DateTimeFormatter.ofPattern(pattern.replace('y', 'u')).withResolverStyle(ResolverStyle.STRICT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + pattern + "' is not a java.time pattern: " + e.getMessage(), e);
        }
    }

    public Optional<Instant> parse(String text) {
        String value = text.trim();
        Optional<Instant> common = EventTimestamps.parse(value);
        if (common.isPresent()) {
            return common;
        }
        for (DateTimeFormatter formatter : configured) {
            try {
                return Optional.of(LocalDateTime.parse(value, formatter).toInstant(ZoneOffset.UTC));
            } catch (DateTimeException notThisOne) {
                // the next pattern
            }
        }
        return Optional.empty();
    }
}
