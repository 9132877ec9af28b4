package io.tripflow.trip;

/**
 * What storing one trip half did. {@code completed} is true when this write is the one that found
 * both halves present and marked the trip completed (or re-derived its date after a newer half).
 * {@code analyticsDue} is true whenever the trip has both halves but its analytics were not yet
 * derived from them: after the completing write, and again on every redelivery until the analytics
 * flow has caught up, which is how a crash between the two heals.
 */
public record UpsertOutcome(String tripId, Result result, boolean completed, boolean analyticsDue) {

    public enum Result {
        /** The half was new, or newer than the stored one, and is now stored. */
        STORED,
        /** The same version of the half was already stored: nothing changed. */
        DUPLICATE,
        /** A newer version of the half is already stored: this older one was ignored. */
        STALE
    }
}
