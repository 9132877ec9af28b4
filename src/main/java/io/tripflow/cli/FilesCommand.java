package io.tripflow.cli;

import java.util.List;
import java.util.concurrent.Callable;

import io.tripflow.TripflowApplication;
import io.tripflow.intake.FileClaims;
import io.tripflow.intake.FileRequeue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tripflow files status|retry|reprocess}: the files in flight, and putting a dropped file back to be taken in. */
@Command(name = "files", description = "Dropped files (trip or shop): those in flight, or one put back to be taken in.",
        subcommands = {FilesCommand.Status.class, FilesCommand.Retry.class, FilesCommand.Reprocess.class})
public class FilesCommand {

    @Command(name = "status", description = "The files being taken in, with their owner and progress, and those waiting to be retried.")
    static class Status implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            List<FileClaims.InFlight> files = TripflowApplication.runOnce(TripflowApplication.Mode.NO_ROUTES,
                    camel -> camel.getRegistry().findSingleByType(FileClaims.class).inFlight());
            if (files.isEmpty()) {
                System.out.println("no file is being taken in or waiting to be retried");
            }
            for (FileClaims.InFlight file : files) {
                System.out.println(file.fileId() + "  attempt " + file.attempts() + " by " + file.owner() + ", lease until " + file.leaseUntil()
                        + ", " + file.rowsDone() + " rows and " + file.bytesDone() + " bytes read at the last renewal"
                        + (file.lastError() == null ? "" : "; the last attempt failed with: " + file.lastError()));
            }
            return 0;
        }
    }

    /** Both subcommands: the file's key, from the folders the subcommand takes files from. */
    abstract static class Requeue implements Callable<Integer> {
        @Parameters(paramLabel = "KEY", description = "its key in the files bucket, e.g. failed/trips.csv")
        String key;

        abstract FileRequeue.From from();

        @Override
        public Integer call() throws Exception {
            try {
                String incoming = TripflowApplication.runOnce(TripflowApplication.Mode.NO_ROUTES,
                        camel -> camel.getRegistry().findSingleByType(FileRequeue.class).requeue(key, from()));
                System.out.println(key + " is back as " + incoming + ": the next poll takes it in");
                return 0;
            } catch (IllegalArgumentException e) {
                System.err.println(e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "retry", description = "A file given up in failed/ (once what failed it is fixed) back to incoming/, to be taken in again.")
    static class Retry extends Requeue {
        @Override
        FileRequeue.From from() {
            return FileRequeue.From.FAILED;
        }
    }

    @Command(name = "reprocess", description = "A file taken in before (processed/, rejected/, failed/ or still in incoming/) taken in again as new, "
            + "e.g. after a settings fix; its rows are duplicates where they were stored before.")
    static class Reprocess extends Requeue {
        @Override
        FileRequeue.From from() {
            return FileRequeue.From.ANY;
        }
    }
}
