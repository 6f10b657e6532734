package io.patchproof.demo;

/**
 * The shape of a demo estate that both demo schemas share: which host numbers are servers, the
 * ordinals servers and workstations are named by, and the obsolete "twin" records of rebuilt
 * workstations. Deterministic from the host count and the seed. Immutable.
 */
final class DemoEstate {

    static final long DAY = 86_400;
    /** The salt of the random numbers that date a twin record's end. */
    private static final long SALT_TWIN = 4;

    private final int hosts;
    private final long seed;
    private final int servers;
    private final long cutoff;

    /**
     * @param cutoff the as-of date's start, epoch seconds UTC
     */
    DemoEstate(int hosts, long seed, long cutoff) {
        this.hosts = hosts;
        this.seed = seed;
        this.servers = serverCount(hosts);
        this.cutoff = cutoff;
    }

    /**
     * 450 of 8,450 hosts are servers; other counts scale that share, but small databases keep at
     * least ten servers (or a third of the hosts) so that every server story is present.
     */
    static int serverCount(int hosts) {
        int proportional = (int) Math.round(hosts * 450.0 / 8_450.0);
        return Math.max(proportional, Math.min(10, hosts / 3));
    }

    int hosts() {
        return hosts;
    }

    int servers() {
        return servers;
    }

    /** Servers are spread evenly among the host numbers. */
    boolean isServer(int i) {
        return (long) (i + 1) * servers / hosts > (long) i * servers / hosts;
    }

    int serverOrdinal(int i) {
        return (int) ((long) i * servers / hosts);
    }

    int workstationOrdinal(int i) {
        return i - serverOrdinal(i);
    }

    /** An obsolete record of a rebuilt workstation: same name as the next host, older ResourceID. */
    boolean isTwin(int i) {
        return i + 1 < hosts && !isServer(i) && !isServer(i + 1) && workstationOrdinal(i) % 200 == 7;
    }

    /** When a twin record stopped reporting: 30 to 200 days before the as-of date. */
    long twinEnd(int twinIndex) {
        return cutoff - new DemoRandom(seed, twinIndex, SALT_TWIN).between(30 * DAY, 200 * DAY);
    }
}
