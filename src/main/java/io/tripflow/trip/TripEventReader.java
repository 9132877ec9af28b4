package io.tripflow.trip;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tripflow.dynamodb.NumberBounds;

/**
 * Reads raw records (as they come off the stream) into trip halves: the routes' entry to
 * {@link TripEventParser}. Records that are not JSON become permanent failures with the reason.
 */
public class TripEventReader {

    /** Events stamped further ahead than this are rejected as clock errors. */
    private static final Duration MAX_FUTURE_SKEW = Duration.ofDays(1);

    private final ObjectMapper json;
    private final TripEventParser parser;

    public TripEventReader(ObjectMapper json, TripEventParser parser) {
        this.json = json;
        this.parser = parser;
    }

    /** The reader of tripflow's flows: this JSON reader, and the trip rules on this clock. */
    public static TripEventReader of(ObjectMapper json, Clock clock, NumberBounds numbers) {
        return new TripEventReader(json, new TripEventParser(clock, MAX_FUTURE_SKEW, numbers));
    }

    public TripStart start(byte[] record) {
        return parser.parseStart(read(record));
    }

    public TripEnd end(byte[] record) {
        return parser.parseEnd(read(record));
    }

    /** The {@code event_type} of a record on the single mixed stream, or "" when it has none. */
    public String eventType(byte[] record) {
        JsonNode event = read(record);
        if (!event.isObject()) {
            throw new InvalidTripEventException("SCHEMA_VIOLATION", "event is a JSON " + event.getNodeType().name().toLowerCase() + ", not an object");
        }
        JsonNode type = event.get("event_type");
        return type != null && type.isTextual() ? type.asText() : "";
    }

    private JsonNode read(byte[] record) {
        JsonNode event;
        try {
            event = json.readTree(record);
        } catch (JsonProcessingException e) {
            throw new InvalidTripEventException("MALFORMED_JSON", List.of("not valid JSON: " + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new InvalidTripEventException("MALFORMED_JSON", List.of("unreadable record: " + e.getMessage()));
        }
        if (event == null || event.isMissingNode()) {
            throw new InvalidTripEventException("MALFORMED_JSON", "empty record");
        }
        return event;
    }
}
