package org.jenkinsci.plugins.workflow.steps;

/**
 * Stand-in with upstream's behaviour: {@link #run(Block)} runs background work off the CPS thread (not at all once stopped);
 * {@link #stop(Throwable)} cancels it and fails the step; {@link TailCall} runs {@code finished} in background work at the body's end,
 * and not at all after {@link #stop(Throwable)}; {@link #onResume()} fails the step when background work was running at a restart.
 */
public abstract class GeneralNonBlockingStepExecution extends StepExecution {
    private static final long serialVersionUID = 1L;
    private transient volatile Thread task;
    private String threadName;
    private transient volatile Throwable stopCause;

    protected GeneralNonBlockingStepExecution(StepContext context) {
        super(context);
    }

    @FunctionalInterface
    protected interface Block {
        void run() throws Exception;
    }

    protected final void run(Block block) {
        if (stopCause != null) {
            return;
        }
        Thread worker = new Thread(
                () -> {
                    threadName = Thread.currentThread().getName();
                    try {
                        block.run();
                    } catch (Throwable x) {
                        if (stopCause == null) {
                            getContext().onFailure(x);
                        } else {
                            stopCause.addSuppressed(x);
                        }
                    } finally {
                        threadName = null;
                        task = null;
                    }
                },
                "GeneralNonBlockingStepExecution " + getClass().getName());
        worker.setDaemon(true);
        task = worker;
        worker.start();
    }

    @Override
    public void stop(Throwable cause) throws Exception {
        stopCause = cause;
        Thread running = task;
        if (running != null) {
            running.interrupt();
        }
        super.stop(cause);
    }

    @Override
    public void onResume() {
        if (threadName != null) {
            getContext().onFailure(new Exception("Resume after a restart not supported while running background code"));
        }
    }

    @Override
    public String getStatus() {
        return threadName != null ? "running in thread: " + threadName : "not currently scheduled, or running blocks";
    }

    @Override
    public boolean blocksRestart() {
        return threadName != null;
    }

    protected abstract class TailCall extends BodyExecutionCallback {
        private static final long serialVersionUID = 1L;

        protected TailCall() {}

        protected abstract void finished(StepContext context) throws Exception;

        @Override
        public final void onSuccess(StepContext context, Object result) {
            run(() -> {
                try {
                    finished(context);
                } catch (Exception x) {
                    if (stopCause == null) {
                        context.onFailure(x);
                    } else {
                        stopCause.addSuppressed(x);
                    }
                    return;
                }
                context.onSuccess(result);
            });
        }

        @Override
        public final void onFailure(StepContext context, Throwable t) {
            run(() -> {
                try {
                    finished(context);
                } catch (Exception x) {
                    t.addSuppressed(x);
                }
                context.onFailure(t);
            });
        }
    }
}
