package dev.jxd.cli;

import picocli.CommandLine.Model.CommandSpec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

import static java.util.Objects.requireNonNull;

/**
 * Cobra's flag groups ({@code MarkFlagsRequiredTogether}, {@code MarkFlagsMutuallyExclusive}) with cobra's error
 * messages, which LXD's test suite asserts. Like cobra, groups are checked required-together first, then mutually
 * exclusive, each kind in the order of its group's name, and a flag counts as set when it appears on the command
 * line, whatever its value. Instances are immutable.
 */
final class FlagGroups
{
    static final FlagGroups NONE = new FlagGroups(List.of(), List.of());

    private final List<List<String>> requiredTogether;
    private final List<List<String>> mutuallyExclusive;

    private FlagGroups(List<List<String>> requiredTogether, List<List<String>> mutuallyExclusive)
    {
        this.requiredTogether = List.copyOf(requiredTogether);
        this.mutuallyExclusive = List.copyOf(mutuallyExclusive);
    }

    /** These groups plus one of flags (long names without dashes) that must be given all together or not at all. */
    FlagGroups requiredTogether(String... flags)
    {
        return new FlagGroups(append(requiredTogether, flags), mutuallyExclusive);
    }

    /** These groups plus one of flags (long names without dashes) of which at most one may be given. */
    FlagGroups mutuallyExclusive(String... flags)
    {
        return new FlagGroups(requiredTogether, append(mutuallyExclusive, flags));
    }

    /** Checks the groups against the options picocli matched on the command line. */
    void validate(CommandSpec spec)
    {
        requireNonNull(spec, "spec is null");
        validate(spec.commandLine().getParseResult()::hasMatchedOption);
    }

    /** @throws CliException with cobra's message for the first violated group */
    void validate(Predicate<String> isSet)
    {
        requireNonNull(isSet, "isSet is null");
        for (List<String> group : byName(requiredTogether)) {
            List<String> missing = group.stream().filter(isSet.negate()).sorted().toList();
            if (!missing.isEmpty() && missing.size() != group.size()) {
                throw new CliException("if any flags in the group [%s] are set they must all be set; missing [%s]"
                        .formatted(String.join(" ", group), String.join(" ", missing)));
            }
        }
        for (List<String> group : byName(mutuallyExclusive)) {
            List<String> set = group.stream().filter(isSet).sorted().toList();
            if (set.size() > 1) {
                throw new CliException("if any flags in the group [%s] are set none of the others can be; [%s] were all set"
                        .formatted(String.join(" ", group), String.join(" ", set)));
            }
        }
    }

    private static List<List<String>> append(List<List<String>> groups, String... flags)
    {
        List<List<String>> appended = new ArrayList<>(groups);
        appended.add(List.of(flags));
        return appended;
    }

    // Cobra keys each group by its flag names joined with spaces and visits the keys sorted
    private static List<List<String>> byName(List<List<String>> groups)
    {
        return groups.stream()
                .sorted(Comparator.comparing((List<String> group) -> String.join(" ", group)))
                .toList();
    }
}
