package io.tripflow.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Appends "service:Operation" (IAM's spelling) for every AWS call a process makes to the file
 * named by the system property {@value #LOG_PROPERTY}. Loaded by the SDK as a global interceptor
 * when a test puts it on a tripflow process's classpath; never part of the application.
 */
public class AwsCallRecorder implements ExecutionInterceptor {

    static final String LOG_PROPERTY = "tripflow.test.aws-call-log";

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String log = System.getProperty(LOG_PROPERTY);
        if (log == null) {
            return;
        }
        String action = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME).toLowerCase() + ":"
                + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME) + "\n";
        try {
            Files.writeString(Path.of(log), action, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
