package io.tripflow.aws;

import java.util.Optional;
import java.util.Set;

import org.apache.camel.Exchange;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Tells a service's refusal of a value (permanent: the same request is refused again, whatever the
 * wait) from a failure worth retrying (throttling, 5xx, timeouts, a service unreachable). Only the
 * first may dead-letter a record or reject a row; the second stalls nothing but is retried. The
 * status code alone cannot tell them apart (400 covers throttling too), so refusals are named by
 * their error codes.
 */
public final class Refusals {

    /**
     * How DynamoDB (number limits, item over 400 KB, key over 2,048 bytes), Kinesis (a partition key
     * over 256 characters), S3 (a key over 1,024 bytes) and SQS refuse a request's values.
     */
    static final Set<String> VALUE_REFUSED = Set.of("ValidationException", "InvalidArgumentException", "KeyTooLongError",
            "EntityTooLarge", "InvalidParameterValue", "InvalidMessageContents");

    private Refusals() {
    }

    /** The refusal behind a failure, looking through its causes; empty when retrying may help. */
    public static Optional<AwsServiceException> refusalIn(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof AwsServiceException service && isValueRefused(service)) {
                return Optional.of(service);
            }
        }
        return Optional.empty();
    }

    /** For the routes' onException/doCatch onWhen: the exchange failed because a service refused a value. */
    public static boolean isRefusal(Exchange exchange) {
        Throwable failure = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        return refusalIn(failure).isPresent();
    }

    /** "DynamoDb refused it (ValidationException): <the service's message>". */
    public static String reason(AwsServiceException refusal) {
        var details = refusal.awsErrorDetails();
        String service = details == null || details.serviceName() == null ? "the service" : details.serviceName();
        String message = details == null || details.errorMessage() == null ? refusal.getMessage() : details.errorMessage();
        return service + " refused it (" + (details == null ? refusal.statusCode() : details.errorCode()) + "): " + message;
    }

    private static boolean isValueRefused(AwsServiceException service) {
        return !service.isThrottlingException() && service.statusCode() >= 400 && service.statusCode() < 500
                && service.awsErrorDetails() != null && VALUE_REFUSED.contains(service.awsErrorDetails().errorCode());
    }
}
