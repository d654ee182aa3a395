package io.jpm.engine.logs;

import io.jpm.ipc.Topics;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Copies one output stream of one worker process into its log file and onto the event bus, line by line.
 *
 * <p>Fed chunk by chunk by the {@link LogReader}'s thread, and confined to it. Per chunk it writes every complete
 * line to the file under the file's lock, numbering each line (the numbers let {@code jpm logs} join the file's tail
 * to the live stream), flushes, then publishes the chunk's lines in messages of about 8 KiB. All lines of a chunk
 * share one timestamp, taken when the chunk was read. Publishing never blocks (the bus drops for slow subscribers), so the
 * file is always the full record. The message is encoded straight from the bytes by {@link LogBatchJson} and handed
 * to the publisher as a {@code byte[]} of JSON; each line carries {@code stamp}, the timestamp as the file shows it
 * (null when the app has time off), so that a client can print the line exactly as the file holds it. With a
 * {@code log_file}, each written line is also appended to that file, which the worker's other stream shares.
 */
public final class LogPump {
    /** Sees each line of the stream as it is written to the file, on the log reader's thread. */
    public interface LineWatcher {
        void line(byte[] bytes, int offset, int length);
    }

    private static final int PUBLISH_TEXT_LIMIT = 8 * 1024;
    /** A message is sent once it reaches this size, so that subscribers' queues hold small messages. */
    private static final int MESSAGE_BYTES = 8 * 1024;

    private final String app;
    private final int workerId;
    private final String stream;
    private final RotatingLogFile file;
    /** The app's log_file (both streams), or null; thread-safe and shared with the worker's other pump. */
    private final RotatingLogFile both;

    private final LogLineWriter bothWriter;
    private final AtomicLong seq;
    private final Publisher publisher;
    private final LineWatcher watcher;
    private final LineSplitter splitter;
    private final LogLineWriter writer;
    private final LogBatchJson batch;
    private final String topic;
    private final TimestampFormat stamps;
    private final byte[] stamp = new byte[TimestampFormat.MAX_BYTES];
    private int stampLength = -1; // -1: not formatted yet for this chunk
    private long lineTime;
    /** Lines the file refused (a full disk) since {@link #takeUnwritten}; confined to the reader's thread. */
    private long unwritten;
    /** Every line the file refused, for describe and the metrics: the worker's count, read by any thread. */
    private final AtomicLong unwrittenTotal;

    public LogPump(
            String app,
            int workerId,
            String stream,
            RotatingLogFile file,
            RotatingLogFile both,
            AtomicLong seq,
            AtomicLong unwrittenTotal,
            TimestampFormat timestamps,
            boolean jsonLines,
            Publisher publisher,
            LineWatcher watcher) {
        this.app = app;
        this.workerId = workerId;
        this.stream = stream;
        this.file = file;
        this.seq = seq;
        this.unwrittenTotal = unwrittenTotal;
        this.publisher = publisher;
        this.watcher = watcher;
        this.topic = Topics.log(app, stream);
        this.stamps = timestamps;
        LogLineWriter.JsonLines json = jsonLines ? new LogLineWriter.JsonLines(app, workerId, stream) : null;
        this.writer = new LogLineWriter(file, timestamps, () -> lineTime, json);
        this.both = both;
        this.bothWriter = both == null ? null : new LogLineWriter(both, timestamps, () -> lineTime, json);
        this.splitter = new LineSplitter(this::line);
        this.batch = new LogBatchJson(app, workerId, stream, PUBLISH_TEXT_LIMIT);
    }

    /** A name for messages: {@code app/id/stream}. */
    public String name() {
        return app + "/" + workerId + "/" + stream;
    }

    /** Takes the next bytes of the stream, read at {@code nowMillis}. */
    public void chunk(byte[] bytes, int length, long nowMillis) throws IOException {
        lineTime = nowMillis;
        stampLength = -1;
        try {
            synchronized (file) {
                splitter.feed(bytes, 0, length);
                file.flush();
            }
            if (both != null) both.flush();
        } finally {
            publish();
        }
    }

    /** At end of stream: the unfinished last line, if any. */
    public void end(long nowMillis) throws IOException {
        lineTime = nowMillis;
        stampLength = -1;
        try {
            synchronized (file) {
                splitter.flush();
                file.flush();
            }
            if (both != null) both.flush();
        } finally {
            publish();
        }
    }

    private void line(byte[] bytes, int offset, int length, boolean continued) throws IOException {
        try {
            writer.line(bytes, offset, length, continued);
        } catch (IOException e) {
            unwritten++; // a full disk: the line is in no file; the reader reports the count when writing resumes
            unwrittenTotal.incrementAndGet();
            return;
        }
        if (bothWriter != null) {
            try {
                bothWriter.line(bytes, offset, length, continued);
            } catch (IOException e) {
                // the stream's own file holds the line: it is numbered and published as usual
            }
        }
        if (watcher != null) watcher.line(bytes, offset, length);
        long n = seq.incrementAndGet();
        if (stampLength < 0 && stamps != null) stampLength = stamps.format(lineTime, stamp, 0);
        batch.add(n, lineTime, stamps == null ? null : stamp, stampLength, bytes, offset, length, continued);
        if (batch.size() >= MESSAGE_BYTES) publish();
    }

    /**
     * The lines the file refused since the last call (a full disk). They were neither numbered nor published, so
     * {@code jpm logs} shows no gap in numbers for them: this count is their only trace.
     */
    public long takeUnwritten() {
        long n = unwritten;
        unwritten = 0;
        return n;
    }

    private void publish() {
        byte[] json = batch.take();
        if (json != null) publisher.publishLogs(topic, json);
    }
}
