using AqNet.Core.Data;
using AqNet.Core.Experiments;
using AqNet.Core.Preprocessing;
using AqNet.Core.Splitting;
using AqNet.Core.Store;
using AqNet.Core.Windows;
using AqNet.Torch.Jobs.Train;

namespace AqNet.Torch.Jobs.Temporal;

/// <summary>The windows of one protocol and horizon from a store, exactly as `experiment temporal` builds them,
/// plus a fingerprint naming the store, protocol and horizon (checkpoints carry it).</summary>
public sealed record TemporalData(Panel Panel, Protocol Protocol, int Horizon, TimeSplit Split, StandardScaler Scaler,
    WindowSet Train, WindowSet Validation, WindowSet Test, WindowContext Context, string Fingerprint)
{
    public static TemporalData Prepare(string storePath, string protocolName, int? horizon, bool meteorology, string? workDir)
    {
        var protocol = Protocol.Get(protocolName);
        var h = horizon ?? protocol.Horizons.Max();
        if (!protocol.Horizons.Contains(h))
            throw new InputException($"--horizon {h} is not a horizon of {protocol.Name}; expected one of {string.Join(", ", protocol.Horizons)}");
        Panel panel;
        string storeFingerprint;
        using (var store = AqStore.OpenRead(storePath))
        {
            panel = PanelLoader.Load(store, null, meteorology ? Variables.All : Variables.Pollutants);
            storeFingerprint = StoreFingerprint.Of(store);
        }
        TemporalJob.CheckLength(panel, protocol, storePath);
        var split = TimeSplit.ByFraction(panel.Hours, protocol.W, protocol.Horizons.Max() * protocol.StepHours);
        var scaler = WindowBuilder.FitScaler(panel, split.Train);
        var options = new TemporalExperimentOptions { Protocol = protocol.Name, OutputDir = workDir ?? ".", IncludeMeteorology = meteorology };
        var wo = TemporalExperiment.WindowOptionsFor(panel, options, protocol, h);
        var sets = WindowBuilder.Build(panel, [split.Train, split.Validation, split.Test], wo, scaler);
        var ctx = WindowBuilder.Context(panel, sets[0], wo, scaler) with { WorkDir = workDir };
        var fingerprint = new TrainFingerprint(storeFingerprint, protocol.Name, protocol.Label(h), meteorology).ToString();
        return new TemporalData(panel, protocol, h, split, scaler, sets[0], sets[1], sets[2], ctx, fingerprint);
    }
}
