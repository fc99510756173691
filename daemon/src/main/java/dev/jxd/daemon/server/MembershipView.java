package dev.jxd.daemon.server;

import java.util.List;
import java.util.Optional;

/**
 * What the server part needs to know about cluster membership: whether this server is a cluster
 * member, its member name and address, and every member's address (trust tokens carry them all).
 */
public interface MembershipView
{
    boolean clustered();

    /** This member's name; empty when not clustered. */
    Optional<String> memberName();

    /** This member's HTTPS address; empty when not clustered. */
    Optional<String> memberAddress();

    /** Every member's HTTPS address, this member's first; empty when not clustered. */
    List<String> memberAddresses();

    static MembershipView standalone()
    {
        return new MembershipView()
        {
            @Override
            public boolean clustered()
            {
                return false;
            }

            @Override
            public Optional<String> memberName()
            {
                return Optional.empty();
            }

            @Override
            public Optional<String> memberAddress()
            {
                return Optional.empty();
            }

            @Override
            public List<String> memberAddresses()
            {
                return List.of();
            }
        };
    }
}
