package io.tripflow.csv;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Reads CSV records one at a time from a character stream, so that a file of any size is never
 * whole in memory. RFC 4180 fields: quoted fields may hold commas, doubled quotes and line breaks.
 * Line ends are LF or CRLF, a UTF-8 byte-order mark before the first field is dropped, blank lines
 * are skipped, and the last record needs no line end. Every field stays text.
 *
 * <p>A record longer than {@code maxRecordChars} is not kept: it comes back as {@link Record#tooLong}
 * with its line number, and reading goes on after it, so one absurd line cannot exhaust the heap.
 */
public final class CsvRecords implements Iterator<CsvRecords.Record> {

    /** The longest record tripflow's readers keep: longer than any row of ours, and a Kinesis record holds at most 1 MB anyway. */
    public static final int MAX_RECORD_CHARS = 1 << 20;

    /** One record: the line it starts on, and its fields (none when it was too long to keep). */
    public record Record(int line, List<String> fields, boolean tooLong) {
    }

    private static final int END = -1;

    private final Reader in;
    private final int maxRecordChars;
    /** Read ahead in blocks: a Reader's read() of one char takes a lock per call, per character of the file. */
    private final char[] buffer = new char[16 * 1024];
    private int position;
    private int limit;
    private int line = 1;
    private boolean first = true;
    private Record next;
    private boolean done;

    public CsvRecords(Reader in, int maxRecordChars) {
        this.in = in;
        this.maxRecordChars = maxRecordChars;
    }

    @Override
    public boolean hasNext() {
        if (next == null && !done) {
            next = readRecord();
            done = next == null;
        }
        return next != null;
    }

    @Override
    public Record next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Record record = next;
        next = null;
        return record;
    }

    /** The next non-blank record, or null at the end of the stream. */
    private Record readRecord() {
        try {
            while (true) {
                int startLine = line;
                List<String> fields = new ArrayList<>();
                StringBuilder field = new StringBuilder();
                boolean quoted = false;
                boolean sawAnything = false;
                int chars = 0;
                int c;
                while ((c = read()) != END) {
                    if (first) {
                        first = false;
                        if (c == '\uFEFF') {
                            continue;
                        }
                    }
                    if (++chars > maxRecordChars) {
                        skipRestOfRecord(quoted);
                        return new Record(startLine, List.of(), true);
                    }
                    if (quoted) {
                        if (c == '"') {
                            if (peek() == '"') {
                                read();
                                field.append('"');
                                continue;
                            }
                            quoted = false;
                        } else {
                            if (c == '\n') {
                                line++;
                            }
                            field.append((char) c);
                        }
                    } else if (c == '"') {
                        quoted = true;
                        sawAnything = true;
                    } else if (c == ',') {
                        fields.add(field.toString());
                        field.setLength(0);
                        sawAnything = true;
                    } else if (c == '\n') {
                        line++;
                        break;
                    } else if (c != '\r') {
                        field.append((char) c);
                        sawAnything = true;
                    }
                }
                if (!sawAnything) {
                    if (c == END) {
                        return null;
                    }
                    continue; // a blank line
                }
                fields.add(field.toString());
                return new Record(startLine, fields, false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int read() throws IOException {
        int c = peek();
        if (c != END) {
            position++;
        }
        return c;
    }

    private int peek() throws IOException {
        if (position == limit) {
            int n = in.read(buffer, 0, buffer.length);
            if (n <= 0) {
                return END;
            }
            position = 0;
            limit = n;
        }
        return buffer[position];
    }

    /** Reads past the rest of an overlong record, counting its line breaks. */
    private void skipRestOfRecord(boolean quoted) throws IOException {
        int c;
        while ((c = read()) != END) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\n') {
                line++;
                if (!quoted) {
                    return;
                }
            }
        }
    }
}
