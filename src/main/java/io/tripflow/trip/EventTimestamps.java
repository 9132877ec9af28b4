package io.tripflow.trip;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.Optional;

/**
 * The timestamp forms trip events carry: ISO-8601 with or without an offset, and the data set's
 * {@code yyyy-MM-dd HH:mm:ss}. A time without an offset is UTC. Calendar-impossible values such as
 * 2024-02-30 or 25:61 are rejected (ISO parsing resolves strictly), never rolled over.
 */
public final class EventTimestamps {

    /** Fixed width, so that versions built from it compare correctly as strings in DynamoDB. */
    private static final DateTimeFormatter SORTABLE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private EventTimestamps() {
    }

    public static Optional<Instant> parse(String text) {
        String iso = text.length() > 10 && text.charAt(10) == ' '
                ? text.substring(0, 10) + 'T' + text.substring(11)
                : text;
        try {
            TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(iso, OffsetDateTime::from, LocalDateTime::from);
            return Optional.of(parsed instanceof OffsetDateTime withOffset
                    ? withOffset.toInstant()
                    : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    public static String sortable(Instant instant) {
        return SORTABLE.format(instant);
    }
}
