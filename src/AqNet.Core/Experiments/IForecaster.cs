using AqNet.Core.Windows;

namespace AqNet.Core.Experiments;

/// <summary>Anything that predicts the H target steps of a window: baselines in Core, neural models in
/// AqNet.Torch. Every forecaster sees the same windows, split and scaled targets, so results are comparable.</summary>
public interface IForecaster
{
    /// <summary>One of: persistence, climatology, ridge, lstm, patchtst, aqnet-no-ce, aqnet.</summary>
    string Name { get; }

    /// <summary>Fits on the training windows; the validation windows are for early stopping only.</summary>
    void Fit(WindowSet train, WindowSet validation, WindowContext context, IProgress<string>? progress, CancellationToken ct);

    /// <summary>Predictions [N, H] in the scaled target units of the WindowSet.</summary>
    float[] Predict(WindowSet set, WindowContext context);
}
