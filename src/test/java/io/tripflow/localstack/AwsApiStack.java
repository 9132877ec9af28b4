package io.tripflow.localstack;

import java.util.Map;

/** AWS-API servers that tests start themselves, and how a client in this JVM or another process reaches them. */
public interface AwsApiStack extends AutoCloseable {

    /** The environment a separate process (tripflow run, the AWS CLI) needs to use this stack. */
    Map<String, String> environment();

    /** The same, as the SDK's system properties, for clients built inside this JVM. */
    Map<String, String> systemProperties();

    @Override
    void close();
}
