package dev.jxd.daemon.cluster;

import dev.jxd.daemon.db.StateCommand;
import dev.jxd.daemon.db.raft.StateCommandCodec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Every state command the daemon has, found as the records nested in each store class, so that a new
 * command is replicable without a second list to keep in step. Wire names are {@code Store.Command}.
 */
public final class StateCommandCatalog
{
    private StateCommandCatalog() {}

    public static StateCommandCodec codec(List<Class<?>> storeClasses)
    {
        StateCommandCodec codec = new StateCommandCodec();
        for (Class<? extends StateCommand<?>> type : commandTypes(storeClasses)) {
            codec.register(type.getEnclosingClass().getSimpleName() + "." + type.getSimpleName(), type);
        }
        return codec;
    }

    @SuppressWarnings("unchecked")
    static List<Class<? extends StateCommand<?>>> commandTypes(List<Class<?>> storeClasses)
    {
        List<Class<? extends StateCommand<?>>> types = new ArrayList<>();
        for (Class<?> store : storeClasses) {
            Arrays.stream(store.getDeclaredClasses())
                    .filter(nested -> nested.isRecord() && StateCommand.class.isAssignableFrom(nested))
                    .sorted(Comparator.comparing(Class::getSimpleName))
                    .forEach(nested -> types.add((Class<? extends StateCommand<?>>) nested));
        }
        return types;
    }
}
