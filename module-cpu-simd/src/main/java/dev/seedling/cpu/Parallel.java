package dev.seedling.cpu;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The CPU backend's threads: the calling thread plus {@code THREADS - 1} daemon workers (system property
 * {@code seedling.threads}, default the available processors). A parallel loop is split into pieces with fixed
 * boundaries (they depend only on the loop's size and cost, never on timing); the caller and the workers claim
 * pieces from a shared counter and the caller returns when every piece is done.
 *
 * <p>Why not a {@code ForkJoinPool}: a training step issues thousands of short kernels, and a fork-join round trip
 * from a thread outside the pool parks the caller and wakes a worker each time (tens of microseconds on a loaded
 * 2-core machine, more than many kernels take). Here the caller works too, and an idle worker spins for
 * {@link #SPIN_NANOS} before it parks, so back-to-back kernels find it awake.
 *
 * <p>Work below a grain size, loops issued from inside a loop, and loops issued while another thread holds the
 * workers run on the calling thread alone. An exception thrown by a piece is rethrown to the caller once every
 * claimed piece has finished; the remaining pieces are skipped.
 */
final class Parallel {
    static final int THREADS = Math.max(1, Integer.getInteger("seedling.threads",
            Runtime.getRuntime().availableProcessors()));
    /** How long an idle worker polls for the next loop before it parks. */
    static final long SPIN_NANOS = Long.getLong("seedling.spinNanos", 100_000L);
    private static final Team TEAM = THREADS > 1 ? new Team(THREADS - 1) : null;

    private Parallel() {
    }

    /** A body over the half-open range {@code [from, to)}. */
    @FunctionalInterface
    interface RangeBody {
        void run(int from, int to);
    }

    /**
     * Runs {@code body} over {@code [0, n)} split into pieces; {@code costPerItem} (roughly, elements touched per item)
     * decides whether splitting pays.
     */
    static void forRange(int n, long costPerItem, RangeBody body) {
        long total = (long) n * Math.max(1, costPerItem);
        if (TEAM == null || n < 2 || total < 32_768) {
            body.run(0, n);
            return;
        }
        int pieces = (int) Math.min(n, Math.min(THREADS * 4L, Math.max(2, total / 16_384)));
        TEAM.run(body, n, pieces);
    }

    /**
     * Runs {@code part(i)} for {@code i} in {@code [0, parts)} with one part per thread where possible: for work the
     * caller has already split evenly (a GEMM's slabs), where finer pieces would only add claiming.
     */
    static void forEachPart(int parts, RangeBody body) {
        if (TEAM == null || parts < 2) {
            body.run(0, parts);
            return;
        }
        TEAM.run(body, parts, parts);
    }

    /** One parallel loop: its pieces, the next one to claim, and how many have finished. */
    private static final class Job {
        final RangeBody body;
        final int n;
        final int pieces;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger finished = new AtomicInteger();
        volatile Throwable failure;

        Job(RangeBody body, int n, int pieces) {
            this.body = body;
            this.n = n;
            this.pieces = pieces;
        }

        /** Claims and runs pieces until none is left. */
        void work() {
            for (int p = next.getAndIncrement(); p < pieces; p = next.getAndIncrement()) {
                try {
                    if (failure == null) {
                        // piece p covers [n·p/pieces, n·(p+1)/pieces): boundaries fixed by n and pieces alone
                        body.run((int) ((long) n * p / pieces), (int) ((long) n * (p + 1) / pieces));
                    }
                } catch (Throwable t) {
                    synchronized (this) {
                        if (failure == null) {
                            failure = t;
                        }
                    }
                } finally {
                    finished.incrementAndGet();
                }
            }
        }

        boolean done() {
            return finished.get() >= pieces;
        }
    }

    /** The workers and the job they are offered; one caller at a time holds them. */
    private static final class Team {
        final ReentrantLock lock = new ReentrantLock();
        final Worker[] workers;
        volatile Job job;

        Team(int size) {
            workers = new Worker[size];
            for (int i = 0; i < size; i++) {
                workers[i] = new Worker(this, i + 1);
                workers[i].start();
            }
        }

        void run(RangeBody body, int n, int pieces) {
            if (Thread.currentThread() instanceof Worker || lock.isHeldByCurrentThread() || !lock.tryLock()) {
                body.run(0, n);     // nested, or another thread has the workers: this thread does it alone
                return;
            }
            Job j = new Job(body, n, pieces);
            try {
                job = j;
                for (Worker w : workers) {
                    if (w.parked) {
                        LockSupport.unpark(w);
                    }
                }
                j.work();
                for (int spins = 0; !j.done(); spins++) {
                    if (spins < 1 << 12) {
                        Thread.onSpinWait();
                    } else {
                        Thread.yield();     // a worker was descheduled mid-piece: let it run
                    }
                }
            } finally {
                job = null;
                lock.unlock();
            }
            Throwable t = j.failure;
            if (t instanceof RuntimeException e) {
                throw e;
            } else if (t instanceof Error e) {
                throw e;
            } else if (t != null) {
                throw new IllegalStateException("CPU backend: a parallel piece failed", t);
            }
        }
    }

    /** A worker thread: takes each new job once, spins a while between jobs, then parks until offered another. */
    private static final class Worker extends Thread {
        private final Team team;
        volatile boolean parked;

        Worker(Team team, int index) {
            super("seedling-cpu-" + index);
            this.team = team;
            setDaemon(true);
        }

        @Override
        public void run() {
            Job last = null;
            while (true) {
                Job j = team.job;
                if (j != null && j != last) {
                    last = j;
                    j.work();
                    continue;
                }
                awaitOther(last);
            }
        }

        /** Spins for {@link #SPIN_NANOS}, then parks, until the team offers a job other than {@code last}. */
        private void awaitOther(Job last) {
            long start = System.nanoTime();
            for (int spins = 0; ; spins++) {
                Job j = team.job;
                if (j != null && j != last) {
                    return;
                }
                if ((spins & 63) == 0 && System.nanoTime() - start > SPIN_NANOS) {
                    break;
                }
                Thread.onSpinWait();
            }
            parked = true;      // written before the re-check: a caller that publishes after it sees parked
            try {
                while (true) {
                    Job j = team.job;
                    if (j != null && j != last) {
                        return;
                    }
                    LockSupport.park(this);
                }
            } finally {
                parked = false;
            }
        }
    }
}
