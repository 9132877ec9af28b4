package io.tripflow.kinesis;

import java.time.Duration;

/**
 * A record that failed transiently until the consumer's {@link RetryLimits} ran out. It reaches the
 * dead-letter route as the exchange's caught exception, with the last failure as its cause.
 */
public class RetriesExhaustedException extends Exception {

    private final int attempts;

    public RetriesExhaustedException(int attempts, Duration age, RetryLimits limits, Throwable lastFailure) {
        super("gave up after " + attempts + " attempts, " + age.toSeconds() + " s after the record arrived (limits: "
                + limits + "); last failure: " + lastFailure, lastFailure);
        this.attempts = attempts;
    }

    public int attempts() {
        return attempts;
    }
}
