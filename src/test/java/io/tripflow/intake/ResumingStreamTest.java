package io.tripflow.intake;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ResumingStreamTest {

    private static final byte[] OBJECT = "trip_id,dropoff_datetime,fare_amount\nt1,2024-05-25 10:00:00,5\nt2,2024-05-25 11:00:00,6\n"
            .getBytes(StandardCharsets.UTF_8);

    /** The object from an offset, failing ("connection reset") after {@code failAfter} bytes, or ending early when {@code cut}. */
    private static InputStream broken(long offset, int failAfter, boolean cut) {
        return new InputStream() {
            private int position = (int) offset;
            private int read;

            @Override
            public int read() {
                throw new UnsupportedOperationException("read in blocks");
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (position == OBJECT.length) {
                    return -1;
                }
                if (read >= failAfter) {
                    if (cut) {
                        return -1;
                    }
                    throw new IOException("Connection reset");
                }
                int n = Math.min(len, Math.min(failAfter - read, OBJECT.length - position));
                System.arraycopy(OBJECT, position, b, off, n);
                position += n;
                read += n;
                return n;
            }
        };
    }

    @Test
    void aBrokenOrCutStreamIsReadOnFromTheFirstByteNotYetReadAndDeliversTheObjectExactlyOnce() throws IOException {
        List<Long> reopenedAt = new ArrayList<>();
        var stream = new ResumingStream(broken(0, 20, false), OBJECT.length, "f.csv", offset -> {
            reopenedAt.add(offset);
            return broken(offset, 25, reopenedAt.size() == 1);
        });
        assertArrayEquals(OBJECT, stream.readAllBytes());
        assertEquals(List.of(20L, 45L, 70L), reopenedAt, "reset at 20, cut short at 45, reset at 70");
    }

    @Test
    void itGivesUpWithTheLastFailureWhenReopeningMakesNoProgress() {
        var stream = new ResumingStream(broken(0, 10, false), OBJECT.length, "f.csv", offset -> broken(offset, 0, false));
        var error = assertThrows(IOException.class, stream::readAllBytes);
        assertEquals("Connection reset", error.getMessage());
    }

    @Test
    void aFailureToReopenIsTheFailure() {
        var stream = new ResumingStream(broken(0, 10, true), OBJECT.length, "f.csv", offset -> {
            throw new IOException("At least one of the pre-conditions you specified did not hold");
        });
        var error = assertThrows(IOException.class, stream::readAllBytes);
        assertEquals("At least one of the pre-conditions you specified did not hold", error.getMessage());
    }
}
