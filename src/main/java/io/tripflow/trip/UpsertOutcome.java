package io.tripflow.trip;

/**
 * What storing one trip half did. {@code completed} is true when this write is the one that found
 * both halves present and marked the trip completed (or re-derived its date after a newer half).
 */
public record UpsertOutcome(Result result, boolean completed) {

    public enum Result {
        /** The half was new, or newer than the stored one, and is now stored. */
        STORED,
        /** The same version of the half was already stored: nothing changed. */
        DUPLICATE,
        /** A newer version of the half is already stored: this older one was ignored. */
        STALE
    }
}
