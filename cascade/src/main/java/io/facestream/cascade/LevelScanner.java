package io.facestream.cascade;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs pyramid levels side by side, one level per thread with single-threaded P-Net runs. P-Net's
 * convolutions have few channels and split poorly across threads inside one run (measured 1.4x on 2
 * cores); whole levels, queued largest first, keep every core busy instead.
 */
final class LevelScanner implements AutoCloseable {
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final ExecutorService pool;

    LevelScanner(int threads) {
        int id = POOLS.incrementAndGet();
        AtomicInteger count = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "pnet-" + id + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** {@code scan} applied to every level, results in the order of {@code levels}. */
    <T> List<T> scanAll(List<PyramidLevel> levels, Function<PyramidLevel, T> scan) {
        List<Callable<T>> tasks = levels.stream().<Callable<T>>map(level -> () -> scan.apply(level)).toList();
        List<T> results = new ArrayList<>(levels.size());
        try {
            for (Future<T> future : pool.invokeAll(tasks)) {
                results.add(future.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while scanning pyramid levels", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
        return results;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
