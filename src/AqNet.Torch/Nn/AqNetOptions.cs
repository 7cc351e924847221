namespace AqNet.Torch.Nn;

/// <summary>How a temporal encoder turns its T step vectors into one vector per station.</summary>
public enum Pooling
{
    /// <summary>Average over the time steps.</summary>
    Mean,
    /// <summary>Learned softmax weights over the time steps.</summary>
    Attention,
    /// <summary>The last time step (the classic LSTM read-out).</summary>
    Last,
}

/// <summary>Shape and hyper-parameters of the neural models (AQ-Net, LSTM, PatchTST). Serialised as JSON in
/// checkpoints, so a model can be rebuilt from it alone.</summary>
public sealed record AqNetOptions
{
    /// <summary>Width F of the windows given to forward ([B, W, F]); the model reads <see cref="FeatureIndices"/> of them.</summary>
    public required int InputFeatures { get; init; }
    /// <summary>Number of target steps H predicted at once.</summary>
    public required int Horizon { get; init; }
    /// <summary>Input window length W in hours (PatchTST needs it for its number of patches).</summary>
    public int Window { get; init; } = 24;
    public int Hidden { get; init; } = 64;
    public int Layers { get; init; } = 2;
    public int Heads { get; init; } = 4;
    public double Dropout { get; init; } = 0.1;
    /// <summary>Informative: false when <see cref="FeatureIndices"/> excludes the "cyc:" features (aqnet-no-ce).</summary>
    public bool UseCyclic { get; init; } = true;
    public Pooling Pooling { get; init; } = Pooling.Mean;
    /// <summary>Indices into the F input features the model reads, or null for all of them.</summary>
    public int[]? FeatureIndices { get; init; }
    /// <summary>Index in X (before feature selection) of PM2.5's own scaled history, or -1. When set, the model
    /// predicts the change from the mean of its last <see cref="ResidualSpan"/> steps (a skip connection: every
    /// neural model starts from persistence instead of having to learn it). -1 reproduces the paper's plain head.</summary>
    public int ResidualFeature { get; init; } = -1;
    /// <summary>Steps averaged for the residual base: 1 for hourly targets, 24 for daily means.</summary>
    public int ResidualSpan { get; init; } = 1;
    /// <summary>Add a <see cref="LinearSkip"/> (a linear path from the recent window to the horizon) to the output.</summary>
    public bool LinearSkip { get; init; }
    /// <summary>PatchTST patch length; 0 = 6 for W ≤ 48, else 24.</summary>
    public int PatchLength { get; init; }
    /// <summary>PatchTST stride; 0 = half the patch length.</summary>
    public int PatchStride { get; init; }

    /// <summary>Number of input channels the network actually sees.</summary>
    public int SelectedFeatures => FeatureIndices?.Length ?? InputFeatures;
    public int EffectivePatchLength => PatchLength > 0 ? PatchLength : Window <= 48 ? 6 : 24;
    public int EffectivePatchStride => PatchStride > 0 ? PatchStride : Math.Max(1, EffectivePatchLength / 2);
    public int PatchCount => (Window - EffectivePatchLength) / EffectivePatchStride + 1;

    /// <summary>Throws ArgumentOutOfRangeException naming the first bad property.</summary>
    public void Validate()
    {
        Guard.AtLeast(InputFeatures, 1, nameof(InputFeatures));
        Guard.AtLeast(Horizon, 1, nameof(Horizon));
        Guard.AtLeast(Window, 1, nameof(Window));
        Guard.AtLeast(Hidden, 1, nameof(Hidden));
        Guard.AtLeast(Layers, 1, nameof(Layers));
        Guard.AtLeast(Heads, 1, nameof(Heads));
        Guard.Probability(Dropout, nameof(Dropout));
        if (Hidden % Heads != 0)
            throw new ArgumentOutOfRangeException(nameof(Heads), Heads, $"Heads = {Heads} must divide Hidden = {Hidden}");
        Guard.AtLeast(PatchLength, 0, nameof(PatchLength));
        Guard.AtLeast(PatchStride, 0, nameof(PatchStride));
        Guard.InRange(ResidualFeature, -1, InputFeatures - 1, nameof(ResidualFeature), "-1 (none) or a feature index");
        Guard.InRange(ResidualSpan, 1, Window, nameof(ResidualSpan), "a number of hours up to Window");
        if (FeatureIndices is { } idx)
        {
            if (idx.Length == 0) throw new ArgumentOutOfRangeException(nameof(FeatureIndices), "FeatureIndices is empty; use null for all features");
            foreach (var i in idx)
                Guard.InRange(i, 0, InputFeatures - 1, nameof(FeatureIndices), "a feature index");
        }
    }

    /// <summary>The feature indices a model reads: all of them, or all but the "cyc:" ones when useCyclic is false.</summary>
    public static int[]? SelectFeatures(IReadOnlyList<string> featureNames, bool useCyclic)
    {
        ArgumentNullException.ThrowIfNull(featureNames);
        if (useCyclic) return null;
        var keep = new List<int>();
        for (var i = 0; i < featureNames.Count; i++)
            if (!featureNames[i].StartsWith("cyc:", StringComparison.Ordinal)) keep.Add(i);
        if (keep.Count == 0) throw new ArgumentException("every feature is cyclic; nothing left without them", nameof(featureNames));
        return [.. keep];
    }
}
