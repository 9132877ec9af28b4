package io.tripflow.trip.files;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.tripflow.trip.TimestampFormats;
import io.tripflow.trip.TripHalf;

/**
 * One CSV row as the JSON event that goes onto a stream. Numbers are written with the digits the
 * file has (no double rounding); empty cells become null; trip_id stays text; timestamps that the
 * given formats read are written as ISO-8601 UTC. A cell that should be a number or a timestamp but
 * is not is written as the text it is, so the pipeline dead-letters it with a reason instead of the
 * replayer silently dropping it.
 */
public record TripEventRecord(TripHalf.Side side, String tripId, Instant eventTime, String json) {

    private static final JsonFactory JSON = new JsonFactory();

    /** Start events at their pick-up time, end events at their drop-off, in one time line. */
    public static final Comparator<TripEventRecord> BY_EVENT_TIME =
            Comparator.comparing(TripEventRecord::eventTime, Comparator.nullsLast(Comparator.naturalOrder()));

    /** A row whose timestamps are in the forms every event may use. */
    public static TripEventRecord of(TripHalf.Side side, Map<String, String> row) {
        return of(side, row, TimestampFormats.BUILT_IN);
    }

    public static TripEventRecord of(TripHalf.Side side, Map<String, String> row, TimestampFormats timestamps) {
        Instant eventTime = Optional.ofNullable(row.get(side.timeField())).flatMap(timestamps::parse).orElse(null);
        return new TripEventRecord(side, row.getOrDefault("trip_id", ""), eventTime, toJson(side, row, timestamps));
    }

    /** Both files' events interleaved by event time, as they would have happened. */
    public static List<TripEventRecord> interleave(List<Map<String, String>> startRows, List<Map<String, String>> endRows) {
        return interleave(startRows, endRows, TimestampFormats.BUILT_IN);
    }

    public static List<TripEventRecord> interleave(List<Map<String, String>> startRows, List<Map<String, String>> endRows,
            TimestampFormats timestamps) {
        return Stream.concat(
                        startRows.stream().map(row -> of(TripHalf.Side.START, row, timestamps)),
                        endRows.stream().map(row -> of(TripHalf.Side.END, row, timestamps)))
                .sorted(BY_EVENT_TIME)
                .toList();
    }

    private static String toJson(TripHalf.Side side, Map<String, String> row, TimestampFormats timestamps) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("event_type", side.eventType());
            for (Map.Entry<String, String> cell : row.entrySet()) {
                String value = cell.getValue();
                json.writeFieldName(cell.getKey());
                if (cell.getKey().equals("trip_id")) {
                    json.writeString(value);
                } else if (TripHalf.TIMESTAMP_FIELDS.contains(cell.getKey()) && !value.isEmpty()) {
                    json.writeString(timestamps.parse(value).map(Instant::toString).orElse(value));
                } else if (value.isEmpty()) {
                    json.writeNull();
                } else if (isNumber(value)) {
                    json.writeNumber(value);
                } else {
                    json.writeString(value);
                }
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static boolean isNumber(String value) {
        try {
            new BigDecimal(value);
            // BigDecimal accepts forms JSON does not ("+1", "1."); keep only JSON's number grammar.
            return value.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
