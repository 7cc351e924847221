using AqNet.Core.Data;
using AqNet.Core.Experiments;
using AqNet.Core.Impute;
using AqNet.Core.Windows;
using AqNet.Torch.Impute;

namespace AqNet.Torch.Forecasters;

/// <summary>The reanalysis model aqnet-st as a forecaster of `experiment temporal` (hourly protocols): one model per
/// seed, trained once on the training hours (gaps of every pattern, forecasts among them; early stopping on block gaps in
/// the validation hours) and shared by the horizons through <see cref="StForecasts"/>. Each test window becomes a
/// forecast from its last input hour with every later hour of every station masked (see <see cref="StImputer.Forecast"/>).
/// It reads the same station's and its neighbours' past, which the windowed models do not.</summary>
public sealed class StForecaster(StForecasts fits) : IForecaster
{
    public const string ModelName = "aqnet-st";
    private StForecasts.Fit? _fit;

    public string Name => ModelName;

    public void Fit(WindowSet train, WindowSet validation, WindowContext context, IProgress<string>? progress, CancellationToken ct)
    {
        if (context.StepHours != 1) throw new InputException("aqnet-st forecasts hourly protocols (table1); expected --protocol table1");
        _fit = fits.Get(context.Seed, Hours(train), Hours(validation), progress, ct);
    }

    public float[] Predict(WindowSet set, WindowContext context)
    {
        var fit = _fit ?? throw new InvalidOperationException("aqnet-st: call Fit before Predict");
        var at = Enumerable.Range(0, set.N).Select(n => (set.Station[n], set.T0[n] - 1)).ToArray();
        var ugm3 = fit.Model.Forecast(fit.View, at, set.H, CancellationToken.None);
        var scaled = new float[ugm3.Length];
        for (var i = 0; i < scaled.Length; i++) scaled[i] = context.Scale(ugm3[i]);
        return scaled;
    }

    // The panel hours a window set's inputs and targets span: [first input hour, last target hour + 1).
    private static (int From, int To) Hours(WindowSet s) => s.N == 0
        ? throw new InputException("aqnet-st: no windows to train on")
        : (s.T0.Min() - s.W, s.T0.Max() + s.H);
}
