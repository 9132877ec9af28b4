package io.tripflow.trip.kpi;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Which dates a KPI run is for, and where their documents go. */
public class KpiSchedule {

    private static final String OPEN_TRIPS_FILE = "open-trips.json";

    private final Clock clock;
    private final String keyTemplate;
    private final int lookbackDays;
    private final Pattern keyPattern;

    public KpiSchedule(Clock clock, String keyTemplate, int lookbackDays) {
        this.clock = clock;
        this.keyTemplate = keyTemplate;
        this.lookbackDays = lookbackDays;
        this.keyPattern = keyPattern(keyTemplate);
    }

    /**
     * The dates a scheduled run recomputes: the last {@code lookbackDays} complete UTC dates (so
     * that late trip ends are reflected), plus every date whose last run failed.
     */
    public List<LocalDate> datesToCompute(List<LocalDate> failedDates) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        TreeSet<LocalDate> dates = new TreeSet<>(failedDates);
        for (int daysBack = 1; daysBack <= lookbackDays; daysBack++) {
            dates.add(today.minusDays(daysBack));
        }
        return List.copyOf(dates);
    }

    public String objectKey(LocalDate date) {
        return keyTemplate
                .replace("{yyyy}", String.format("%04d", date.getYear()))
                .replace("{MM}", String.format("%02d", date.getMonthValue()))
                .replace("{dd}", String.format("%02d", date.getDayOfMonth()));
    }

    /** Where every date's KPI file is found by listing: the template up to its first placeholder. */
    public String listPrefix() {
        return keyTemplate.substring(0, keyTemplate.indexOf('{'));
    }

    /** The date whose KPI file this key is, if it is one (open-trips.json and anything else are not). */
    public Optional<LocalDate> dateOf(String key) {
        Matcher matcher = keyPattern.matcher(key);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.of(Integer.parseInt(matcher.group("yyyy")), Integer.parseInt(matcher.group("MM")),
                    Integer.parseInt(matcher.group("dd"))));
        } catch (DateTimeException notADate) {
            return Optional.empty();
        }
    }

    /** The template as a pattern: its text literally, each placeholder a named group of digits. */
    private static Pattern keyPattern(String template) {
        StringBuilder regex = new StringBuilder();
        Matcher placeholder = Pattern.compile("\\{(yyyy|MM|dd)}").matcher(template);
        int from = 0;
        while (placeholder.find()) {
            regex.append(Pattern.quote(template.substring(from, placeholder.start())));
            String name = placeholder.group(1);
            regex.append("(?<").append(name).append(">\\d{").append(name.length()).append("})");
            from = placeholder.end();
        }
        return Pattern.compile(regex.append(Pattern.quote(template.substring(from))).toString());
    }

    /** open-trips.json next to the KPI file (in the same folder). */
    public String openTripsKey(LocalDate date) {
        String kpiKey = objectKey(date);
        return kpiKey.substring(0, kpiKey.lastIndexOf('/') + 1) + OPEN_TRIPS_FILE;
    }
}
