package io.tripflow.deadletter;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.networknt.schema.ValidationMessage;
import io.tripflow.aws.Refusals;
import io.tripflow.kinesis.RetriesExhaustedException;
import io.tripflow.trip.InvalidTripEventException;
import org.apache.camel.ValidationException;
import org.apache.camel.component.jsonvalidator.JsonValidationException;

/** Names why a record is permanently invalid, with every reason the validators gave. */
public final class FailureClassifier {

    private FailureClassifier() {
    }

    /**
     * True when the record itself is wrong (not JSON, breaks the schema or a trip rule) or holds a
     * value a service refuses: retrying cannot help.
     */
    public static boolean isPermanent(Throwable failure) {
        return failure instanceof ValidationException || failure instanceof InvalidTripEventException
                || Refusals.refusalIn(failure).isPresent();
    }

    public static DeadLetter.FailureReason classify(Throwable failure) {
        var refusal = Refusals.refusalIn(failure);
        if (refusal.isPresent()) {
            return new DeadLetter.FailureReason("STORE_REJECTED", List.of(Refusals.reason(refusal.get())));
        }
        if (failure instanceof RetriesExhaustedException exhausted) {
            return new DeadLetter.FailureReason("RETRIES_EXHAUSTED", List.of(exhausted.getMessage()), exhausted.attempts());
        }
        if (failure instanceof InvalidTripEventException invalid) {
            return new DeadLetter.FailureReason(invalid.errorType(), invalid.reasons());
        }
        if (failure instanceof JsonValidationException validation) {
            if (validation.getErrors().stream().anyMatch(error -> error.getInstanceNode() != null && error.getInstanceNode().isMissingNode())) {
                // The parser found no JSON value at all: say so rather than "unknown found".
                return new DeadLetter.FailureReason("MALFORMED_JSON", List.of("not valid JSON: No content (the record is empty or blank)"));
            }
            if (!validation.getErrors().isEmpty()) {
                return new DeadLetter.FailureReason("SCHEMA_VIOLATION",
                        validation.getErrors().stream().map(ValidationMessage::getMessage).sorted().toList());
            }
            return classify(validation.getCause() != null ? validation.getCause() : new IllegalArgumentException(validation.getMessage()));
        }
        if (failure instanceof JsonProcessingException unparsable) {
            // The original message, without Jackson's echo of the (possibly huge) source.
            String where = unparsable.getLocation() == null ? ""
                    : " at line " + unparsable.getLocation().getLineNr() + ", column " + unparsable.getLocation().getColumnNr();
            return new DeadLetter.FailureReason("MALFORMED_JSON", List.of("not valid JSON: " + unparsable.getOriginalMessage() + where));
        }
        String message = failure.getMessage() == null ? "" : ": " + failure.getMessage();
        return new DeadLetter.FailureReason("UNPROCESSABLE", List.of(failure.getClass().getSimpleName() + message));
    }
}
