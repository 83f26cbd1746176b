package hudson.model;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import jenkins.model.ModelObjectWithContextMenu;

/** Stand-in: an object that holds actions, kept in memory. */
public abstract class Actionable extends AbstractModelObject implements ModelObjectWithContextMenu {
    private final List<Action> actions = new CopyOnWriteArrayList<>();

    public List<Action> getActions() {
        return actions;
    }

    public void addAction(Action a) {
        actions.add(a);
    }

    /** Replaces an action of the same class; true when one was there. */
    public boolean addOrReplaceAction(Action a) {
        boolean found = actions.removeIf(existing -> existing.getClass() == a.getClass());
        actions.add(a);
        return found;
    }

    public <T extends Action> List<T> getActions(Class<T> type) {
        List<T> matching = new ArrayList<>();
        for (Action a : actions) {
            if (type.isInstance(a)) {
                matching.add(type.cast(a));
            }
        }
        return matching;
    }

    public <T extends Action> T getAction(Class<T> type) {
        List<T> matching = getActions(type);
        return matching.isEmpty() ? null : matching.get(0);
    }
}
