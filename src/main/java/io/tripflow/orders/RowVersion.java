package io.tripflow.orders;

import java.time.Instant;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.tripflow.digest.Sha256;

/**
 * Orders a row's versions as users mean them: first the row's own latest event time (the latest of
 * its {@code *_at} cells: an order returned is newer than the same order shipped, whichever file
 * says so, and last month's export dropped again changes nothing); then, among rows with equal
 * event times (a corrected copy, a product), the time its file was last modified in S3 (the later
 * upload wins); then a digest of the row, so that two different rows of the same moment still
 * resolve the same way in any order, and the same row is always equal. Fixed width, so that
 * DynamoDB's string comparison orders them; the leading '~' sorts after the digits that versions
 * stored before event times joined them begin with, so the first row stored after that upgrade
 * replaces the old one once. The same row in a later file is not a newer version: its
 * {@link #contentOf content} is the stored one's, and it changes nothing.
 */
public final class RowVersion {

    private RowVersion() {
    }

    private static final int TIME_WIDTH = 15;
    /** Milliseconds from 0001-01-01T00:00Z to the epoch: every year a row may hold (0001–9999) counts from 0, in 15 digits. */
    private static final long FROM_YEAR_1 = 62_135_596_800_000L;

    public static String of(Instant fileLastModified, JsonNode row) {
        return "~" + fixed(latestEventTime(row)) + "." + fixed(fileLastModified.toEpochMilli() + FROM_YEAR_1) + "#" + Sha256.hex(row.toString(), 8);
    }

    /** The version's digest of the row: equal for the same row whichever file it came in. */
    public static String contentOf(String version) {
        return version.substring(version.lastIndexOf('#') + 1);
    }

    /** The latest {@code *_at} of the row, in milliseconds from year 1 (UTC where no offset); 0 for a row without one. */
    static long latestEventTime(JsonNode row) {
        long latest = 0;
        for (Iterator<Map.Entry<String, JsonNode>> fields = row.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().endsWith("_at") && field.getValue().isTextual()) {
                // a text that is no time is the rules' to reject: no event time of the row
                latest = Math.max(latest, OrderRules.instantOf(field.getValue().asText()).map(at -> at.toEpochMilli() + FROM_YEAR_1).orElse(0L));
            }
        }
        return latest;
    }

    private static String fixed(long millis) {
        return String.format("%0" + TIME_WIDTH + "d", Math.max(millis, 0));
    }
}
