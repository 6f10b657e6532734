package io.patchproof.demo;

/**
 * SplitMix64, written out so that the demo data depends on nothing but the seed: neither the JDK's
 * random classes (whose bounded methods are not specified bit for bit) nor the order in which
 * hosts are generated. Each host gets its own stream keyed by (seed, host index, purpose).
 *
 * <p>Not thread-safe; cheap to create.
 */
final class DemoRandom {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private long state;

    DemoRandom(long seed, long... keys) {
        long h = mix(seed ^ GOLDEN);
        for (long key : keys) {
            h = mix(h + GOLDEN + mix(key));
        }
        this.state = h;
    }

    long nextLong() {
        state += GOLDEN;
        return mix(state);
    }

    /** Uniform in {@code [0, bound)}; the tiny modulo bias does not matter for demo data. */
    int nextInt(int bound) {
        return (int) ((nextLong() >>> 1) % bound);
    }

    /** Uniform in {@code [from, to)}; {@code from} when the range is empty. */
    long between(long from, long to) {
        return to <= from ? from : from + (nextLong() >>> 1) % (to - from);
    }

    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    boolean chance(double probability) {
        return nextDouble() < probability;
    }

    /** Index into {@code weights}, chosen with probability proportional to the weight. */
    int weighted(int... weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int r = nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    @SafeVarargs
    final <T> T pick(T... values) {
        return values[nextInt(values.length)];
    }

    /** A value from {@code values} chosen by {@code weights} (same length). */
    int pickWeighted(int[] values, int[] weights) {
        return values[weighted(weights)];
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
