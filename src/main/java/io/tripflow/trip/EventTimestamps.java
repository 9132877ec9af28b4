package io.tripflow.trip;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.Optional;

/**
 * The timestamp forms trip events carry: ISO-8601 with or without an offset, and the data set's
 * {@code yyyy-MM-dd HH:mm:ss}. A time without an offset is UTC. Calendar-impossible values such as
 * 2024-02-30 or 25:61 are rejected (ISO parsing resolves strictly), never rolled over.
 *
 * <p>Every event carries two or three timestamps and every KPI row two, so the common forms
 * (second precision, UTC) are read and written digit by digit; java.time's formatters, several
 * times slower, handle everything else.
 */
public final class EventTimestamps {

    /** Fixed width, so that versions built from it compare correctly as strings in DynamoDB. */
    private static final DateTimeFormatter SORTABLE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final long FIRST_SECOND_OF_YEAR_0 = LocalDate.of(0, 1, 1).toEpochDay() * 86_400;
    private static final long LAST_SECOND_OF_YEAR_9999 = LocalDate.of(10_000, 1, 1).toEpochDay() * 86_400 - 1;

    private EventTimestamps() {
    }

    public static Optional<Instant> parse(String text) {
        Instant common = parseCommonForm(text);
        return common != null ? Optional.of(common) : parseWithFormatter(text);
    }

    /** Any form, through java.time (package-private: the reference the fast path is tested against). */
    static Optional<Instant> parseWithFormatter(String text) {
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

    /**
     * {@code yyyy-MM-dd HH:mm:ss} or {@code yyyy-MM-ddTHH:mm:ss}, optionally ending in Z; null for
     * any other form and for impossible values, which the formatter then judges.
     */
    static Instant parseCommonForm(String text) {
        int length = text.length();
        if (!(length == 19 || length == 20 && text.charAt(19) == 'Z')
                || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != ' ' && text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59 || day > YearMonth.of(year, month).lengthOfMonth()) {
            return null;
        }
        return Instant.ofEpochSecond(LocalDate.of(year, month, day).toEpochDay() * 86_400 + hour * 3_600L + minute * 60L + second);
    }

    /** The number written by {@code count} ASCII digits from {@code start}; -1 if any is not a digit. */
    private static int digits(String text, int start, int count) {
        int value = 0;
        for (int i = start; i < start + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    public static String sortable(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < FIRST_SECOND_OF_YEAR_0 || seconds > LAST_SECOND_OF_YEAR_9999) {
            return sortableWithFormatter(instant);
        }
        LocalDateTime time = LocalDateTime.ofEpochSecond(seconds, instant.getNano(), ZoneOffset.UTC);
        StringBuilder text = new StringBuilder(30);
        pad(text, time.getYear(), 4).append('-');
        pad(text, time.getMonthValue(), 2).append('-');
        pad(text, time.getDayOfMonth(), 2).append('T');
        pad(text, time.getHour(), 2).append(':');
        pad(text, time.getMinute(), 2).append(':');
        pad(text, time.getSecond(), 2).append('.');
        return pad(text, time.getNano(), 9).append('Z').toString();
    }

    /** Through java.time's formatter (package-private: the reference the fast path is tested against). */
    static String sortableWithFormatter(Instant instant) {
        return SORTABLE.format(instant);
    }

    private static StringBuilder pad(StringBuilder text, int value, int width) {
        String digits = Integer.toString(value);
        text.repeat('0', width - digits.length());
        return text.append(digits);
    }
}
