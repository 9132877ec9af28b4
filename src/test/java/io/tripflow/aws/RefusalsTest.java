package io.tripflow.aws;

import org.apache.camel.RuntimeCamelException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RefusalsTest {

    private static AwsServiceException dynamoDb(int status, String code, String message) {
        return DynamoDbException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().serviceName("DynamoDb").errorCode(code).errorMessage(message).build()).build();
    }

    @Test
    void aRefusedValueIsPermanentEvenWrappedAndSaysWhoRefusedItAndWhy() {
        var refused = dynamoDb(400, "ValidationException", "Hash primary key values must be under 2048 bytes");
        assertTrue(Refusals.refusalIn(new RuntimeCamelException(refused)).isPresent());
        assertEquals("DynamoDb refused it (ValidationException): Hash primary key values must be under 2048 bytes",
                Refusals.reason(refused));
    }

    @Test
    void throttlingServerErrorsAndMissingResourcesAreWorthRetrying() {
        assertFalse(Refusals.refusalIn(dynamoDb(400, "ThrottlingException", "Rate exceeded")).isPresent());
        assertFalse(Refusals.refusalIn(dynamoDb(400, "ProvisionedThroughputExceededException", "slow down")).isPresent());
        assertFalse(Refusals.refusalIn(dynamoDb(500, "InternalServerError", "oops")).isPresent());
        assertFalse(Refusals.refusalIn(ResourceNotFoundException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ResourceNotFoundException").build()).build()).isPresent(),
                "a table missing is the deployment's fault, not the record's");
        assertFalse(Refusals.refusalIn(new IllegalStateException("no route to host")).isPresent());
    }
}
