package dev.openclawfleet.plist;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A parsed plist dictionary of a few keys, read-only, in the file's order: two arrays instead of a
 * LinkedHashMap's table and one 32-byte entry per key. A launchd job's dictionaries hold a dozen keys
 * or fewer, so a look-up scans them; larger dictionaries stay LinkedHashMaps (see {@link #MAX_KEYS}).
 */
final class SmallDict extends AbstractMap<String, Object> {
    /** Dictionaries up to this many keys are kept as a SmallDict: a scan of 16 keys costs no more than hashing. */
    static final int MAX_KEYS = 16;

    private final String[] keys;
    private final Object[] values;

    /** {@code keys} distinct and {@code values} non-null, both owned by the new dictionary from now on. */
    SmallDict(String[] keys, Object[] values) {
        this.keys = keys;
        this.values = values;
    }

    @Override
    public int size() {
        return keys.length;
    }

    @Override
    public Object get(Object key) {
        int at = indexOf(key);
        return at < 0 ? null : values[at];
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    private int indexOf(Object key) {
        if (key == null) {
            return -1;
        }
        int hash = key.hashCode();
        for (int i = 0; i < keys.length; i++) {
            String k = keys[i];
            if (k == key || k.hashCode() == hash && k.equals(key)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return keys.length;
            }

            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < keys.length;
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (next >= keys.length) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(keys[i], values[i]);
                    }
                };
            }
        };
    }

    @Override
    public void forEach(java.util.function.BiConsumer<? super String, ? super Object> action) {
        for (int i = 0; i < keys.length; i++) {
            action.accept(keys[i], values[i]);
        }
    }

    /** A dictionary with these entries, in order: a SmallDict when it is small, else a LinkedHashMap. */
    static Map<String, Object> of(String[] keys, Object[] values, int count) {
        if (count <= MAX_KEYS) {
            return new SmallDict(java.util.Arrays.copyOf(keys, count), java.util.Arrays.copyOf(values, count));
        }
        Map<String, Object> out = new java.util.LinkedHashMap<>(count * 4 / 3 + 1);
        for (int i = 0; i < count; i++) {
            out.put(keys[i], values[i]);
        }
        return out;
    }
}
