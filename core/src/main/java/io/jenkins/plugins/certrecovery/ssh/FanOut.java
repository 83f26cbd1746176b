package io.jenkins.plugins.certrecovery.ssh;

import io.jenkins.plugins.certrecovery.cluster.ClusterNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Runs one action on many hosts in parallel, at most {@code maxParallel} at a time. Every host's outcome is kept, in the order
 * the hosts were given: one failure never hides the others. Each host's commands run in order on one thread, so its output
 * stays in order.
 */
public final class FanOut {
    private final int maxParallel;

    public FanOut(int maxParallel) {
        if (maxParallel < 1) {
            throw new IllegalArgumentException("fan-out parallelism must be at least 1, got " + maxParallel);
        }
        this.maxParallel = maxParallel;
    }

    @FunctionalInterface
    public interface Action<K, T> {
        T apply(K item) throws Exception;
    }

    /** Runs the action on each node's connection from {@code hosts} (connecting in parallel too). */
    public <T> List<HostOutcome<T>> onNodes(ClusterHosts hosts, List<ClusterNode> nodes, Action<RemoteHost, T> action)
            throws InterruptedException {
        return run(nodes, ClusterNode::name, node -> action.apply(hosts.host(node)));
    }

    /** Runs the action on each item; {@code name} names the item's host in the outcome. */
    public <K, T> List<HostOutcome<T>> run(List<K> items, Function<K, String> name, Action<K, T> action)
            throws InterruptedException {
        if (items.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(maxParallel, items.size()), runnable -> {
            Thread thread = new Thread(runnable, "ssh-fan-out");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (K item : items) {
                futures.add(pool.submit(() -> action.apply(item)));
            }
            List<HostOutcome<T>> outcomes = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                String host = name.apply(items.get(i));
                try {
                    outcomes.add(new HostOutcome<>(host, futures.get(i).get(), null));
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    outcomes.add(new HostOutcome<>(
                            host, null, cause instanceof Exception ex ? ex : new IllegalStateException(cause)));
                }
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }
}
