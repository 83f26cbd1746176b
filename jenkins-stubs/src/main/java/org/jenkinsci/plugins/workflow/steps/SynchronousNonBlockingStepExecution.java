package org.jenkinsci.plugins.workflow.steps;

/**
 * Stand-in: as upstream, {@link #run()} runs on its own thread and its outcome completes the context;
 * {@link #stop(Throwable)} interrupts that thread.
 */
public abstract class SynchronousNonBlockingStepExecution<T> extends StepExecution {
    private static final long serialVersionUID = 1L;
    private transient volatile Thread worker;

    protected SynchronousNonBlockingStepExecution(StepContext context) {
        super(context);
    }

    protected abstract T run() throws Exception;

    @Override
    public final boolean start() throws Exception {
        worker = new Thread(
                () -> {
                    try {
                        getContext().onSuccess(run());
                    } catch (Throwable t) {
                        getContext().onFailure(t);
                    }
                },
                "SynchronousNonBlockingStepExecution " + getClass().getName());
        worker.setDaemon(true);
        worker.start();
        return false;
    }

    @Override
    public void stop(Throwable cause) throws Exception {
        Thread running = worker;
        if (running != null) {
            running.interrupt();
        }
    }
}
