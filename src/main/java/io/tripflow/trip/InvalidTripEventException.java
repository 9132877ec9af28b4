package io.tripflow.trip;

import java.util.List;

/**
 * A trip event that can never be stored as it is: it breaks a rule the schema cannot express
 * (an impossible calendar date, a drop-off before its pick-up, an unknown event type). Permanent:
 * it is dead-lettered at once with every reason, never retried.
 */
public class InvalidTripEventException extends RuntimeException {

    private final String errorType;
    private final List<String> reasons;

    public InvalidTripEventException(String errorType, List<String> reasons) {
        super(String.join("; ", reasons));
        this.errorType = errorType;
        this.reasons = List.copyOf(reasons);
    }

    public InvalidTripEventException(String errorType, String reason) {
        this(errorType, List.of(reason));
    }

    public String errorType() {
        return errorType;
    }

    public List<String> reasons() {
        return reasons;
    }
}
