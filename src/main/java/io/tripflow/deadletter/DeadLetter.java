package io.tripflow.deadletter;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A rejected record as it goes to the dead-letter queue: the original record as the body, and the
 * reason, the error type and where the record came from as message attributes (SQS allows ten).
 *
 * <p>SQS bodies must be valid Unicode from a restricted character set. A record that is not (bad
 * UTF-8, control characters) is sent base64-encoded, flagged by {@code body_encoding=base64}, so
 * the dead letter always holds the record byte for byte.
 */
public record DeadLetter(String body, Map<String, String> attributes) {

    public static final String REASON = "reason";
    public static final String ERROR_TYPE = "error_type";
    public static final String SOURCE_STREAM = "source_stream";
    public static final String SHARD_ID = "shard_id";
    public static final String SEQUENCE_NUMBER = "sequence_number";
    public static final String ARRIVAL_TIME = "arrival_time";
    public static final String DEAD_LETTERED_AT = "dead_lettered_at";
    public static final String BODY_ENCODING = "body_encoding";

    /** Keeps a dead letter well inside SQS's message size even when a record fails in many ways. */
    static final int MAX_REASON_CHARS = 8_192;

    /** Where the rejected record was read from; any part may be unknown (e.g. a replayed file). */
    public record Origin(String stream, String shardId, String sequenceNumber, String arrivalTime) {
    }

    public static DeadLetter of(byte[] original, FailureReason failure, Origin origin, Instant deadLetteredAt) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(REASON, abbreviate(String.join("; ", failure.reasons())));
        attributes.put(ERROR_TYPE, failure.errorType());
        putIfKnown(attributes, SOURCE_STREAM, origin.stream());
        putIfKnown(attributes, SHARD_ID, origin.shardId());
        putIfKnown(attributes, SEQUENCE_NUMBER, origin.sequenceNumber());
        putIfKnown(attributes, ARRIVAL_TIME, origin.arrivalTime());
        attributes.put(DEAD_LETTERED_AT, deadLetteredAt.toString());
        Optional<String> text = sqsSafeText(original);
        if (text.isPresent()) {
            return new DeadLetter(text.get(), attributes);
        }
        attributes.put(BODY_ENCODING, "base64");
        return new DeadLetter(Base64.getEncoder().encodeToString(original), attributes);
    }

    /** The original record's bytes, whichever way the body was encoded. */
    public static byte[] originalRecord(String body, Map<String, String> attributes) {
        return "base64".equals(attributes.get(BODY_ENCODING))
                ? Base64.getDecoder().decode(body)
                : body.getBytes(StandardCharsets.UTF_8);
    }

    private static void putIfKnown(Map<String, String> attributes, String name, String value) {
        if (value != null && !value.isEmpty()) {
            attributes.put(name, value);
        }
    }

    private static String abbreviate(String reason) {
        return reason.length() <= MAX_REASON_CHARS ? reason : reason.substring(0, MAX_REASON_CHARS) + "… (truncated)";
    }

    /** Decodes strictly as UTF-8 and accepts only what SQS accepts in a message body. */
    static Optional<String> sqsSafeText(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
        if (text.isEmpty()) {
            return Optional.empty();
        }
        boolean allowed = text.codePoints().allMatch(c -> c == 0x9 || c == 0xA || c == 0xD
                || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF));
        return allowed ? Optional.of(text) : Optional.empty();
    }

    /** Why a record was rejected: a stable machine-readable type and the human-readable reasons. */
    public record FailureReason(String errorType, List<String> reasons) {
    }
}
