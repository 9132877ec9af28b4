package io.tripflow.intake;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Writes a file's report under its name in reports/, tied to the version read: two versions of one
 * key read by two instances may finish in either order, and the report of the older one must not
 * replace the newer one's. The stored report carries its file's LastModified as metadata; a report
 * is written only where none is stored, or the stored one is of a version not later than its own,
 * and the write is conditional on what was looked at ({@code If-None-Match: *} or {@code If-Match}
 * its ETag), so a report written in between is looked at again. The aws2-s3 producer cannot set
 * {@code If-Match}, hence this bean on the same client.
 */
class FileReports {

    /** What became of the write. */
    enum Written { WRITTEN, NEWER_KEPT }

    /** User metadata on a report: the LastModified of the file version it is about. */
    static final String FILE_LAST_MODIFIED = "tripflow-file-last-modified";

    /** Reports written by others between a look and a write, before the write is given up as failed. */
    private static final int ATTEMPTS = 3;
    private static final Logger LOG = LoggerFactory.getLogger(FileReports.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final S3Client s3;

    FileReports(S3Client s3) {
        this.s3 = s3;
    }

    Written write(String reportKey, FileReport report) {
        byte[] document = json(report.toJson());
        for (int attempt = 1; ; attempt++) {
            HeadObjectResponse stored = stored(report.bucket(), reportKey);
            if (stored != null && isLater(stored.metadata().get(FILE_LAST_MODIFIED), report.uploadedAt())) {
                LOG.info("{} is about a version of {} uploaded after the one read (ETag {}): it is kept", reportKey, report.key(), report.etag());
                return Written.NEWER_KEPT;
            }
            PutObjectRequest.Builder put = PutObjectRequest.builder().bucket(report.bucket()).key(reportKey).contentType("application/json");
            if (report.uploadedAt() != null) {
                put.metadata(Map.of(FILE_LAST_MODIFIED, report.uploadedAt().toString()));
            }
            if (stored == null) {
                put.ifNoneMatch("*");
            } else {
                put.ifMatch(stored.eTag());
            }
            try {
                s3.putObject(put.build(), RequestBody.fromBytes(document));
                return Written.WRITTEN;
            } catch (S3Exception e) {
                // 412: the report changed since it was looked at; 409: another write of it is under way
                if ((e.statusCode() != 412 && e.statusCode() != 409) || attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private HeadObjectResponse stored(String bucket, String key) {
        try {
            return s3.headObject(b -> b.bucket(bucket).key(key));
        } catch (NoSuchKeyException e) {
            return null;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return null;
            }
            throw e;
        }
    }

    /** True when the stored report is about a later upload; a report without the metadata (older tripflow) is replaced. */
    static boolean isLater(String storedLastModified, Instant ours) {
        if (storedLastModified == null || ours == null) {
            return false;
        }
        try {
            return Instant.parse(storedLastModified).isAfter(ours);
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static byte[] json(Map<String, Object> document) {
        try {
            return JSON.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a report of plain values did not serialize", e);
        }
    }
}
