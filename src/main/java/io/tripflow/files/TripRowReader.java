package io.tripflow.files;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.tripflow.replay.TripEventRecord;

/**
 * Turns one row of a trip file into the event that goes onto the stream, in normalised form:
 * timestamps as ISO-8601 UTC, numbers exactly as BigDecimal reads them ({@code 0E-9}, a leading
 * {@code +}, 15 decimals), empty cells as null, ids as text. A row it cannot read (wrong number of
 * fields, a timestamp no configured form reads, a number that is none) is rejected with the reason;
 * whether the event is a valid trip half is for the stream's flow to judge, as for any event.
 */
public final class TripRowReader {

    /** A row's outcome: the event, or why there is none. */
    public record Outcome(TripEventRecord event, String rejection) {
        public boolean rejected() {
            return rejection != null;
        }
    }

    private static final JsonFactory JSON = new JsonFactory();
    private static final Set<String> TEXT = Set.of("trip_id");
    private static final Set<String> TIMESTAMPS = Set.of("pickup_datetime", "estimated_dropoff_datetime", "dropoff_datetime", "event_time");

    private final FileKind kind;
    private final List<String> header;
    private final TimestampFormats timestamps;

    public TripRowReader(FileKind kind, List<String> header, TimestampFormats timestamps) {
        this.kind = kind;
        this.header = header.stream().map(String::trim).toList();
        this.timestamps = timestamps;
    }

    public Outcome read(List<String> fields) {
        if (fields.size() != header.size()) {
            return rejected(fields.size() + " fields, the header has " + header.size());
        }
        StringWriter out = new StringWriter();
        String tripId = "";
        Instant eventTime = null;
        List<String> problems = new ArrayList<>();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("event_type", kind.side().eventType());
            for (int i = 0; i < header.size(); i++) {
                String column = header.get(i);
                if (!kind.columns().contains(column)) {
                    continue;
                }
                String value = fields.get(i).trim();
                json.writeFieldName(column);
                if (value.isEmpty()) {
                    json.writeNull();
                } else if (TEXT.contains(column)) {
                    json.writeString(value);
                    tripId = value;
                } else if (TIMESTAMPS.contains(column)) {
                    Instant at = timestamps.parse(value).orElse(null);
                    if (at == null) {
                        problems.add(column + " '" + value + "' is a timestamp in no configured form");
                        json.writeNull();
                    } else {
                        json.writeString(at.toString());
                        if (column.equals(kind.eventTimeColumn())) {
                            eventTime = at;
                        }
                    }
                } else {
                    BigDecimal number = number(value);
                    if (number == null) {
                        problems.add(column + " '" + value + "' is not a number");
                        json.writeNull();
                    } else {
                        json.writeNumber(number.toPlainString());
                    }
                }
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!problems.isEmpty()) {
            return rejected(String.join("; ", problems));
        }
        return new Outcome(new TripEventRecord(kind.side(), tripId, eventTime, out.toString()), null);
    }

    private static BigDecimal number(String value) {
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Outcome rejected(String reason) {
        return new Outcome(null, reason);
    }
}
