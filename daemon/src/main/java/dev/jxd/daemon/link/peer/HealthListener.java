package dev.jxd.daemon.link.peer;

import java.util.Optional;

/** Told when a remote member's status changes; called on the prober's thread, so it must not block for long. */
@FunctionalInterface
public interface HealthListener
{
    /**
     * @param previous empty the first time the member is seen; the monitor reports a first sighting only when the member
     * is not {@link ProbeStatus#ACTIVE}, so a healthy start stays quiet and a broken one is announced
     */
    void statusChanged(Optional<MemberHealth> previous, MemberHealth current);
}
