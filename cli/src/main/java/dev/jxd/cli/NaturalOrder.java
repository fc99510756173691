package dev.jxd.cli;

import java.util.Comparator;
import java.util.List;

/**
 * Natural ordering as {@code lxc} sorts table rows: runs of digits compare by numeric value
 * ({@code c2} before {@code c10}), everything else by character; in rows, an empty cell sorts after a
 * non-empty one.
 */
final class NaturalOrder
{
    static final Comparator<String> STRINGS = NaturalOrder::compareStrings;
    static final Comparator<List<String>> ROWS = NaturalOrder::compareRows;

    private NaturalOrder() {}

    static int compareRows(List<String> left, List<String> right)
    {
        int columns = Math.min(left.size(), right.size());
        for (int i = 0; i < columns; i++) {
            String a = left.get(i);
            String b = right.get(i);
            if (a.equals(b)) {
                continue;
            }
            if (a.isEmpty()) {
                return 1;
            }
            if (b.isEmpty()) {
                return -1;
            }
            return compareStrings(a, b);
        }
        return Integer.compare(left.size(), right.size());
    }

    static int compareStrings(String left, String right)
    {
        int i = 0;
        int j = 0;
        while (i < left.length() && j < right.length()) {
            char a = left.charAt(i);
            char b = right.charAt(j);
            if (isDigit(a) && isDigit(b)) {
                int endA = skipDigits(left, i);
                int endB = skipDigits(right, j);
                int startA = skipZeros(left, i, endA);
                int startB = skipZeros(right, j, endB);
                int lengthA = endA - startA;
                int lengthB = endB - startB;
                if (lengthA != lengthB) {
                    return Integer.compare(lengthA, lengthB);
                }
                int digits = left.substring(startA, endA).compareTo(right.substring(startB, endB));
                if (digits != 0) {
                    return digits;
                }
                // Equal values: fewer leading zeros first, so the order stays total
                if (endA - i != endB - j) {
                    return Integer.compare(endA - i, endB - j);
                }
                i = endA;
                j = endB;
                continue;
            }
            if (a != b) {
                return Character.compare(a, b);
            }
            i++;
            j++;
        }
        return Integer.compare(left.length() - i, right.length() - j);
    }

    private static boolean isDigit(char c)
    {
        return c >= '0' && c <= '9';
    }

    private static int skipDigits(String text, int start)
    {
        int end = start;
        while (end < text.length() && isDigit(text.charAt(end))) {
            end++;
        }
        return end;
    }

    private static int skipZeros(String text, int start, int end)
    {
        int position = start;
        while (position < end - 1 && text.charAt(position) == '0') {
            position++;
        }
        return position;
    }
}
