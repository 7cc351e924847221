using AqNet.Core.Data;
using AqNet.Core.Impute;
using AqNet.Torch.Impute;

namespace AqNet.Torch.Forecasters;

/// <summary>The aqnet-st models of one `experiment temporal` run, one per seed, trained on first use and shared by every
/// horizon (one model serves all horizons, as it serves gaps and places without a station).</summary>
public sealed class StForecasts(Panel panel, StOptions options, StTrainOptions train) : IDisposable
{
    public sealed record Fit(StImputer Model, ImputeView View);

    private readonly Dictionary<int, Fit> _fits = [];

    public Fit Get(int seed, (int From, int To) training, (int From, int To) validation, IProgress<string>? progress, CancellationToken ct)
    {
        if (_fits.TryGetValue(seed, out var fit)) return fit;
        var roles = new HourRole[panel.Hours];
        Array.Fill(roles, HourRole.Unused);
        for (var t = Math.Max(0, training.From); t < Math.Min(panel.Hours, training.To); t++) roles[t] = HourRole.Train;
        for (var t = Math.Max(0, validation.From); t < Math.Min(panel.Hours, validation.To); t++) roles[t] = HourRole.Validation;
        var protocol = new ImputeProtocolOptions { Kind = ImputeProtocolKind.Block, Seed = seed };
        var task = new ImputeTask(panel, Variables.Pm25, panel.UtcOffsetHours, roles, [], protocol);
        var usable = Core.Quality.QcFlagBits.Usable(panel, panel.VariableIndex(Variables.Pm25));
        var input = new bool[task.T * task.S];
        for (var i = 0; i < input.Length; i++) input[i] = usable[i] && roles[i / task.S] != HourRole.Unused;
        var val = GapPatterns.Blocks(input, roles, HourRole.Validation, task.S, protocol.BlockStartRate, protocol.BlockMinHours,
            protocol.BlockMaxHours, protocol.BlockPointRate, new Random(seed));
        var none = new bool[task.S];
        var fold = new ImputeFold("forecast", input, new HiddenPoints(none, new bool[input.Length]), [new HiddenPoints(none, val)]);
        var model = new StImputer(options, train with { Seed = seed });
        progress?.Report($"aqnet-st seed {seed}: training once for every horizon");
        model.Fit(task, fold, progress, ct);
        // Forecasts read every usable observation up to their origin; StImputer.Forecast masks the rest.
        fit = new Fit(model, new ImputeView(task, usable, none));
        _fits[seed] = fit;
        return fit;
    }

    public void Dispose()
    {
        foreach (var f in _fits.Values) f.Model.Dispose();
        _fits.Clear();
    }
}
