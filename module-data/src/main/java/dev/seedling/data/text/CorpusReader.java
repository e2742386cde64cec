package dev.seedling.data.text;

import dev.seedling.data.progress.Progress;
import dev.seedling.data.tokenizer.InvalidUtf8Exception;
import dev.seedling.data.tokenizer.PreTokenizer;
import dev.seedling.data.tokenizer.Utf8;
import dev.seedling.data.tokenizer.Utf8Policy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Streams UTF-8 text files into a {@link DocumentSink}: each file is memory-mapped in windows of at most 64 MiB and
 * decoded incrementally, so heap use is bounded by a few MiB of chars whatever the file size (lines longer than
 * 1 Mi chars are passed on in chunks too). A UTF-8 byte order mark at the start of a file is skipped (it still counts
 * in progress and byte offsets). Invalid UTF-8 is replaced (LENIENT) or reported with the file and byte offset
 * (STRICT).
 *
 * <p>Not thread-safe; one reader per thread.
 */
public final class CorpusReader {
    private static final int WINDOW = 64 << 20;
    private static final int CHUNK = 1 << 20;
    private static final int HARD_CHUNK = 4 << 20;

    private final DocumentBoundary boundary;
    private final Utf8Policy policy;
    private final StringBuilder doc = new StringBuilder();
    private final StringBuilder line = new StringBuilder();
    private boolean docOpen;
    private boolean lineContinues;
    private boolean lineBlank = true; // whether line holds white space only, kept per char (rescanning is quadratic)

    /** A reader splitting documents at {@code boundary}, decoding under {@code policy}. */
    public CorpusReader(DocumentBoundary boundary, Utf8Policy policy) {
        this.boundary = boundary;
        this.policy = policy;
    }

    /**
     * Streams {@code file} into {@code sink}, advancing {@code progress} (may be null) by bytes read.
     *
     * @throws TextSourceException naming the file if it cannot be opened or read
     * @throws InvalidUtf8Exception under STRICT, naming the file and byte offset
     */
    public void read(Path file, DocumentSink sink, Progress progress) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            long pos = bomLength(ch, size);
            if (pos > 0 && progress != null) {
                progress.advance(pos);
            }
            CharsetDecoder dec = Utf8.decoder(policy);
            CharBuffer out = CharBuffer.allocate(CHUNK);
            do {
                long len = Math.min(WINDOW, size - pos);
                boolean last = pos + len == size;
                MappedByteBuffer in = ch.map(FileChannel.MapMode.READ_ONLY, pos, len);
                while (true) {
                    CoderResult r = dec.decode(in, out, last);
                    if (r.isError()) {
                        throw new InvalidUtf8Exception(file, pos + in.position(), Utf8.describe(r));
                    }
                    if (r.isOverflow()) {
                        drain(out, sink);
                        continue;
                    }
                    break;
                }
                if (last) {
                    while (dec.flush(out).isOverflow()) {
                        drain(out, sink);
                    }
                }
                if (progress != null) {
                    progress.advance(in.position());
                }
                pos += in.position();
            } while (pos < size);
            drain(out, sink);
        } catch (IOException e) {
            throw new TextSourceException("cannot read text file " + file + ": " + e, e);
        }
        finishFile(sink);
    }

    /** 3 if the file starts with the UTF-8 byte order mark EF BB BF, which is no part of the text; else 0. */
    private static long bomLength(FileChannel ch, long size) throws IOException {
        if (size < 3) {
            return 0;
        }
        ByteBuffer head = ByteBuffer.allocate(3);
        while (head.hasRemaining() && ch.read(head, head.position()) >= 0) {
            // a positional read may return fewer bytes
        }
        return head.position() == 3 && head.get(0) == (byte) 0xEF && head.get(1) == (byte) 0xBB
                && head.get(2) == (byte) 0xBF ? 3 : 0;
    }

    private void drain(CharBuffer out, DocumentSink sink) {
        out.flip();
        while (out.hasRemaining()) {
            char c = out.get();
            if (boundary == DocumentBoundary.FILE) {
                doc.append(c);
            } else {
                line.append(c);
                lineBlank &= PreTokenizer.isWhiteSpace(c);
                if (c == '\n') {
                    endLine(sink);
                } else if (line.length() >= CHUNK && !lineBlank) {
                    // a very long line: move it into the document so that it can be flushed in safe chunks
                    doc.append(line);
                    line.setLength(0);
                    lineBlank = true;
                    docOpen = true;
                    lineContinues = true;
                    flushSafePrefix(sink);
                }
            }
        }
        out.clear();
        flushSafePrefix(sink);
    }

    private void endLine(DocumentSink sink) {
        boolean blank = !lineContinues && lineBlank;
        lineContinues = false;
        if (boundary == DocumentBoundary.LINE) {
            if (!blank) {
                int end = line.length();
                while (end > 0 && (line.charAt(end - 1) == '\n' || line.charAt(end - 1) == '\r')) {
                    end--;
                }
                doc.append(line, 0, end);
                docOpen = true;
                endDocument(sink);
            }
        } else if (blank) {
            if (docOpen || !doc.isEmpty()) {
                endDocument(sink);
            }
        } else {
            doc.append(line);
            docOpen = true;
        }
        line.setLength(0);
        lineBlank = true;
    }

    private void endDocument(DocumentSink sink) {
        if (boundary == DocumentBoundary.BLANK_LINE) { // the newline before the blank line belongs to no document
            int end = doc.length();
            while (end > 0 && (doc.charAt(end - 1) == '\n' || doc.charAt(end - 1) == '\r')) {
                end--;
            }
            doc.setLength(end);
        }
        if (!doc.isEmpty()) {
            sink.text(doc.toString());
        }
        doc.setLength(0);
        sink.endDocument();
        docOpen = false;
    }

    private void flushSafePrefix(DocumentSink sink) {
        if (doc.length() < CHUNK) {
            return;
        }
        int cut = -1;
        for (int p = doc.length() - 1; p > 0; p--) {
            if (PreTokenizer.isWhiteSpace(doc.charAt(p)) && !PreTokenizer.isWhiteSpace(doc.charAt(p - 1))) {
                cut = p;
                break;
            }
        }
        if (cut < 0 && doc.length() >= HARD_CHUNK) {
            cut = doc.length();
            if (Character.isHighSurrogate(doc.charAt(cut - 1))) {
                cut--;
            }
        }
        if (cut > 0) {
            sink.text(doc.substring(0, cut));
            doc.delete(0, cut);
            docOpen = true;
        }
    }

    private void finishFile(DocumentSink sink) {
        if (!line.isEmpty()) {
            line.append('\n');
            endLine(sink);
        }
        if (boundary == DocumentBoundary.FILE || docOpen || !doc.isEmpty()) {
            endDocument(sink);
        }
    }
}
