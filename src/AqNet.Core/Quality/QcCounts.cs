namespace AqNet.Core.Quality;

/// <summary>Numbers of observed values and of values carrying each flag, for one series or a total.</summary>
public readonly record struct QcCounts(int Observed, int OutOfBounds, int Spike, int ConstantRun, int Pm25AbovePm10, int Reconciled, int AnyFlag)
{
    public int Of(QcFlags flag) => flag switch
    {
        QcFlags.OutOfBounds => OutOfBounds,
        QcFlags.Spike => Spike,
        QcFlags.ConstantRun => ConstantRun,
        QcFlags.Pm25AbovePm10 => Pm25AbovePm10,
        QcFlags.Reconciled => Reconciled,
        _ => throw new ArgumentOutOfRangeException(nameof(flag), flag, "expected a single flag"),
    };

    public static QcCounts operator +(QcCounts a, QcCounts b) => new(a.Observed + b.Observed, a.OutOfBounds + b.OutOfBounds,
        a.Spike + b.Spike, a.ConstantRun + b.ConstantRun, a.Pm25AbovePm10 + b.Pm25AbovePm10, a.Reconciled + b.Reconciled, a.AnyFlag + b.AnyFlag);

    /// <summary>Counts of one series' flags over its observed hours.</summary>
    public static QcCounts Count(ReadOnlySpan<bool> mask, ReadOnlySpan<byte> flags)
    {
        int obs = 0, ob = 0, sp = 0, cr = 0, pm = 0, rc = 0, any = 0;
        for (var i = 0; i < mask.Length; i++)
        {
            if (!mask[i]) continue;
            obs++;
            var f = (QcFlags)flags[i];
            if (f.HasFlag(QcFlags.OutOfBounds)) ob++;
            if (f.HasFlag(QcFlags.Spike)) sp++;
            if (f.HasFlag(QcFlags.ConstantRun)) cr++;
            if (f.HasFlag(QcFlags.Pm25AbovePm10)) pm++;
            if (f.HasFlag(QcFlags.Reconciled)) rc++;
            if (QcFlagBits.IsQualityFlagged((byte)f)) any++;
        }
        return new QcCounts(obs, ob, sp, cr, pm, rc, any);
    }
}
