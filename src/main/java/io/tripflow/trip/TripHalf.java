package io.tripflow.trip;

import java.time.Instant;
import java.util.Set;

/**
 * One of the two halves of a trip as it arrives on a stream. The halves are stored in disjoint
 * attributes of the trip's item, so they can arrive in either order.
 */
public sealed interface TripHalf permits TripStart, TripEnd {

    String tripId();

    /** When the event happened: its explicit event_time, or else the half's own timestamp. */
    Instant eventTime();

    /**
     * Orders re-sent versions of the same half: the event time first, then a digest of the content
     * so that two different versions with the same time still resolve the same way in any order.
     * Equal versions mean the same event.
     */
    String version();

    Side side();

    /** The fields of the two halves' events that are timestamps. */
    /**
     * A trip id's longest form, as the trip schemas say (maxLength): within DynamoDB's 2,048-byte
     * key and Kinesis's 256-character partition key, so no store refuses a valid id.
     */
    int MAX_TRIP_ID_CHARS = 128;

    Set<String> TIMESTAMP_FIELDS = Set.of("pickup_datetime", "estimated_dropoff_datetime", "dropoff_datetime", "event_time");

    enum Side {
        START("trip_start", "pickup_datetime"), END("trip_end", "dropoff_datetime");

        private final String eventType;
        private final String timeField;

        Side(String eventType, String timeField) {
            this.eventType = eventType;
            this.timeField = timeField;
        }

        public String eventType() {
            return eventType;
        }

        /** The half's own timestamp, which its event is ordered by: the pick-up or the drop-off. */
        public String timeField() {
            return timeField;
        }
    }
}
