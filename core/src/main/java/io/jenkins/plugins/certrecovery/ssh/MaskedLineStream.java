package io.jenkins.plugins.certrecovery.ssh;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * Where JSch writes one stream of a command: keeps every byte for the result and hands each complete line, masked, to a
 * consumer. Lines that end with the start of a secret are held back until the following lines show whether the secret continues
 * there, over as many lines as it takes. Closing it (JSch does when the channel closes) flushes the held lines and counts down
 * the latch.
 */
final class MaskedLineStream extends OutputStream {
    private final SecretMasker masker;
    private final Consumer<String> lines;
    private final boolean keepBytes;
    private final CountDownLatch closed;
    private final ByteArrayOutputStream all = new ByteArrayOutputStream();
    private final ByteArrayOutputStream currentLine = new ByteArrayOutputStream();
    // Bounds what is held when lines keep extending a secret's beginning without completing it (a flood of empty
    // lines).
    private static final int MOST_HELD_LINES = 64;
    private final List<String> heldBack = new ArrayList<>();
    private boolean isClosed;

    /**
     * @param lines     receives masked lines, or null when the stream must not be shown (file content)
     * @param keepBytes keep the raw bytes for the command's result
     */
    MaskedLineStream(SecretMasker masker, Consumer<String> lines, boolean keepBytes, CountDownLatch closed) {
        this.masker = masker;
        this.lines = lines;
        this.keepBytes = keepBytes;
        this.closed = closed;
    }

    @Override
    public synchronized void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        if (keepBytes) {
            all.write(bytes, offset, length);
        }
        if (lines == null) {
            return;
        }
        int start = offset;
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] == '\n') {
                currentLine.write(bytes, start, i - start);
                completeLine();
                start = i + 1;
            }
        }
        currentLine.write(bytes, start, offset + length - start);
    }

    private void completeLine() {
        String line = currentLine.toString(StandardCharsets.UTF_8);
        currentLine.reset();
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1);
        }
        heldBack.add(masker.mask(line));
        List<String> held = heldBack.size() > 1 ? masker.maskAcrossLineBreaks(heldBack) : List.copyOf(heldBack);
        heldBack.clear();
        // Release every line that ends before the part of a secret the held lines end with; hold the rest for the next
        // line.
        int stillOpen = masker.partOfSecretAtEnd(String.join("", held));
        int keepFrom = held.size();
        for (int chars = 0; keepFrom > 0 && chars < stillOpen; ) {
            keepFrom--;
            chars += held.get(keepFrom).length();
        }
        keepFrom = Math.max(keepFrom, held.size() - MOST_HELD_LINES);
        held.subList(0, keepFrom).forEach(lines);
        heldBack.addAll(held.subList(keepFrom, held.size()));
    }

    @Override
    public synchronized void close() {
        if (isClosed) {
            return;
        }
        isClosed = true;
        if (lines != null) {
            if (currentLine.size() > 0) {
                completeLine();
            }
            heldBack.forEach(lines);
            heldBack.clear();
        }
        closed.countDown();
    }

    synchronized byte[] bytes() {
        return all.toByteArray();
    }
}
