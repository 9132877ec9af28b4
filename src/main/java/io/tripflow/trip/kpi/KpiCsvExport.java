package io.tripflow.trip.kpi;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import io.tripflow.digest.Sha256;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Keeps daily_trip_kpis.csv equal to the KPI files: one row per date that has one. Without locks,
 * yet no row is lost when instances write different dates at once:
 *
 * <ol>
 * <li>list the KPI files; their keys and ETags, digested, say which versions the CSV must show;</li>
 * <li>if the CSV says (in its metadata) it was built from exactly those, there is nothing to do;</li>
 * <li>else build it from the files and write it, unless its content is what is there already;</li>
 * <li>list again: if a KPI file changed meanwhile, the CSV just written may lack it, so start over.</li>
 * </ol>
 * Whoever writes the CSV last has therefore listed after writing it and seen nothing newer (S3
 * lists what was written before, strongly consistent); an instance whose stale CSV overwrote a
 * newer one is the one that finds the difference in step 4 and writes again.
 */
public class KpiCsvExport {

    /** What refreshing did, as logged and counted. */
    public enum Outcome { WRITTEN, UP_TO_DATE }

    /** Metadata of the CSV: the digest of the KPI files' keys and ETags it was built from, and of its own content. */
    static final String SOURCES_DIGEST = "sources-digest";
    static final String CONTENT_DIGEST = "content-sha256";
    private static final int MAX_ROUNDS = 10;

    private final S3Client s3;
    private final String bucket;
    private final String csvKey;
    private final KpiSchedule schedule;

    public KpiCsvExport(S3Client s3, String bucket, String csvKey, KpiSchedule schedule) {
        this.s3 = s3;
        this.bucket = bucket;
        this.csvKey = csvKey;
        this.schedule = schedule;
    }

    public Outcome refresh() throws IOException {
        Outcome outcome = Outcome.UP_TO_DATE;
        Map<LocalDate, S3Object> files = kpiFiles();
        for (int round = 0; round < MAX_ROUNDS; round++) {
            String sources = digest(files);
            Map<String, String> csv = existingMetadata();
            if (!sources.equals(csv.get(SOURCES_DIGEST))) {
                outcome = write(files, sources, csv.get(CONTENT_DIGEST)) ? Outcome.WRITTEN : outcome;
            }
            Map<LocalDate, S3Object> now = kpiFiles();
            if (digest(now).equals(sources)) {
                return outcome;
            }
            files = now;
        }
        throw new IllegalStateException(csvKey + ": KPI files kept changing while it was rebuilt; left for the next run");
    }

    /**
     * Builds the CSV in a temporary file (one row per date: small, but never all in memory) and
     * writes it unless its content is what is there already (returning false then).
     *
     * @param existingContent the content digest of the CSV in S3, null when there is none
     */
    private boolean write(Map<LocalDate, S3Object> files, String sources, String existingContent) throws IOException {
        Path csv = Files.createTempFile("daily_trip_kpis", ".csv");
        try {
            MessageDigest contentDigest = Sha256.digest();
            try (Writer out = new BufferedWriter(new OutputStreamWriter(
                    new DigestOutputStream(Files.newOutputStream(csv), contentDigest), StandardCharsets.UTF_8))) {
                out.write(DailyKpiCsv.header());
                for (S3Object file : files.values()) {
                    try (InputStream in = s3.getObject(g -> g.bucket(bucket).key(file.key()))) {
                        out.write(DailyKpiCsv.row(in));
                    } catch (NoSuchKeyException deletedSinceListed) {
                        // the second listing will differ, and the next round leaves it out
                    }
                }
            }
            String content = HexFormat.of().formatHex(contentDigest.digest());
            if (content.equals(existingContent)) {
                // e.g. a date's file rewritten by `tripflow kpi --date` with the same figures: the CSV is left as it is
                return false;
            }
            s3.putObject(p -> p.bucket(bucket).key(csvKey).contentType("text/csv")
                    .metadata(Map.of(SOURCES_DIGEST, sources, CONTENT_DIGEST, content)), RequestBody.fromFile(csv));
            return true;
        } finally {
            Files.deleteIfExists(csv);
        }
    }

    /** Every date's KPI file, by date, from a paginated listing of the template's prefix. */
    private Map<LocalDate, S3Object> kpiFiles() {
        Map<LocalDate, S3Object> files = new TreeMap<>();
        for (S3Object object : s3.listObjectsV2Paginator(l -> l.bucket(bucket).prefix(schedule.listPrefix())).contents()) {
            schedule.dateOf(object.key()).ifPresent(date -> files.put(date, object));
        }
        return files;
    }

    private Map<String, String> existingMetadata() {
        try {
            return s3.headObject(h -> h.bucket(bucket).key(csvKey)).metadata();
        } catch (NoSuchKeyException none) {
            return Map.of();
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            if (e.statusCode() == 404) {
                return Map.of();
            }
            throw e;
        }
    }

    private static String digest(Map<LocalDate, S3Object> files) {
        MessageDigest sha256 = Sha256.digest();
        files.values().forEach(file -> sha256.update((file.key() + " " + file.eTag() + "\n").getBytes(StandardCharsets.UTF_8)));
        return HexFormat.of().formatHex(sha256.digest());
    }

}
