package io.tripflow.intake;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.Iterator;
import java.util.Optional;

import io.tripflow.digest.Sha256;
import io.tripflow.engine.RouteVariables;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.apache.camel.StreamCache;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The steps of the file-intake flow (file-intake.yaml) that are tripflow's own, for one product
 * line's files: the report a file starts with, its rows as batches read from the object's stream,
 * and where the file and its report go afterwards. Delivering a batch (events onto the streams, rows
 * into the orders state) is the line's own step, named in its instance of the flow.
 */
public class FileIntake {

    /** Where an intake's files and reports live in the files bucket. */
    public record Prefixes(String incoming, String processed, String rejected, String failed, String reports) {
    }

    /** How a line reads its files: batches of rows, read as they are asked for, filling in the report. */
    @FunctionalInterface
    public interface BatchReader {
        Iterator<?> batches(InputStream file, FileReport report);
    }

    /** S3's longest key, in UTF-8 bytes. */
    static final int MAX_KEY_BYTES = 1_024;

    private final BatchReader reader;
    private final S3Client s3;
    private final FileReports reports;
    private final FileMoves moves;
    private final Prefixes prefixes;
    private final int maxRejectedListed;
    private final String deliveredName;
    private final String instance;
    private final Clock clock;

    /** @param deliveredName what the report calls a delivered row ({@link FileReport#EVENTS_SENT}, rows_stored) */
    public FileIntake(BatchReader reader, S3Client s3, Prefixes prefixes, int maxRejectedListed, String deliveredName, String instance,
            Clock clock) {
        this.reader = reader;
        this.s3 = s3;
        this.reports = new FileReports(s3);
        this.moves = new FileMoves(s3);
        this.prefixes = prefixes;
        this.maxRejectedListed = maxRejectedListed;
        this.deliveredName = deliveredName;
        this.instance = instance;
        this.clock = clock;
    }

    /**
     * Leaves a file unread: the consumer has opened its body already, and closing an unread S3 body
     * reads the rest of the object to reuse the connection (a held 1 GB file, every poll, on every
     * replica). Aborting drops the connection instead.
     */
    public static void leaveUnread(@Body Object body) {
        if (body instanceof ResponseInputStream<?> object) {
            object.abort();
        }
    }

    /** The file's report, begun now; for a file given up, the report of that, naming the last failure. */
    public FileReport startReport(@Header(AWS2S3Constants.BUCKET_NAME) String bucket, @Header(AWS2S3Constants.KEY) String key,
            @Header(AWS2S3Constants.E_TAG) String etag, @Header(AWS2S3Constants.LAST_MODIFIED) Instant lastModified,
            @ExchangeProperty(RouteVariables.FILE_CLAIM) FileClaims.Claim claim) {
        FileReport report = new FileReport(bucket, key, etag, lastModified, instance, maxRejectedListed, clock.instant(), deliveredName);
        if (claim.decision() == FileClaims.Decision.GIVE_UP) {
            report.gaveUp(claim.attempts() - 1, claim.lastError());
        }
        return report;
    }

    /**
     * The file's rows, a batch at a time, read from the object's stream as the split asks for them:
     * decompressed as they stream when the file is gzip (see {@link Compression}), none when it is
     * compressed in a way tripflow does not read (the report says which).
     *
     * @throws IllegalStateException when the body is a stream cache: Camel has read the whole file
     *         into memory already, which a large file does not survive (the route must keep
     *         {@code streamCache: "false"})
     */
    public Iterator<?> batches(@Body InputStream file, @Header(AWS2S3Constants.CONTENT_LENGTH) long length,
            @Header(AWS2S3Constants.CONTENT_ENCODING) String contentEncoding, @ExchangeProperty(RouteVariables.FILE_REPORT) FileReport report)
            throws IOException {
        if (file instanceof StreamCache) {
            throw new IllegalStateException("the file reached the intake cached whole in memory: the file-intake route must set "
                    + "streamCache: \"false\" so that files larger than the heap can be taken in");
        }
        Optional<String> refused = Compression.refused(report.key(), contentEncoding);
        if (refused.isPresent()) {
            leaveUnread(file);
            report.rejectFile(refused.get());
            return Collections.emptyIterator();
        }
        var counted = new CountedStream(ResumingStream.ofS3Object(s3, file, length, report.bucket(), report.key(), report.etag()),
                report::addBytesRead);
        try {
            return reader.batches(Compression.open(counted, Compression.gzip(report.key(), contentEncoding)), report);
        } catch (DamagedArchiveException notGzip) {
            report.rejectFile(notGzip.getMessage());
            return Collections.emptyIterator();
        }
    }

    /**
     * Finishes the report now and writes it to {@code reports/<key under incoming/>.json}, unless
     * the report there is about a later version of the file (see {@link FileReports}).
     */
    public void finish(@ExchangeProperty(RouteVariables.FILE_REPORT) FileReport report) {
        report.finished(clock.instant());
        reports.write(under(prefixes.reports(), relative(report.key()), ".json"), report);
    }

    /**
     * Moves the file, tied to the version read (see {@link FileMoves}), to where it goes once done:
     * processed/, or rejected/ when it was unusable as a whole, or failed/ when given up. A file
     * done before (no report now) goes where its claim's status says.
     */
    public FileMoves.Moved move(@Header(AWS2S3Constants.BUCKET_NAME) String bucket, @Header(AWS2S3Constants.KEY) String key,
            @Header(AWS2S3Constants.E_TAG) String etag, @ExchangeProperty(RouteVariables.FILE_CLAIM) FileClaims.Claim claim,
            @ExchangeProperty(RouteVariables.FILE_REPORT) FileReport report) {
        String outcome = report != null ? report.outcome() : claim.status().name().toLowerCase();
        String prefix = switch (outcome) {
            case FileReport.REJECTED -> prefixes.rejected();
            case FileReport.FAILED -> prefixes.failed();
            default -> prefixes.processed();
        };
        return moves.move(bucket, key, etag, under(prefix, relative(key), ""));
    }

    private String relative(String key) {
        return key.startsWith(prefixes.incoming()) ? key.substring(prefixes.incoming().length()) : key;
    }

    /**
     * {@code prefix + relative + suffix}, or, where that is longer than S3 takes (a 1,024-byte key
     * dropped under incoming/ is 1,025 under processed/), the relative key cut short and told apart
     * by a digest of it in full: the same file always gets the same key.
     */
    static String under(String prefix, String relative, String suffix) {
        String key = prefix + relative + suffix;
        if (key.getBytes(StandardCharsets.UTF_8).length <= MAX_KEY_BYTES) {
            return key;
        }
        String tag = "~" + Sha256.hex(relative, 8);
        int room = MAX_KEY_BYTES - (prefix + tag + suffix).getBytes(StandardCharsets.UTF_8).length;
        StringBuilder cut = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < relative.length(); ) {
            int codePoint = relative.codePointAt(i);
            int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > room) {
                break;
            }
            cut.appendCodePoint(codePoint);
            bytes += size;
            i += Character.charCount(codePoint);
        }
        return prefix + cut + tag + suffix;
    }
}
