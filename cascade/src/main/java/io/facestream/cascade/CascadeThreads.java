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
 * The detector's threads, for work that splits into independent pieces: the frames of a batch, each
 * detected whole on one thread, or the pyramid levels and the R-Net and O-Net crops of a single frame,
 * a level or a part of the crops per thread, every network run single-threaded. P-Net's convolutions
 * have few channels and split poorly across threads inside one run (measured 1.4x on 2 cores), and
 * R-Net and O-Net runs split across threads wait at a barrier after every layer (split crops: R-Net
 * ~30% faster); whole pieces keep every core busy instead.
 */
final class CascadeThreads implements AutoCloseable {
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final ExecutorService pool;

    private CascadeThreads(ExecutorService pool) {
        this.pool = pool;
    }

    /** Runs {@link #map} on the calling thread, item after item. */
    static CascadeThreads callerOnly() {
        return new CascadeThreads(null);
    }

    static CascadeThreads of(int threads) {
        int id = POOLS.incrementAndGet();
        AtomicInteger count = new AtomicInteger();
        return new CascadeThreads(Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "cascade-" + id + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }));
    }

    /** {@code task} applied to every item on the threads, results in the order of {@code items}. */
    <T, R> List<R> map(List<T> items, Function<T, R> task) {
        if (pool == null) {
            return items.stream().map(task).toList();
        }
        List<Callable<R>> tasks = items.stream().<Callable<R>>map(item -> () -> task.apply(item)).toList();
        List<R> results = new ArrayList<>(items.size());
        try {
            for (Future<R> future : pool.invokeAll(tasks)) {
                results.add(future.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while detecting", e);
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
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
