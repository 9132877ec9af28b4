package io.tripflow.intake;

import java.io.IOException;

/** A compressed file that cannot be decompressed from here on (corrupt or cut short): the file is rejected, the rows before it count. */
public class DamagedArchiveException extends IOException {

    public DamagedArchiveException(String message, Throwable cause) {
        super(message, cause);
    }
}
