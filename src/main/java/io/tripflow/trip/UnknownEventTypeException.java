package io.tripflow.trip;

/** An event on the mixed stream whose event_type is neither trip_start nor trip_end. */
public class UnknownEventTypeException extends InvalidTripEventException {

    public UnknownEventTypeException(String reason) {
        super("UNKNOWN_EVENT_TYPE", reason);
    }
}
