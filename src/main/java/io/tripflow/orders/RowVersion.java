package io.tripflow.orders;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Orders a row's versions: the time its file was last modified in S3 (a row from a file uploaded
 * later is newer), then a digest of the row, so that two different rows of the same key from files
 * of the same moment still resolve the same way in any order, and the same row is always equal.
 * Fixed width, so that DynamoDB's string comparison orders them. The same row in a later file is
 * not a newer version: its {@link #contentOf content} is the stored one's, and it changes nothing.
 */
public final class RowVersion {

    private RowVersion() {
    }

    private static final int TIME_WIDTH = 15;

    public static String of(Instant fileLastModified, JsonNode row) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(row.toString().getBytes(StandardCharsets.UTF_8));
            return String.format("%0" + TIME_WIDTH + "d", fileLastModified.toEpochMilli()) + "#" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The version's digest of the row: equal for the same row whichever file it came in. */
    public static String contentOf(String version) {
        return version.substring(TIME_WIDTH + 1);
    }
}
