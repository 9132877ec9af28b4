package io.tripflow.config;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

import io.tripflow.dynamodb.NumberBounds;
import io.tripflow.engine.CheckedSettings;
import io.tripflow.trip.TimestampFormats;
import io.tripflow.trip.analytics.AnalyticsRules;
import org.quartz.CronExpression;

/**
 * Reads settings by key, checking each; collects every problem rather than stopping at the first,
 * so one start-up shows them all. A product line reads its own settings through {@link CheckedSettings}.
 */
public final class SettingsReader implements CheckedSettings {
    private final Function<String, Optional<String>> properties;
    private final List<String> problems = new ArrayList<>();

    SettingsReader(Function<String, Optional<String>> properties) {
        this.properties = properties;
    }

    String raw(String key) {
        Optional<String> value = properties.apply(key).map(String::trim).filter(v -> !v.isEmpty());
        if (value.isEmpty()) {
            problem(key, "is missing");
            return "";
        }
        return value.get();
    }

    @Override
    public String name(String key) {
        return matching(key, "[A-Za-z0-9._-]{1,255}", "a valid AWS resource name (letters, digits, . _ -)");
    }

    /** A value of the given form; {@code what} says which form, for the error. */
    private String matching(String key, String regex, String what) {
        String value = raw(key);
        if (!value.isEmpty() && !value.matches(regex)) {
            problem(key, "'" + value + "' is not " + what);
        }
        return value;
    }

    Path path(String key) {
        String value = raw(key);
        Path path = Path.of(value.isEmpty() ? "." : value);
        if (!value.isEmpty() && !Files.isDirectory(path)) {
            problem(key, "directory '" + path.toAbsolutePath() + "' does not exist");
        }
        return path;
    }

    /** A decimal number, 0 or more (an amount of money). */
    BigDecimal nonNegativeDecimal(String key) {
        return number(key, BigDecimal::new, n -> n.signum() >= 0, "a decimal number, 0 or more", BigDecimal.ZERO);
    }

    @Override
    public int positiveInt(String key) {
        return intInRange(key, 1, Integer.MAX_VALUE, "a positive whole number");
    }

    /** 0 typically meaning "no limit". */
    @Override
    public int nonNegativeInt(String key) {
        return intInRange(key, 0, Integer.MAX_VALUE, "a whole number, 0 or more");
    }

    /** 0 picks a free port. */
    int port(String key) {
        return intInRange(key, 0, 65_535, "a TCP port (0-65535)");
    }

    @Override
    public int intInRange(String key, int min, int max, String what) {
        return number(key, Integer::valueOf, n -> n >= min && n <= max, what, Math.max(min, 0));
    }

    /** A number that {@code parse} reads and {@code valid} accepts; else a problem, and {@code fallback} so the others can still be read. */
    private <N> N number(String key, Function<String, N> parse, Predicate<N> valid, String what, N fallback) {
        String value = raw(key);
        try {
            N n = parse.apply(value);
            if (valid.test(n)) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        if (!value.isEmpty()) {
            problem(key, "'" + value + "' is not " + what);
        }
        return fallback;
    }

    @Override
    public boolean bool(String key) {
        String value = raw(key);
        if (!value.isEmpty() && !value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            problem(key, "'" + value + "' is neither true nor false");
        }
        return Boolean.parseBoolean(value);
    }

    String oneOf(String key, String... allowed) {
        String value = raw(key);
        if (!value.isEmpty() && !List.of(allowed).contains(value)) {
            problem(key, "'" + value + "' is not one of " + String.join(", ", allowed));
        }
        return value;
    }

    TripflowSettings.StreamSettings stream(String key) {
        return new TripflowSettings.StreamSettings(name(key), positiveInt(key + ".shards"));
    }

    @Override
    public String cron(String key) {
        String value = raw(key);
        if (!value.isEmpty() && !CronExpression.isValidExpression(value)) {
            problem(key, "'" + value + "' is not a valid Quartz cron expression");
        }
        return value;
    }

    /** An S3 key prefix: a folder, so it ends with a slash. */
    @Override
    public String keyPrefix(String key) {
        return matching(key, "[A-Za-z0-9!_.*'()/-]{1,512}/", "an S3 key prefix ending in /");
    }

    /** An S3 object key: a file, so it does not end with a slash. */
    String objectKey(String key) {
        return matching(key, "[A-Za-z0-9!_.*'()/=-]{0,1023}[A-Za-z0-9!_.*'()=-]", "an S3 object key (it must not end in /)");
    }

    /** Comma-separated java.time patterns; none is fine. */
    List<String> datetimePatterns(String key) {
        String value = properties.apply(key).map(String::trim).orElse("");
        List<String> patterns = new ArrayList<>();
        for (String pattern : value.split(",")) {
            if (pattern.isBlank()) {
                continue;
            }
            try {
                TimestampFormats.strict(pattern.trim());
                patterns.add(pattern.trim());
            } catch (IllegalArgumentException e) {
                problem(key, e.getMessage());
            }
        }
        return List.copyOf(patterns);
    }

    /** Duration classes need short-below <= long-from; both are read even when one is bad, to report both. */
    AnalyticsRules analyticsRules(String shortBelowKey, String longFromKey, String highValueKey) {
        int shortBelow = nonNegativeInt(shortBelowKey);
        int longFrom = nonNegativeInt(longFromKey);
        BigDecimal highValueAbove = nonNegativeDecimal(highValueKey);
        if (longFrom < shortBelow) {
            problem(longFromKey, "(" + longFrom + ") is below " + shortBelowKey + " (" + shortBelow + ")");
            longFrom = shortBelow;
        }
        return AnalyticsRules.ofMinutes(shortBelow, longFrom, highValueAbove);
    }

    /** Digits before and after the point that a number read from a stream or file may have; together within DynamoDB's 38. */
    NumberBounds numberBounds(String integerKey, String fractionKey) {
        int integer = intInRange(integerKey, 1, 38, "a number of digits from 1 to 38");
        int fraction = intInRange(fractionKey, 0, 37, "a number of digits from 0 to 37");
        if (integer + fraction > 38) {
            problem(fractionKey, "(" + fraction + ") and " + integerKey + " (" + integer + ") add up to more than DynamoDB's 38 digits");
            return NumberBounds.DEFAULT;
        }
        return new NumberBounds(Math.max(integer, 1), fraction);
    }

    String kpiKeyTemplate(String key) {
        String value = raw(key);
        if (!value.isEmpty() && !(value.contains("{yyyy}") && value.contains("{MM}") && value.contains("{dd}"))) {
            problem(key, "'" + value + "' must contain {yyyy}, {MM} and {dd} so that each date gets its own object");
        }
        return value;
    }

    void problem(String key, String what) {
        problems.add(key + " (env " + TripflowSettings.envVarOf(key) + ") " + what);
    }

    void failIfAny() {
        if (!problems.isEmpty()) {
            throw new TripflowSettings.InvalidSettingsException(problems);
        }
    }
}
