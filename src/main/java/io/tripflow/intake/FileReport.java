package io.tripflow.intake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the intake did with one file, written beside it as {@code reports/<key>.json}: which file
 * (key, ETag), the kind its header shows, rows read, rows delivered (named by the intake: events
 * sent, rows stored), rows rejected and rows with warnings (the exact counts, and the first ones
 * with line number and reason), the intake's own counts, the columns it ignored, when, and by whom.
 * Filled in as the file streams through; an intake may deliver a batch's rows from several threads.
 */
public final class FileReport {

    /** A rejected row: its line in the file, and why. */
    public record RejectedRow(int line, String reason) {
    }

    /** What an intake calls the rows it delivered, in the report and the metrics. */
    public static final String EVENTS_SENT = "events_sent";

    /** A file's outcomes: read to its end; unusable as a whole; given up after failing too often; gone while read. */
    public static final String PROCESSED = "processed";
    public static final String REJECTED = "rejected";
    public static final String FAILED = "failed";
    public static final String INCOMPLETE = "incomplete";

    private final String bucket;
    private final String key;
    private final String etag;
    private final Instant uploadedAt;
    private final String processedBy;
    private final int maxRejectedListed;
    private final Instant startedAt;
    private final String deliveredName;
    private String kind;
    private List<String> ignoredColumns = List.of();
    private String fileRejection;
    /** failed or incomplete, with why; null while the file is read to its end. */
    private String endedEarly;
    private String endedBecause;
    private long bytesRead;
    private long rowsRead;
    private long rowsDelivered;
    private long rowsRejected;
    private final List<RejectedRow> firstRejected = new ArrayList<>();
    private long rowsWarned;
    private final List<RejectedRow> firstWarned = new ArrayList<>();
    private final Map<String, Long> counts = new TreeMap<>();
    private final QualitySummary quality = new QualitySummary();
    private Instant finishedAt;

    public FileReport(String bucket, String key, String etag, String processedBy, int maxRejectedListed, Instant startedAt) {
        this(bucket, key, etag, processedBy, maxRejectedListed, startedAt, EVENTS_SENT);
    }

    /** @param deliveredName what the intake calls a delivered row in the report, e.g. {@value #EVENTS_SENT} */
    public FileReport(String bucket, String key, String etag, String processedBy, int maxRejectedListed, Instant startedAt,
            String deliveredName) {
        this(bucket, key, etag, null, processedBy, maxRejectedListed, startedAt, deliveredName);
    }

    /** @param uploadedAt the version's S3 LastModified: among rows of equal event times, the later upload wins */
    public FileReport(String bucket, String key, String etag, Instant uploadedAt, String processedBy, int maxRejectedListed, Instant startedAt,
            String deliveredName) {
        this.uploadedAt = uploadedAt;
        this.bucket = bucket;
        this.key = key;
        this.etag = etag;
        this.processedBy = processedBy;
        this.maxRejectedListed = maxRejectedListed;
        this.startedAt = startedAt;
        this.deliveredName = deliveredName;
    }

    public synchronized void kind(String name, List<String> ignored) {
        this.kind = name;
        this.ignoredColumns = List.copyOf(ignored);
    }

    /** The file as a whole is unusable (empty, not text, a header of no known kind). */
    public synchronized void rejectFile(String reason) {
        this.fileRejection = reason;
    }

    /** The file failed too often for reasons not its own, the last of which this was: it goes to failed/. */
    public synchronized void gaveUp(int attempts, String lastError) {
        endedEarly = FAILED;
        endedBecause = "gave up after " + attempts + " attempts; the last failed with: " + lastError;
    }

    /** The version read changed or vanished before its end: the rows before were delivered, the rest cannot be read. */
    public synchronized void cutShort(String reason) {
        endedEarly = INCOMPLETE;
        endedBecause = reason;
    }

    /** True once the file was rejected, given up or cut short: no row of it is read further. */
    public synchronized boolean endedEarly() {
        return fileRejection != null || endedEarly != null;
    }

    public synchronized boolean fileRejected() {
        return fileRejection != null;
    }

    /** Bytes of the object read so far (compressed ones, for a compressed file). */
    public synchronized void addBytesRead(long bytes) {
        bytesRead += bytes;
    }

    public synchronized void rowRead() {
        rowsRead++;
    }

