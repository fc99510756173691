package dev.jxd.api.validate;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestNames
{
    @Test
    void testValidClusterLinkNames()
    {
        // Spec §4.5 and LXD's TestValidateClusterLinkName, plus characters LXD lets through
        for (String name : List.of("primary", "backup-cluster", "link123", "a", "my link", "a#b", "50%", "a_b", "a.b", "-x")) {
            assertThatCode(() -> Names.validateClusterLinkName(name)).as(name).doesNotThrowAnyException();
        }
    }

    @Test
    void testInvalidClusterLinkNames()
    {
        assertClusterLinkNameFails("", "Cluster link name cannot be empty");
        assertClusterLinkNameFails(null, "Cluster link name cannot be empty");
        // "/" is caught by the URL-segment check before the path-traversal check
        assertClusterLinkNameFails("../evil", "Cannot contain \"/\"");
        assertClusterLinkNameFails("a/b", "Cannot contain \"/\"");
        assertClusterLinkNameFails("link..bad", "Invalid name \"link..bad\", may not contain slashes or consecutive dots");
        assertClusterLinkNameFails("a\\b", "Invalid name \"a\\\\b\", may not contain slashes or consecutive dots");
        assertClusterLinkNameFails("link?param=1", "Cannot contain \"?\"");
        assertClusterLinkNameFails("link&other", "Cannot contain \"&\"");
        assertClusterLinkNameFails("link+plus", "Cannot contain \"+\"");
        assertClusterLinkNameFails("lïnk", "Name contains non-ASCII character 'ï'");
        assertClusterLinkNameFails("link😀", "Name contains non-ASCII character '😀'");
    }

    @Test
    void testGroupNames()
    {
        assertThatCode(() -> Names.validateGroupName("admins")).doesNotThrowAnyException();
        assertThatCode(() -> Names.validateGroupName("link readers")).doesNotThrowAnyException();

        assertThatThrownBy(() -> Names.validateGroupName("")).isInstanceOf(ValidationException.class).hasMessage("Group name cannot be empty");
        assertThatThrownBy(() -> Names.validateGroupName("a/b")).isInstanceOf(ValidationException.class).hasMessage("Group name cannot contain a forward slash");
        assertThatThrownBy(() -> Names.validateGroupName("a:b")).isInstanceOf(ValidationException.class).hasMessage("Group name cannot contain a colon");
    }

    @Test
    void testProjectNames()
    {
        for (String name : List.of("default", "web-prod", "p1", "a.b")) {
            assertThatCode(() -> Names.validateProjectName(name)).as(name).doesNotThrowAnyException();
        }

        assertProjectNameFails("", "No name provided");
        assertProjectNameFails("a/b", "Project names may not contain slashes");
        assertProjectNameFails("a b", "Project names may not contain spaces");
        assertProjectNameFails("a_b", "Project names may not contain underscores");
        assertProjectNameFails("a'b", "Project names may not contain quotes");
        assertProjectNameFails("a\"b", "Project names may not contain quotes");
        assertProjectNameFails("*", "Reserved project name");
        assertProjectNameFails(".", "Invalid project name \".\"");
        assertProjectNameFails("..", "Invalid project name \"..\"");
    }

    @Test
    void testEntityNames()
    {
        for (String name : List.of("r1", "my replicator", "a.b", "ünïcode")) {
            assertThatCode(() -> Names.validateEntityName("replicator", name)).as(name).doesNotThrowAnyException();
        }

        assertEntityNameFails("", "Replicator name cannot be empty");
        assertEntityNameFails("a/b", "Invalid replicator name \"a/b\": may not contain slashes");
        assertEntityNameFails("a\\b", "Invalid replicator name \"a\\\\b\": may not contain slashes");
        assertEntityNameFails("..", "Invalid replicator name \"..\": may not be \".\" or contain consecutive dots");
        assertEntityNameFails("a..b", "Invalid replicator name \"a..b\": may not be \".\" or contain consecutive dots");
        assertEntityNameFails(".", "Invalid replicator name \".\": may not be \".\" or contain consecutive dots");
        assertEntityNameFails("a\nb", "Invalid replicator name \"a\\nb\": may not contain control characters");
        assertEntityNameFails("a\u0000b", "Invalid replicator name \"a\\x00b\": may not contain control characters");
    }

    @Test
    void testIdentityNames()
    {
        for (String name : List.of("alice", "my laptop", "a.b", "a..b", "-x", "ünïcode")) {
            assertThatCode(() -> Names.validateIdentityName(name)).as(name).doesNotThrowAnyException();
        }
        assertIdentityNameFails(null, "Identity name must be provided");
        assertIdentityNameFails("", "Identity name must be provided");
        assertIdentityNameFails("a/b", "Identity name cannot contain a forward slash");
        assertIdentityNameFails(".", "Identity name cannot be \".\" or \"..\"");
        assertIdentityNameFails("..", "Identity name cannot be \".\" or \"..\"");
        assertIdentityNameFails("a\nb", "Identity name cannot contain control characters");
        assertIdentityNameFails("a\u007fb", "Identity name cannot contain control characters");
    }

    private static void assertIdentityNameFails(String name, String message)
    {
        assertThatThrownBy(() -> Names.validateIdentityName(name))
                .as(String.valueOf(name))
                .isInstanceOf(ValidationException.class)
                .hasMessage(message);
    }

    private static void assertClusterLinkNameFails(String name, String message)
    {
        assertThatThrownBy(() -> Names.validateClusterLinkName(name))
                .as(name)
                .isInstanceOf(ValidationException.class)
                .hasMessage(message);
    }

    private static void assertProjectNameFails(String name, String message)
    {
        assertThatThrownBy(() -> Names.validateProjectName(name))
                .as(name)
                .isInstanceOf(ValidationException.class)
                .hasMessage(message);
    }

    private static void assertEntityNameFails(String name, String message)
    {
        assertThatThrownBy(() -> Names.validateEntityName("replicator", name))
                .as(name)
                .isInstanceOf(ValidationException.class)
                .hasMessage(message);
    }
}
