package dev.jxd.cli;

import java.util.Locale;

/** The wire records keep an absent string as {@code null}; lxc, decoding into Go strings, sees and prints {@code ""}. */
final class Strings
{
    private Strings() {}

    static String nullToEmpty(String value)
    {
        return value == null ? "" : value;
    }

    /** A status or type as lxc's tables show it. */
    static String upperCase(String value)
    {
        return nullToEmpty(value).toUpperCase(Locale.ROOT);
    }

    static boolean isNullOrEmpty(String value)
    {
        return value == null || value.isEmpty();
    }
}
