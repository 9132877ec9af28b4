package io.tripflow.engine;

/**
 * Settings read by key, each value checked as it is read: how a product line reads its own
 * settings (OrderSettings). The reader collects every problem and fails the start once, naming
 * each setting with its environment variable.
 */
public interface CheckedSettings {

    /** An AWS resource name: letters, digits, . _ - */
    String name(String key);

    /** An S3 key prefix ending in /. */
    String keyPrefix(String key);

    boolean bool(String key);

    int positiveInt(String key);

    int nonNegativeInt(String key);

    /** @param what the form expected, for the error: "a number of attempts from 1 to 100" */
    int intInRange(String key, int min, int max, String what);

    /** A Quartz cron expression. */
    String cron(String key);
}
