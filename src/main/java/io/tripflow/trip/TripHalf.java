package io.tripflow.trip;

import java.time.Instant;

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

    enum Side {
        START("trip_start"), END("trip_end");

        private final String eventType;

        Side(String eventType) {
            this.eventType = eventType;
        }

        public String eventType() {
            return eventType;
        }
    }
}
