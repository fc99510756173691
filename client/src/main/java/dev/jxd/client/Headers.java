package dev.jxd.client;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

final class Headers
{
    private Headers() {}

    /** An unmodifiable copy whose lookups ignore case, as HTTP header names do. */
    static Map<String, String> copyOf(Map<String, String> headers)
    {
        TreeMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(headers);
        return Collections.unmodifiableSortedMap(copy);
    }
}
