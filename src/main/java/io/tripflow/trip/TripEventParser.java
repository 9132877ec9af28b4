package io.tripflow.trip;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.tripflow.digest.Sha256;
import io.tripflow.dynamodb.NumberBounds;

/**
 * Turns a schema-valid event into a {@link TripHalf}, enforcing the rules a JSON Schema cannot
 * express. It still checks types itself, so that a route edited to skip validation cannot store a
 * half-parsed trip.
 */
public class TripEventParser {

    /** When the file an event came in was uploaded (its S3 LastModified); absent on events off a stream. */
    public static final String UPLOADED_AT = "uploaded_at";

    /** The {@code source} of a start event taken from a whole-trip row, whose estimates are optional. */
    public static final String WHOLE_TRIP_SOURCE = "whole_trip";

    /** Anything earlier is a corrupt timestamp, not an old trip. */
    private static final Instant EARLIEST_PLAUSIBLE = Instant.parse("1970-01-01T00:00:00Z");

    private final Clock clock;
    private final Duration maxFutureSkew;
    private final NumberBounds numbers;

    /** @param numbers what a number field may hold: beyond it, the event is rejected before anything expands the number */
    public TripEventParser(Clock clock, Duration maxFutureSkew, NumberBounds numbers) {
        this.clock = clock;
        this.maxFutureSkew = maxFutureSkew;
        this.numbers = numbers;
    }

    public TripStart parseStart(JsonNode event) {
        Fields f = new Fields(event);
        String tripId = f.tripId();
        Instant pickupAt = f.requiredTime("pickup_datetime");
        // A start taken from a whole-trip row has no estimates: the trip was over before it was known.
        boolean estimated = !WHOLE_TRIP_SOURCE.equals(f.text("source"));
        Instant estimatedDropoffAt = estimated ? f.requiredTime("estimated_dropoff_datetime") : f.optionalTime("estimated_dropoff_datetime");
        BigDecimal fare = estimated ? f.requiredAmount("estimated_fare_amount") : f.optionalAmount("estimated_fare_amount");
        BigDecimal pickupLocation = f.optionalNumber("pickup_location_id");
        BigDecimal dropoffLocation = f.optionalNumber("dropoff_location_id");
        BigDecimal vendor = f.optionalNumber("vendor_id");
        Instant eventTime = f.eventTime(pickupAt);
        Instant uploadedAt = f.optionalTime(UPLOADED_AT);
        if (pickupAt != null && estimatedDropoffAt != null && estimatedDropoffAt.isBefore(pickupAt)) {
            f.problem("estimated_dropoff_datetime is before pickup_datetime");
        }
        f.failIfAny();
        String version = version(eventTime, uploadedAt, TripHalf.Side.START, pickupLocation, dropoffLocation, vendor,
                pickupAt, estimatedDropoffAt, fare);
        return new TripStart(tripId, eventTime, version, pickupLocation, dropoffLocation, vendor,
                pickupAt, estimatedDropoffAt, fare);
    }

    public TripEnd parseEnd(JsonNode event) {
        Fields f = new Fields(event);
        String tripId = f.tripId();
        Instant dropoffAt = f.requiredTime("dropoff_datetime");
        BigDecimal fare = f.requiredAmount("fare_amount");
        BigDecimal rateCode = f.optionalNumber("rate_code");
        BigDecimal passengers = f.optionalNumber("passenger_count");
        BigDecimal distance = f.optionalNumber("trip_distance");
        BigDecimal tip = f.optionalNumber("tip_amount");
        BigDecimal total = f.optionalNumber("total_amount");
        BigDecimal paymentType = f.optionalNumber("payment_type");
        BigDecimal tripType = f.optionalNumber("trip_type");
        Instant eventTime = f.eventTime(dropoffAt);
        Instant uploadedAt = f.optionalTime(UPLOADED_AT);
        f.nonNegative("trip_distance", distance);
        f.nonNegative("tip_amount", tip);
        f.nonNegative("total_amount", total);
        f.failIfAny();
        // total_amount joins the digest only when present, so ends without one keep the versions they always had
        Object[] content = Stream.of(dropoffAt, rateCode, passengers, distance, fare, tip, paymentType, tripType, total)
                .limit(total == null ? 8 : 9).toArray();
        String version = version(eventTime, uploadedAt, TripHalf.Side.END, content);
        return new TripEnd(tripId, eventTime, version, dropoffAt, rateCode, passengers, distance, fare, tip,
                paymentType, tripType, total);
    }

