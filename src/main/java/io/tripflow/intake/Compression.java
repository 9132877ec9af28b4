package io.tripflow.intake;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * How a dropped file's bytes become the CSV it holds. A file named {@code .gz}, or stored with
 * {@code Content-Encoding: gzip}, is decompressed as it streams: never whole in memory, never on
 * disk. Other compressions are refused by name rather than read as text. A damaged archive (corrupt,
 * or cut short) ends the read with a {@link DamagedArchiveException}; a failure of the stream below
 * (the connection, a version gone) passes through as it is.
 */
final class Compression {

    /** The endings of the compressions tripflow does not read, and what they are called. */
    private static final List<String> REFUSED = List.of(".zip", ".bz2", ".zst", ".xz", ".7z", ".lz4");

    private Compression() {
    }

    /** Why the file cannot be read, when it is compressed in a way tripflow does not read. */
    static Optional<String> refused(String key, String contentEncoding) {
        String name = key.toLowerCase(Locale.ROOT);
        String encoding = contentEncoding == null ? "" : contentEncoding.trim().toLowerCase(Locale.ROOT);
        Optional<String> ending = REFUSED.stream().filter(name::endsWith).findFirst();
        if (ending.isPresent()) {
            return Optional.of("the file is compressed as " + ending.get().substring(1) + ": tripflow reads CSV, plain or gzip "
                    + "(a .gz name or Content-Encoding: gzip)");
        }
        if (!encoding.isEmpty() && !encoding.equals("gzip") && !encoding.equals("identity")) {
            return Optional.of("the file's Content-Encoding is " + contentEncoding.trim() + ": tripflow reads CSV, plain or gzip");
        }
        return Optional.empty();
    }

    static boolean gzip(String key, String contentEncoding) {
        return key.toLowerCase(Locale.ROOT).endsWith(".gz") || "gzip".equalsIgnoreCase(contentEncoding == null ? "" : contentEncoding.trim());
    }

    /** The file's content: the bytes as they are, or decompressed as they are read. */
    static InputStream open(CountedStream source, boolean gzip) throws IOException {
        if (!gzip) {
            return source;
        }
        GZIPInputStream inflated;
        try {
            inflated = new GZIPInputStream(source, 64 * 1024);
        } catch (IOException e) {
            throw source.threw(e) ? e : new DamagedArchiveException("the file is not gzip (" + describe(e) + ")", e);
        }
        return new FilterInputStream(inflated) {
            @Override
            public int read() throws IOException {
                try {
                    return super.read();
                } catch (IOException e) {
                    throw source.threw(e) ? e : damaged(source, e);
                }
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                try {
                    return super.read(buffer, offset, length);
                } catch (IOException e) {
                    throw source.threw(e) ? e : damaged(source, e);
                }
            }
        };
    }

    private static DamagedArchiveException damaged(CountedStream source, IOException e) {
        return new DamagedArchiveException("the gzip archive is damaged after " + source.bytes() + " bytes (" + describe(e)
                + "): the rows before were read", e);
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
