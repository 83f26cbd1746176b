package io.jenkins.plugins.certrecovery.ssh;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * Where JSch writes one stream of a command: keeps every byte for the result and hands each complete line, masked, to a
 * consumer. A line that ends with the start of a secret is held back until the next line shows whether the secret continues
 * there. Closing it (JSch does when the channel closes) flushes the last line and counts down the latch.
 */
final class MaskedLineStream extends OutputStream {
    private final SecretMasker masker;
    private final Consumer<String> lines;
    private final boolean keepBytes;
    private final CountDownLatch closed;
    private final ByteArrayOutputStream all = new ByteArrayOutputStream();
    private final ByteArrayOutputStream currentLine = new ByteArrayOutputStream();
    private String heldBack;
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
        if (heldBack != null) {
            String[] pair = masker.maskAcrossLineBreak(heldBack, line);
            lines.accept(pair[0]);
            heldBack = null;
            line = pair[1];
        }
        String masked = masker.mask(line);
        if (masker.endsWithPartOfSecret(masked)) {
            heldBack = masked;
        } else {
            lines.accept(masked);
        }
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
            if (heldBack != null) {
                lines.accept(heldBack);
                heldBack = null;
            }
        }
        closed.countDown();
    }

    synchronized byte[] bytes() {
        return all.toByteArray();
    }
}