    /** The trip id is the item's key, so the digest covers only the half's own content (see {@link TripVersion}). */
    private static String version(Instant eventTime, Instant uploadedAt, TripHalf.Side side, Object... content) {
        String canonical = side + "|" + Stream.of(content)
                .map(v -> v instanceof BigDecimal d ? d.stripTrailingZeros().toPlainString() : Objects.toString(v, ""))
                .collect(Collectors.joining("|"));
        return TripVersion.of(eventTime, uploadedAt, Sha256.hex(canonical, 8));
    }

    /** Reads fields off one event, collecting every problem so the dead letter lists them all. */
    private final class Fields {
        private final JsonNode event;
        private final List<String> problems = new ArrayList<>();

        Fields(JsonNode event) {
            if (event == null || !event.isObject()) {
                throw new InvalidTripEventException("SCHEMA_VIOLATION", "event is not a JSON object");
            }
            this.event = event;
        }

        String tripId() {
            JsonNode node = event.get("trip_id");
            if (node == null || !node.isTextual() || node.asText().isBlank()) {
                problem("trip_id is missing or not a non-empty string");
                return null;
            }
            return node.asText();
        }

        Instant requiredTime(String field) {
            JsonNode node = event.get(field);
            if (node == null || !node.isTextual()) {
                problem(field + " is missing or not a string");
                return null;
            }
            return time(field, node.asText());
        }

        Instant optionalTime(String field) {
            JsonNode node = event.get(field);
            return node == null || node.isNull() ? null : requiredTime(field);
        }

        BigDecimal optionalAmount(String field) {
            JsonNode node = event.get(field);
            return node == null || node.isNull() ? null : requiredAmount(field);
        }

        /** A text field's value, or null when it is absent or not text. */
        String text(String field) {
            JsonNode node = event.get(field);
            return node != null && node.isTextual() ? node.asText() : null;
        }

        Instant eventTime(Instant halfTime) {
            JsonNode node = event.get("event_time");
            if (node == null || node.isNull()) {
                return halfTime;
            }
            return node.isTextual() ? time("event_time", node.asText()) : null;
        }

        private Instant time(String field, String text) {
            Instant parsed = EventTimestamps.parse(text).orElse(null);
            if (parsed == null) {
                problem(field + " '" + abbreviate(text) + "' is not a valid date-time");
            } else if (parsed.isBefore(EARLIEST_PLAUSIBLE)) {
                problem(field + " '" + abbreviate(text) + "' is before 1970");
            } else if (parsed.isAfter(clock.instant().plus(maxFutureSkew))) {
                problem(field + " '" + abbreviate(text) + "' is in the future");
            }
            return parsed;
        }

        BigDecimal requiredAmount(String field) {
            JsonNode node = event.get(field);
            if (node == null || !node.isNumber()) {
                problem(field + " is missing or not a number");
                return null;
            }
            return nonNegative(field, bounded(field, node));
        }

        BigDecimal nonNegative(String field, BigDecimal value) {
            if (value != null && value.signum() < 0) {
                problem(field + " is negative: " + value.toPlainString());
            }
            return value;
        }

        BigDecimal optionalNumber(String field) {
            JsonNode node = event.get(field);
            if (node == null || node.isNull() || (node.isTextual() && node.asText().isEmpty())) {
                return null;
            }
            if (!node.isNumber()) {
                problem(field + " is not a number");
                return null;
            }
            return bounded(field, node);
        }

        /** The number, or null with a problem when it is beyond the bounds: nothing later expands an unbounded one. */
        private BigDecimal bounded(String field, JsonNode number) {
            try {
                return numbers.check(number.decimalValue());
            } catch (NumberFormatException beyond) {
                problem(field + " " + beyond.getMessage());
                return null;
            }
        }

        void problem(String reason) {
            problems.add(reason);
        }

        void failIfAny() {
            if (!problems.isEmpty()) {
                throw new InvalidTripEventException("INVALID_FIELD", problems);
            }
        }

        private String abbreviate(String text) {
            return text.length() <= 64 ? text : text.substring(0, 64) + "…";
        }
    }
}
