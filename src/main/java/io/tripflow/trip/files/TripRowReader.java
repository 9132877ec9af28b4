package io.tripflow.trip.files;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.tripflow.dynamodb.NumberBounds;
import io.tripflow.intake.Finding;
import io.tripflow.trip.TimestampFormats;
import io.tripflow.trip.TripEventParser;
import io.tripflow.trip.TripHalf;

/**
 * Turns one row of a trip file into the events that go onto the streams, in normalised form:
 * timestamps as ISO-8601 UTC, numbers exactly as BigDecimal reads them ({@code 0E-9}, a leading
 * {@code +}, 15 decimals), empty cells as null, ids as text. A row of a half's file is one event; a
 * whole-trip row is a start event (marked {@code "source": "whole_trip"}, which is what lets it come
 * without estimates) and an end event, both under the row's trip_id or, lacking one, the id
 * {@link WholeTripId} derives. A row it cannot read (wrong number of fields, a timestamp no
 * configured form reads, a number that is none or beyond the {@link NumberBounds}) is rejected with
 * the reason, which quotes at most {@value #QUOTED_CHARS} characters of the cell; whether the events are
 * valid trip halves is for the stream's flow to judge, as for any event.
 */
public final class TripRowReader {

    /** A row's outcome: its events, or the rules it broke. */
    public record Outcome(List<TripEventRecord> events, List<Finding> findings) {
        public boolean rejected() {
            return !findings.isEmpty();
        }

        /** Why the row was rejected; null when it was not. */
        public String rejection() {
            return rejected() ? Finding.reason(findings) : null;
        }
    }

    private static final JsonFactory JSON = new JsonFactory();
    private static final String TRIP_ID = "trip_id";
    /** How much of an unreadable cell a rejection quotes: a cell may be a megabyte long. */
    static final int QUOTED_CHARS = 40;

    private final FileKind kind;
    private final List<String> header;
    private final TimestampFormats timestamps;
    private final NumberBounds numbers;
    private final Instant uploadedAt;

    /** @param uploadedAt the file's S3 LastModified, carried by each event (its version's tie-break), or null */
    public TripRowReader(FileKind kind, List<String> header, TimestampFormats timestamps, NumberBounds numbers, Instant uploadedAt) {
        this.kind = kind;
        this.header = header.stream().map(String::trim).toList();
        this.timestamps = timestamps;
        this.numbers = numbers;
        this.uploadedAt = uploadedAt;
    }

    public Outcome read(List<String> fields) {
        if (fields.size() != header.size()) {
            return new Outcome(List.of(), List.of(new Finding("field_count", fields.size() + " fields, the header has " + header.size())));
        }
        Map<String, Object> cells = new LinkedHashMap<>();
        List<Finding> problems = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String column = header.get(i);
            if (kind.columns().contains(column)) {
                cells.put(column, cell(column, fields.get(i).trim(), problems));
            }
        }
        if (!problems.isEmpty()) {
            return new Outcome(List.of(), problems);
        }
        String tripId = cells.get(TRIP_ID) instanceof String id ? id : "";
        if (kind == FileKind.WHOLE_TRIP && tripId.isEmpty()) {
            tripId = WholeTripId.of(cells);
            cells.put(TRIP_ID, tripId);
        }
        List<TripEventRecord> events = new ArrayList<>();
        for (TripHalf.Side side : kind.sides()) {
            Instant eventTime = cells.get(side.timeField()) instanceof Instant at ? at : null;
            events.add(new TripEventRecord(side, tripId, eventTime, json(side, cells)));
        }
        return new Outcome(events, List.of());
    }

    /** A cell as text (trip_id), an instant, a number or null (empty or unreadable, the latter with a problem). */
    private Object cell(String column, String value, List<Finding> problems) {
        if (value.isEmpty()) {
            return null;
        }
        if (column.equals(TRIP_ID)) {
            if (value.length() > TripHalf.MAX_TRIP_ID_CHARS) {
                problems.add(new Finding("trip_id_length", "trip_id " + quoted(value) + " has " + value.length()
                        + " characters, more than a trip id may have (" + TripHalf.MAX_TRIP_ID_CHARS + ")"));
            }
            return value;
        }
        if (TripHalf.TIMESTAMP_FIELDS.contains(column)) {
            Instant at = timestamps.parse(value).orElse(null);
            if (at == null) {
                problems.add(new Finding("timestamp", column + " " + quoted(value) + " is a timestamp in no configured form"));
            }
            return at;
        }
        try {
            return numbers.parse(value);
        } catch (NumberFormatException unreadable) {
            problems.add(new Finding("number", column + " " + unreadable.getMessage()));
            return null;
        }
    }

    static String quoted(String cell) {
        return "'" + (cell.length() <= QUOTED_CHARS ? cell : cell.substring(0, QUOTED_CHARS) + "…") + "'";
    }

    private String json(TripHalf.Side side, Map<String, Object> cells) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("event_type", side.eventType());
            if (kind == FileKind.WHOLE_TRIP && side == TripHalf.Side.START) {
                json.writeStringField("source", TripEventParser.WHOLE_TRIP_SOURCE);
            }
            if (uploadedAt != null) {
                json.writeStringField(TripEventParser.UPLOADED_AT, uploadedAt.toString());
            }
            for (Map.Entry<String, Object> cell : cells.entrySet()) {
                if (!kind.carries(side, cell.getKey())) {
                    continue;
                }
                json.writeFieldName(cell.getKey());
                switch (cell.getValue()) {
                    case null -> json.writeNull();
                    case BigDecimal number -> json.writeNumber(number.toPlainString());
                    default -> json.writeString(cell.getValue().toString());
                }
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
