package io.tripflow.kinesis;

import java.time.Duration;
import java.time.Instant;

/**
 * When a record that keeps failing transiently is given up and dead-lettered, like Lambda's
 * MaximumRetryAttempts and MaximumRecordAgeInSeconds. Zero means no limit: by default a valid
 * record is retried for as long as it takes, and the shard waits for it.
 *
 * @param maxAttempts processing attempts per record, 0 for unlimited
 * @param maxRecordAge how long after its arrival in the stream a record is still retried, zero for unlimited
 */
public record RetryLimits(int maxAttempts, Duration maxRecordAge) {

    public static final RetryLimits UNLIMITED = new RetryLimits(0, Duration.ZERO);

    public boolean unlimited() {
        return maxAttempts == 0 && maxRecordAge.isZero();
    }

    /** @param arrival when the record reached the stream (or was first tried, if that is unknown) */
    public boolean exhausted(int attempts, Instant arrival, Instant now) {
        boolean tooManyAttempts = maxAttempts > 0 && attempts >= maxAttempts;
        boolean tooOld = !maxRecordAge.isZero() && Duration.between(arrival, now).compareTo(maxRecordAge) >= 0;
        return tooManyAttempts || tooOld;
    }

    @Override
    public String toString() {
        if (unlimited()) {
            return "unlimited";
        }
        return (maxAttempts == 0 ? "any number of attempts" : "at most " + maxAttempts + " attempts")
                + (maxRecordAge.isZero() ? "" : ", records younger than " + maxRecordAge.toSeconds() + " s");
    }
}
