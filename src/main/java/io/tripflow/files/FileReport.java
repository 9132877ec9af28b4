package io.tripflow.files;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the intake did with one file, written beside it as {@code reports/<key>.json}: which file
 * (key, ETag), the kind its header shows, rows read, events sent, rows rejected (the exact count, and
 * the first ones with line number and reason), the columns it ignored, when, and by whom. Filled in
 * as the file streams through, by one thread at a time (the intake splits a file sequentially).
 */
public final class FileReport {

    /** A rejected row: its line in the file, and why. */
    public record RejectedRow(int line, String reason) {
    }

    private final String bucket;
    private final String key;
    private final String etag;
    private final String processedBy;
    private final int maxRejectedListed;
    private final Instant startedAt;
    private String kind;
    private List<String> ignoredColumns = List.of();
    private String fileRejection;
    private long rowsRead;
    private long eventsSent;
    private long rowsRejected;
    private final List<RejectedRow> firstRejected = new ArrayList<>();
    private Instant finishedAt;

    public FileReport(String bucket, String key, String etag, String processedBy, int maxRejectedListed, Instant startedAt) {
        this.bucket = bucket;
        this.key = key;
        this.etag = etag;
        this.processedBy = processedBy;
        this.maxRejectedListed = maxRejectedListed;
        this.startedAt = startedAt;
    }

    public void kind(FileKind detected, List<String> ignored) {
        this.kind = detected.name().toLowerCase().replace('_', '-');
        this.ignoredColumns = List.copyOf(ignored);
    }

    /** The file as a whole is unusable (empty, not text, a header of no known kind). */
    public void rejectFile(String reason) {
        this.fileRejection = reason;
    }

    public boolean fileRejected() {
        return fileRejection != null;
    }

    public void rowRead() {
        rowsRead++;
    }

    public void rowRejected(int line, String reason) {
        rowsRejected++;
        if (firstRejected.size() < maxRejectedListed) {
            firstRejected.add(new RejectedRow(line, reason));
        }
    }

    public void addEventsSent(int count) {
        eventsSent += count;
    }

    /** processed, or rejected when the file was unusable as a whole. */
    public String outcome() {
        return fileRejection == null ? "processed" : "rejected";
    }

    public void finished(Instant at) {
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

    public long rowsRead() {
        return rowsRead;
    }

    public long eventsSent() {
        return eventsSent;
    }

    public long rowsRejected() {
        return rowsRejected;
    }

    /** The report document, in a stable key order. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("bucket", bucket);
        json.put("key", key);
        json.put("etag", etag);
        json.put("kind", kind);
        json.put("outcome", outcome());
        if (fileRejection != null) {
            json.put("file_rejected_because", fileRejection);
        }
        json.put("rows_read", rowsRead);
        json.put("events_sent", eventsSent);
        json.put("rows_rejected", rowsRejected);
        List<Map<String, Object>> rejected = new ArrayList<>();
        for (RejectedRow row : firstRejected) {
            Map<String, Object> each = new LinkedHashMap<>();
            each.put("line", row.line());
            each.put("reason", row.reason());
            rejected.add(each);
        }
        json.put("rejected_rows", rejected);
        json.put("rejected_rows_truncated", rowsRejected > firstRejected.size());
        json.put("ignored_columns", ignoredColumns);
        json.put("started_at", startedAt.toString());
        json.put("finished_at", finishedAt == null ? null : finishedAt.toString());
        json.put("processed_by", processedBy);
        return json;
    }
}
