package io.tripflow.localstack;

import java.util.Locale;
import java.util.Map;

/**
 * Which AWS-API servers the integration tests run against, chosen by {@value #VARIABLE}:
 * <ul>
 * <li>{@code embedded}: the emulators {@link LocalAwsStack} starts in and beside this JVM;</li>
 * <li>{@code endpoint}: an external LocalStack-compatible endpoint, {@code AWS_ENDPOINT_URL};</li>
 * <li>{@code testcontainers}: a LocalStack-compatible container that Testcontainers starts
 *     ({@link ContainerStack}); needs a Docker engine.</li>
 * </ul>
 * Unset, it is {@code endpoint} when AWS_ENDPOINT_URL is set and {@code embedded} otherwise.
 */
public enum StackChoice {
    EMBEDDED, ENDPOINT, TESTCONTAINERS;

    public static final String VARIABLE = "TRIPFLOW_TEST_STACK";

    /** @param env the process environment */
    public static StackChoice from(Map<String, String> env) {
        String value = env.get(VARIABLE);
        boolean endpointGiven = !blank(env.get("AWS_ENDPOINT_URL"));
        if (blank(value)) {
            return endpointGiven ? ENDPOINT : EMBEDDED;
        }
        StackChoice choice;
        try {
            choice = valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(VARIABLE + "=" + value + " is none of embedded, endpoint, testcontainers");
        }
        if (choice == ENDPOINT && !endpointGiven) {
            throw new IllegalArgumentException(VARIABLE + "=endpoint needs AWS_ENDPOINT_URL (with AWS_REGION and credentials): "
                    + "the LocalStack-compatible endpoint to run against");
        }
        return choice;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
