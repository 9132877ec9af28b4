package io.tripflow.cli;

import io.tripflow.config.TripflowSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** {@code tripflow}: the production launcher's commands. The dev launcher adds stack and demo. */
@Command(name = "tripflow", mixinStandardHelpOptions = true, version = "tripflow 0.1.0",
        description = "Trip events from Kinesis, trip files and shop files from S3, to trusted state in DynamoDB and daily KPIs.",
        subcommands = {RunCommand.class, ReplayCommand.class, SimulateCommand.class, KpiCommand.class, RedriveCommand.class,
                BackfillAnalyticsCommand.class, CreateResourcesCommand.class, FilesCommand.class})
public class TripflowCli {

    public static void main(String[] args) {
        System.exit(commandLine(new TripflowCli()).execute(args));
    }

    /** Settings errors are the user's to fix: print what is wrong, not a stack trace. */
    public static CommandLine commandLine(Object root) {
        CommandLine cli = new CommandLine(root);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            Throwable cause = e;
            while (cause != null && !(cause instanceof TripflowSettings.InvalidSettingsException)) {
                cause = cause.getCause();
            }
            if (cause != null) {
                commandLine.getErr().println(cause.getMessage());
                return 2;
            }
            throw e;
        });
        return cli;
    }
}
