using AqNet.Core.Data;
using AqNet.Torch.Training;

namespace AqNet.Torch.Impute;

/// <summary>The file of a production aqnet-st model: "AQNETST1", the <see cref="StModelInfo"/> header as JSON, the
/// weights, and a SHA-256 trailer (see <see cref="Checkpoint"/>); written atomically, verified before it is read.</summary>
public static class StCheckpoint
{
    public const string FileName = "model.aqst";
    private static readonly byte[] Magic = "AQNETST1"u8.ToArray();

    public static void Save(string path, StImputer model, StModelInfo info)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(info);
        var net = model.Network ?? throw new InvalidOperationException("aqnet-st: fit the model before saving it");
        Checkpoint.WriteChecksummed(path, w =>
        {
            Checkpoint.WriteHeader(w, Magic, info);
            net.save(w);
        });
    }

    public static StModelInfo ReadInfo(string path)
    {
        using var r = Checkpoint.Open(path, Magic);
        return Checkpoint.ReadHeader<StModelInfo>(r, path, Magic);
    }

    /// <summary>The model in eval mode, ready for <see cref="StImputer.EstimateCalibrated"/>.</summary>
    public static (StImputer Model, StModelInfo Info) Load(string path)
    {
        using var r = Checkpoint.Open(path, Magic);
        var info = Checkpoint.ReadHeader<StModelInfo>(r, path, Magic);
        if (info.FormatVersion != StModelInfo.Format)
            throw new InputException($"{path}: model format '{info.FormatVersion}'; this version of AqNet reads '{StModelInfo.Format}'");
        try { info.Options.Validate(); }
        catch (ArgumentException e) { throw new InputException($"{path}: invalid model options ({e.Message})", e); }
        var model = new StImputer(info.Options, info.Train);
        try
        {
            model.Restore(info.Mean, info.Std, net => net.load(r));
        }
        catch (Exception e) when (e is EndOfStreamException or ArgumentException or InvalidOperationException)
        {
            model.Dispose();
            throw new InputException($"{path}: the weights do not match an aqnet-st model with the stored options ({e.Message})", e);
        }
        return (model, info);
    }

    /// <summary>The model file inside a model folder (or the file itself).</summary>
    public static string PathIn(string dirOrFile)
    {
        if (File.Exists(dirOrFile)) return dirOrFile;
        var p = Path.Combine(dirOrFile, FileName);
        if (File.Exists(p)) return p;
        throw new InputException(Directory.Exists(dirOrFile)
            ? $"--model '{dirOrFile}' holds no {FileName}; expected a folder written by `aqnet fit`"
            : $"--model '{dirOrFile}' does not exist; expected a folder written by `aqnet fit`");
    }
}
