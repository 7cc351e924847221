namespace AqNet.Core.Experiments;

/// <summary>Marker for forecasters whose result does not depend on the seed (the baselines): the experiment runner
/// fits them once and reports them with seeds = 1 and std = 0 instead of refitting identical models.</summary>
public interface IDeterministicForecaster : IForecaster;
