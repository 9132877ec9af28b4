package io.tripflow.trip;

import java.time.Instant;

/**
 * A trip half's version, compared as a string by DynamoDB: its event time; then, among halves of
 * equal event times, when the file that carried it was uploaded (a corrected copy of a file wins
 * over the first, whatever its content; a half off a stream has no upload time and loses to one
 * from a file); then a digest of its content, so that two different halves of the same moment
 * still resolve the same way in any order:
 * {@code <event time>~<upload time or empty>#<digest>}. Its {@link #contentOf content},
 * {@code <event time>#<digest>}, says whether two versions are the same half: the same row in a
 * later upload is a duplicate, not a newer version. Versions stored before upload times joined them
 * have the content's form, and '~' sorts after '#': a half of the same event time replaces them once.
 */
public final class TripVersion {

    private TripVersion() {
    }

    static String of(Instant eventTime, Instant uploadedAt, String digest) {
        return EventTimestamps.sortable(eventTime) + "~" + (uploadedAt == null ? "" : EventTimestamps.sortable(uploadedAt)) + "#" + digest;
    }

    /** The version without its upload time: equal for the same half whichever file or stream it came in. */
    public static String contentOf(String version) {
        int upload = version.indexOf('~');
        return upload < 0 ? version : version.substring(0, upload) + version.substring(version.indexOf('#', upload));
    }
}
