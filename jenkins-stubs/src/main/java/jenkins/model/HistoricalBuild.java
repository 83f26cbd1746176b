package jenkins.model;

import hudson.model.ModelObject;

public interface HistoricalBuild extends ModelObject {}
