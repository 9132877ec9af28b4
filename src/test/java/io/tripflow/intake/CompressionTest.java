package io.tripflow.intake;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompressionTest {

    private static final byte[] CSV = "trip_id,dropoff_datetime,fare_amount\nr1,2024-05-25 10:00:00,5\n".repeat(200)
            .getBytes(StandardCharsets.UTF_8);

    static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(content);
        }
        return out.toByteArray();
    }

    /** The file's bytes as the intake opens them, counted and decompressed or not. */
    private static InputStream open(byte[] file, boolean gzip) throws IOException {
        return Compression.open(new CountedStream(new ByteArrayInputStream(file), bytes -> { }), gzip);
    }

    @Test
    void aGzipFileIsReadDecompressedByItsNameOrItsContentEncoding() throws IOException {
        byte[] compressed = gzip(CSV);
        assertArrayEquals(CSV, open(compressed, Compression.gzip("incoming/trips.csv.GZ", null)).readAllBytes());
        assertTrue(Compression.gzip("incoming/trips.csv", " gzip"));
        assertFalse(Compression.gzip("incoming/trips.csv", "identity"));
        assertArrayEquals(CSV, open(CSV, false).readAllBytes());
    }

    @Test
    void aTruncatedOrCorruptOrFakeArchiveIsDamagedWithTheBytesReadBeforeIt() throws IOException {
        byte[] compressed = gzip(CSV);
        InputStream truncated = open(Arrays.copyOf(compressed, compressed.length / 2), true);
        var cut = assertThrows(DamagedArchiveException.class, truncated::readAllBytes);
        assertTrue(cut.getMessage().startsWith("the gzip archive is damaged after " + compressed.length / 2 + " bytes"), cut.getMessage());
        byte[] corrupt = compressed.clone();
        corrupt[20] ^= (byte) 0xFF;
        corrupt[21] ^= (byte) 0xFF;
        assertThrows(DamagedArchiveException.class, () -> open(corrupt, true).readAllBytes());
        var fake = assertThrows(DamagedArchiveException.class, () -> open(CSV, true));
        assertTrue(fake.getMessage().startsWith("the file is not gzip"), fake.getMessage());
        assertThrows(DamagedArchiveException.class, () -> open(new byte[0], true));
    }

    @Test
    void aFailureOfTheStreamBelowIsNotTheArchivesFault() throws IOException {
        IOException broken = new IOException("connection reset");
        byte[] compressed = gzip(CSV);
        // the first 100 bytes of the archive, then the connection breaks
        InputStream breaking = new InputStream() {
            private final InputStream first = new ByteArrayInputStream(compressed, 0, 100);

            @Override
            public int read() throws IOException {
                int b = first.read();
                if (b < 0) {
                    throw broken;
                }
                return b;
            }
        };
        InputStream decoded = Compression.open(new CountedStream(breaking, bytes -> { }), true);
        assertSame(broken, assertThrows(IOException.class, decoded::readAllBytes));
    }

    @Test
    void otherCompressionsAreRefusedByName() {
        assertEquals("the file is compressed as bz2: tripflow reads CSV, plain or gzip (a .gz name or Content-Encoding: gzip)",
                Compression.refused("incoming/trips.csv.bz2", null).orElseThrow());
        assertTrue(Compression.refused("incoming/trips.ZIP", null).isPresent());
        assertTrue(Compression.refused("incoming/trips.csv", "br").orElseThrow().contains("Content-Encoding is br"));
        assertTrue(Compression.refused("incoming/trips.csv.gz", "gzip").isEmpty());
        assertTrue(Compression.refused("incoming/trips.csv", null).isEmpty());
    }
}
