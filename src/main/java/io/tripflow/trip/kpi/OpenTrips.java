package io.tripflow.trip.kpi;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Trips of one UTC date that stayed half-done: started but not ended after the stale age, and ends
 * whose start never came within it. Counts are exact; the trip_ids listed are capped (the
 * alphabetically first ones, so the same state always gives the same file).
 */
public record OpenTrips(LocalDate date, Duration staleAfter, Group startedNotEnded, Group endedWithoutStart, Instant generatedAt) {

    /** @param tripIds at most the cap, sorted */
    public record Group(long count, List<String> tripIds) {
        Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("count", count);
            json.put("trip_ids", tripIds);
            json.put("trip_ids_truncated", tripIds.size() < count);
            return json;
        }
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("date", date.toString());
        json.put("stale_after_minutes", staleAfter.toMinutes());
        json.put("started_not_ended", startedNotEnded.toJson());
        json.put("ended_without_start", endedWithoutStart.toJson());
        json.put("generated_at", generatedAt.toString());
        return json;
    }

    /** Folds the open-trips index of one date; one per bucket, then merged. */
    public static final class Accumulator {
        private final int maxIds;
        private final Instant staleBefore;
        private final Counter startedNotEnded = new Counter();
        private final Counter endedWithoutStart = new Counter();

        /** @param staleBefore a half older than this is stale */
        public Accumulator(int maxIds, Instant staleBefore) {
            this.maxIds = maxIds;
            this.staleBefore = staleBefore;
        }

        /**
         * @param startAt the start half's pick-up time, null if the start has not arrived
         * @param endAt the end half's drop-off time, null if the end has not arrived
         */
        public void add(String tripId, Instant startAt, Instant endAt) {
            if (startAt != null && endAt == null && startAt.isBefore(staleBefore)) {
                startedNotEnded.add(tripId);
            } else if (endAt != null && startAt == null && endAt.isBefore(staleBefore)) {
                endedWithoutStart.add(tripId);
            }
            // Both halves there: the trip is completing right now, not open.
        }

        public Accumulator merge(Accumulator other) {
            startedNotEnded.merge(other.startedNotEnded);
            endedWithoutStart.merge(other.endedWithoutStart);
            return this;
        }

        public OpenTrips result(LocalDate date, Duration staleAfter, Instant generatedAt) {
            return new OpenTrips(date, staleAfter, startedNotEnded.group(), endedWithoutStart.group(), generatedAt);
        }

        private final class Counter {
            private long count;
            private final TreeSet<String> ids = new TreeSet<>();

            void add(String tripId) {
                count++;
                keep(tripId);
            }

            void merge(Counter other) {
                count += other.count;
                other.ids.forEach(this::keep);
            }

            private void keep(String tripId) {
                ids.add(tripId);
                if (ids.size() > maxIds) {
                    ids.pollLast();
                }
            }

            Group group() {
                return new Group(count, List.copyOf(ids));
            }
        }
    }
}
