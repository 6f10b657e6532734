package io.patchproof.history;

import java.time.LocalDate;
import java.util.Arrays;

/**
 * First-seen dates by (host, update) pair in primitive arrays: a pair is the long
 * {@code ((long) resourceId << 32) | (ciId & 0xFFFFFFFFL)}, a date its epoch day. About 20 bytes
 * a pair (600,000 pairs: ~12 MB), no object per pair. Filled as a {@link PairDates} from one of
 * {@link HistoryStore}'s streams, then read; not thread-safe while it is filled, safe to read
 * from several threads after.
 */
public final class FirstSeenIndex implements PairDates {

    private static final long EMPTY = Long.MIN_VALUE;

    private long[] keys;
    private int[] days;
    private int size;

    public FirstSeenIndex() {
        this(1024);
    }

    public FirstSeenIndex(int expectedPairs) {
        int capacity = Integer.highestOneBit(Math.max(16, expectedPairs * 2 - 1)) << 1;
        keys = new long[capacity];
        Arrays.fill(keys, EMPTY);
        days = new int[capacity];
    }

    public static long pair(int resourceId, int ciId) {
        return ((long) resourceId << 32) | (ciId & 0xFFFFFFFFL);
    }

    @Override
    public void accept(int resourceId, int ciId, LocalDate firstSeen) {
        put(pair(resourceId, ciId), (int) firstSeen.toEpochDay());
    }

    /** The pair's first-seen date, or null when the pair is not in the index. */
    public LocalDate get(int resourceId, int ciId) {
        int slot = find(pair(resourceId, ciId));
        return keys[slot] == EMPTY ? null : LocalDate.ofEpochDay(days[slot]);
    }

    /** The pair's first-seen date, or {@code otherwise} (the as-of date of a run: a pair new to it). */
    public LocalDate getOrDefault(int resourceId, int ciId, LocalDate otherwise) {
        LocalDate d = get(resourceId, ciId);
        return d == null ? otherwise : d;
    }

    public int size() {
        return size;
    }

    private void put(long key, int day) {
        if (key == EMPTY) {
            throw new IllegalArgumentException("resource " + Integer.MIN_VALUE + " with update 0 cannot be kept in a FirstSeenIndex");
        }
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int slot = find(key);
        if (keys[slot] == EMPTY) {
            keys[slot] = key;
            size++;
        }
        days[slot] = day;
    }

    private int find(long key) {
        int mask = keys.length - 1;
        int slot = (int) mix(key) & mask;
        while (keys[slot] != EMPTY && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldDays = days;
        keys = new long[oldKeys.length * 2];
        Arrays.fill(keys, EMPTY);
        days = new int[keys.length];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                int slot = find(oldKeys[i]);
                keys[slot] = oldKeys[i];
                days[slot] = oldDays[i];
            }
        }
    }

    private static long mix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        return k;
    }
}
