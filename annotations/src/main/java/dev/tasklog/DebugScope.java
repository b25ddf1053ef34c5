package dev.tasklog;

/**
 * A block opened by {@link TaskLog#debugContext(DebugContext, String)}; closing it marks the
 * block's exit. Unlike {@link AutoCloseable#close()}, closing never throws.
 */
public interface DebugScope extends AutoCloseable {

    /** Marks the end of the block. */
    @Override
    void close();
}