    /** A row rejected by the rules these findings name. */
    public synchronized void rowRejected(int line, List<Finding> findings) {
        rowsRejected++;
        listed(firstRejected, line, Finding.reason(findings));
        quality.add(QualitySummary.REJECTED, line, findings);
    }

    public void rowRejected(int line, String rule, String reason) {
        rowRejected(line, List.of(new Finding(rule, reason)));
    }

    /** A row delivered all the same, with something worth a look (a product without brand). */
    public synchronized void rowWarned(int line, List<Finding> findings) {
        rowsWarned++;
        listed(firstWarned, line, Finding.reason(findings));
        quality.add(QualitySummary.WARNED, line, findings);
    }

    private void listed(List<RejectedRow> first, int line, String reason) {
        if (first.size() < maxRejectedListed) {
            first.add(new RejectedRow(line, reason));
        }
    }

    public synchronized void addDelivered(int count) {
        rowsDelivered += count;
    }

    /** One more of an intake's own counts (rows_unchanged, ...), reported under its name. */
    public synchronized void count(String name) {
        counts.merge(name, 1L, Long::sum);
    }

    /** processed; rejected when the file was unusable as a whole; failed or incomplete when it ended early. */
    public synchronized String outcome() {
        return fileRejection != null ? REJECTED : endedEarly != null ? endedEarly : PROCESSED;
    }

    public synchronized void finished(Instant at) {
        this.finishedAt = at;
    }

    public String bucket() {
        return bucket;
    }

    public String key() {
        return key;
    }

    public String etag() {
        return etag;
    }

    public Instant uploadedAt() {
        return uploadedAt;
    }

    public synchronized long bytesRead() {
        return bytesRead;
    }

    public synchronized long rowsRead() {
        return rowsRead;
    }

    public String deliveredName() {
        return deliveredName;
    }

    public synchronized long rowsDelivered() {
        return rowsDelivered;
    }

    public synchronized long rowsRejected() {
        return rowsRejected;
    }

    /** For the log: outcome and counts, with the intake's name for its delivered rows. */
    public synchronized String summary() {
        return outcome() + ", " + rowsRead + " rows read, " + rowsDelivered + " " + deliveredName.replace('_', ' ') + ", "
                + rowsRejected + " rows rejected";
    }

    /** The report document, in a stable key order. */
    public synchronized Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("bucket", bucket);
        json.put("key", key);
        json.put("etag", etag);
        json.put("last_modified", uploadedAt == null ? null : uploadedAt.toString());
        json.put("kind", kind);
        json.put("outcome", outcome());
        if (fileRejection != null) {
            json.put("file_rejected_because", fileRejection);
        }
        if (endedBecause != null) {
            json.put("ended_because", endedBecause);
        }
        json.put("bytes_read", bytesRead);
        json.put("rows_read", rowsRead);
        json.put(deliveredName, rowsDelivered);
        json.putAll(counts);
        json.put("rows_rejected", rowsRejected);
        json.put("rejected_rows", listed(firstRejected));
        json.put("rejected_rows_truncated", rowsRejected > firstRejected.size());
        if (rowsWarned > 0) {
            json.put("rows_with_warnings", rowsWarned);
            json.put("warnings", listed(firstWarned));
            json.put("warnings_truncated", rowsWarned > firstWarned.size());
        }
        json.put("quality", quality.toJson(rowsRead, rowsRejected));
        json.put("ignored_columns", ignoredColumns);
        json.put("started_at", startedAt.toString());
        json.put("finished_at", finishedAt == null ? null : finishedAt.toString());
        json.put("processed_by", processedBy);
        return json;
    }

    /** How many rows each rule caught, for the metrics. */
    public synchronized List<QualitySummary.RuleRows> ruleRows() {
        return quality.ruleRows();
    }

    /** Rows by line: rows delivered from several threads are listed in the order they came. */
    static List<Map<String, Object>> listed(List<RejectedRow> rows) {
        List<Map<String, Object>> listed = new ArrayList<>();
        rows.stream().sorted(Comparator.comparingInt(RejectedRow::line)).forEach(row -> {
            Map<String, Object> each = new LinkedHashMap<>();
            each.put("line", row.line());
            each.put("reason", row.reason());
            listed.add(each);
        });
        return listed;
    }
}
