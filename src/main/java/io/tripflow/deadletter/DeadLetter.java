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
 * the dead letter always holds the record byte for byte. A record too big for an SQS message is
 * kept in S3 and the body names where ({@code body_encoding=s3}).
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
    public static final String ATTEMPTS = "attempts";

    /** Keeps a dead letter well inside SQS's message size even when a record fails in many ways. */
    static final int MAX_REASON_CHARS = 8_192;

    /** Where the rejected record was read from; any part may be unknown (e.g. a replayed file). */
    public record Origin(String stream, String shardId, String sequenceNumber, String arrivalTime) {
    }

    public static DeadLetter of(byte[] original, FailureReason failure, Origin origin, Instant deadLetteredAt) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(REASON, abbreviate(String.join("; ", failure.reasons())));
        attributes.put(ERROR_TYPE, failure.errorType());
        if (failure.attempts() != null) {
            attributes.put(ATTEMPTS, failure.attempts().toString());
        }
        putIfKnown(attributes, SOURCE_STREAM, origin.stream());
        putIfKnown(attributes, SHARD_ID, origin.shardId());
        putIfKnown(attributes, SEQUENCE_NUMBER, origin.sequenceNumber());
        putIfKnown(attributes, ARRIVAL_TIME, origin.arrivalTime());
        attributes.put(DEAD_LETTERED_AT, deadLetteredAt.toString());
        Optional<String> text = sqsSafeText(original);
        if (text.isPresent()) {
            return new DeadLetter(text.get(), attributes);
        }
        attributes.put(BODY_ENCODING, ENCODING_BASE64);
        return new DeadLetter(Base64.getEncoder().encodeToString(original), attributes);
    }

    /** The body is the record's location in S3 ({@code s3://bucket/key}): it was too big for SQS. */
    public static final String ENCODING_S3 = "s3";
    private static final String ENCODING_BASE64 = "base64";

    /**
     * What SQS counts against its message size limit: the body plus every attribute's name, type
     * ("String") and value.
     */
    public int messageSize() {
        int size = body.getBytes(StandardCharsets.UTF_8).length;
        for (Map.Entry<String, String> attribute : attributes.entrySet()) {
            size += attribute.getKey().getBytes(StandardCharsets.UTF_8).length + "String".length()
                    + attribute.getValue().getBytes(StandardCharsets.UTF_8).length;
        }
        return size;
    }

    /** The same dead letter with the record replaced by where it is kept instead. */
    public DeadLetter storedAt(String location) {
        Map<String, String> pointing = new LinkedHashMap<>(attributes);
        pointing.put(BODY_ENCODING, ENCODING_S3);
        return new DeadLetter(location, pointing);
    }

    /** True when the body is a pointer to the record in S3 rather than the record itself. */
    public static boolean storedElsewhere(Map<String, String> attributes) {
        return ENCODING_S3.equals(attributes.get(BODY_ENCODING));
    }

    /** The original record's bytes from a body that carries them (see {@link #storedElsewhere}). */
    public static byte[] originalRecord(String body, Map<String, String> attributes) {
        if (storedElsewhere(attributes)) {
            throw new IllegalArgumentException("the record is kept at " + body + ", not in the message");
        }
        return ENCODING_BASE64.equals(attributes.get(BODY_ENCODING))
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

    /**
     * Why a record was rejected: a stable machine-readable type, the human-readable reasons, and
     * how often processing was attempted when it was given up after retries (null otherwise).
     */
    public record FailureReason(String errorType, List<String> reasons, Integer attempts) {
        public FailureReason(String errorType, List<String> reasons) {
            this(errorType, reasons, null);
        }

        /** The error type and every reason, as the dead letter's attributes say them. */
        public String summary() {
            return errorType + ": " + abbreviate(String.join("; ", reasons));
        }
    }
}
