package io.tripflow.intake;

import java.io.IOException;

/**
 * The version of a file being read is no longer there to read on from: its key was overwritten (a
 * newer version, which is taken in on its own) or deleted. Nothing a retry can change for this
 * version: the file ends incomplete, with a report of the rows it had.
 */
public class FileVersionGoneException extends IOException {
    public FileVersionGoneException(String message, Throwable cause) {
        super(message, cause);
    }
}
