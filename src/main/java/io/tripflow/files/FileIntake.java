package io.tripflow.files;

import java.io.InputStream;
import java.time.Clock;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;

import io.tripflow.config.RouteVariables;
import io.tripflow.replay.StreamPublisher;
import io.tripflow.replay.TripEventRecord;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.apache.camel.StreamCache;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The steps of the file-intake flow (file-intake.yaml) that are tripflow's own: the report a file
 * starts with, its rows as batches of events, each batch onto the streams, and where the file and
 * its report go afterwards.
 */
public class FileIntake {

    /** Where an intake's files and reports live in the files bucket. */
    public record Prefixes(String incoming, String processed, String rejected, String reports) {
    }

    private final TripFileReader reader;
    private final S3Client s3;
    private final StreamPublisher publisher;
    private final Function<TripEventRecord, String> streamOf;
    private final FileClaims claims;
    private final Prefixes prefixes;
    private final int maxRejectedListed;
    private final String instance;
    private final Clock clock;

    public FileIntake(TripFileReader reader, S3Client s3, StreamPublisher publisher, Function<TripEventRecord, String> streamOf, FileClaims claims,
            Prefixes prefixes, int maxRejectedListed, String instance, Clock clock) {
        this.reader = reader;
        this.s3 = s3;
        this.publisher = publisher;
        this.streamOf = streamOf;
        this.claims = claims;
        this.prefixes = prefixes;
        this.maxRejectedListed = maxRejectedListed;
        this.instance = instance;
        this.clock = clock;
    }

    public FileReport startReport(@Header(AWS2S3Constants.BUCKET_NAME) String bucket, @Header(AWS2S3Constants.KEY) String key,
            @Header(AWS2S3Constants.E_TAG) String etag) {
        return new FileReport(bucket, key, etag, instance, maxRejectedListed, clock.instant());
    }

    /**
     * The file's events, a batch at a time, read from the object's stream as the split asks for them.
     *
     * @throws IllegalStateException when the body is a stream cache: Camel has read the whole file
     *         into memory already, which a large file does not survive (the route must keep
     *         {@code streamCache: "false"})
     */
    public Iterator<List<TripEventRecord>> batches(@Body InputStream file, @Header(AWS2S3Constants.CONTENT_LENGTH) long length,
            @ExchangeProperty(RouteVariables.FILE_REPORT) FileReport report) {
        if (file instanceof StreamCache) {
            throw new IllegalStateException("the file reached the intake cached whole in memory: the file-intake route must set "
                    + "streamCache: \"false\" so that files larger than the heap can be taken in");
        }
        return reader.batches(ResumingStream.ofS3Object(s3, file, length, report.bucket(), report.key(), report.etag()), report);
    }

    /**
     * Sends a batch to the streams (PutRecords, key = trip_id, only failed entries again), then
     * renews the claim: one small write per batch keeps the lease alive however long the file is.
     */
    public void publish(@Body List<TripEventRecord> batch, @ExchangeProperty(RouteVariables.FILE_REPORT) FileReport report,
            @ExchangeProperty(RouteVariables.FILE_CLAIM) FileClaims.Claim claim) throws InterruptedException {
        publisher.publish(batch, streamOf);
        report.addEventsSent(batch.size());
        claims.renew(claim);
    }

    /** The report, finished now, as its JSON document. */
    public Object finishReport(@ExchangeProperty(RouteVariables.FILE_REPORT) FileReport report) {
        report.finished(clock.instant());
        return report.toJson();
    }

    /** {@code reports/<key under incoming/>.json}. */
    public String reportKey(@Header(AWS2S3Constants.KEY) String key) {
        return prefixes.reports() + relative(key) + ".json";
    }

    /** Where the file goes once done: processed/, or rejected/ when it was unusable as a whole. */
    public String destinationKey(@Header(AWS2S3Constants.KEY) String key, @ExchangeProperty(RouteVariables.FILE_CLAIM) FileClaims.Claim claim,
            @ExchangeProperty(RouteVariables.FILE_REPORT) FileReport report) {
        boolean rejected = report != null ? report.fileRejected() : claim.status() == FileClaims.Status.REJECTED;
        return (rejected ? prefixes.rejected() : prefixes.processed()) + relative(key);
    }

    /** True for keys that name a folder, not a file (consoles create them). */
    public boolean isFolder(@Header(AWS2S3Constants.KEY) String key) {
        return key.endsWith("/");
    }

    private String relative(String key) {
        return key.startsWith(prefixes.incoming()) ? key.substring(prefixes.incoming().length()) : key;
    }
}
