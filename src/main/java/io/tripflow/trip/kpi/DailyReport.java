package io.tripflow.trip.kpi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import io.tripflow.digest.Sha256;

/** What a KPI run writes for one date: the KPI file and the open-trips file beside it. */
public record DailyReport(DailyKpi kpi, OpenTrips openTrips) {

    /**
     * A digest of every figure in both files, without their generated_at: equal fingerprints mean
     * there is nothing new to write.
     */
    public String fingerprint() {
        MessageDigest sha256 = Sha256.digest();
        sha256.update(withoutTimestamp(kpi.toJson()).getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) 0);
        sha256.update(withoutTimestamp(openTrips.toJson()).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** The documents keep their key order, so their string forms are stable. */
    private static String withoutTimestamp(Map<String, Object> json) {
        Map<String, Object> figures = new LinkedHashMap<>(json);
        figures.remove("generated_at");
        return figures.toString();
    }
}
