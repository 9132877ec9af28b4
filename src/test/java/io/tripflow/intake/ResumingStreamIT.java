package io.tripflow.intake;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.tripflow.localstack.TestStack;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading an object on from where its stream broke, on the real S3 API: the rest of the same version, or a failure once it changed. */
class ResumingStreamIT {

    private final S3Client s3 = TestStack.clients().s3();
    private final String bucket = TestStack.freshResources("resuming-stream", true, Map.of()).get("tripflow.files.bucket");

    /** The object's first {@code cut} bytes, then an end: a connection that broke there. */
    private InputStream cutAt(String key, int cut) {
        return s3.getObject(b -> b.bucket(bucket).key(key).range("bytes=0-" + (cut - 1)));
    }

    @Test
    void aCutStreamIsReadOnFromItsLastByteAndGivesTheWholeObjectOnce() throws IOException {
        String content = "trip_id,dropoff_datetime,fare_amount\n" + "t,2024-05-25 10:00:00,5\n".repeat(2_000);
        String etag = s3.putObject(b -> b.bucket(bucket).key("incoming/a.csv"), RequestBody.fromString(content)).eTag();
        try (var stream = ResumingStream.ofS3Object(s3, cutAt("incoming/a.csv", 1_000), content.length(), bucket, "incoming/a.csv", etag)) {
            assertEquals(content, new String(stream.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void anObjectReplacedOrDeletedMeanwhileIsNotReadOnButEndsAsAVersionGone() {
        String first = "trip_id,dropoff_datetime,fare_amount\nt1,2024-05-25 10:00:00,5\n";
        String etag = s3.putObject(b -> b.bucket(bucket).key("incoming/b.csv"), RequestBody.fromString(first)).eTag();
        InputStream broken = cutAt("incoming/b.csv", 10);
        s3.putObject(b -> b.bucket(bucket).key("incoming/b.csv"), RequestBody.fromString(first + "t2,2024-05-25 11:00:00,6\n"));
        var stream = ResumingStream.ofS3Object(s3, broken, first.length(), bucket, "incoming/b.csv", etag);
        var error = assertThrows(FileVersionGoneException.class, stream::readAllBytes);
        assertTrue(error.getMessage().startsWith("incoming/b.csv (ETag " + etag + ") was overwritten or deleted while it was read, after byte 10"),
                error.getMessage());

        s3.deleteObject(b -> b.bucket(bucket).key("incoming/b.csv"));
        var deleted = ResumingStream.ofS3Object(s3, cutAtNothing(), first.length(), bucket, "incoming/b.csv", etag);
        assertThrows(FileVersionGoneException.class, deleted::readAllBytes, "a deleted key is a version gone too");
    }

    /** A connection broken before its first byte. */
    private static InputStream cutAtNothing() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("Connection reset");
            }
        };
    }
}
